"""Test data. Workflow states are reached through services (see conftest), never by
assigning ``state``."""

import importlib

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Specialty
from reviewers.models import Reviewer


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-imprimatur-test")
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            ensure_role_groups()
            self.groups.add(*Group.objects.filter(name__in=extracted))


def ensure_role_groups() -> None:
    """Transactional tests empty every table, the role groups included; put them back
    with the data migration's own code."""
    migration = importlib.import_module("editorial.migrations.0002_role_groups")
    if Group.objects.filter(name__in=migration.ROLE_PERMISSIONS).count() < len(
        migration.ROLE_PERMISSIONS
    ):
        migration.create_groups(apps, None)
    Group.objects.get_or_create(name="Pipelines")


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Specialty {n}")
    slug = factory.Sequence(lambda n: f"specialty-{n}")


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory, groups=["Reviewers"])
    display_name = factory.Sequence(lambda n: f"Dr Reviewer {n}")
    credentials = "MD, FRCP"
    max_active_reviews = 5


def reference_data(n: int = 1) -> list[dict]:
    return [
        {
            "kind": "guideline",
            "title": f"Clinical guideline number {i}",
            "source": "National Institute for Health and Care Excellence",
            "year": 2023,
            "doi": f"10.1000/example.{i}",
            "url": f"https://example.org/guideline/{i}",
        }
        for i in range(1, n + 1)
    ]
