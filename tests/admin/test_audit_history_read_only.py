"""The audit history and the votes are read-only in the admin for everyone, superusers too;
revisions are never added, changed or deleted there either."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editorial.models import AuditEvent, BoardVote
from tests.factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.mark.parametrize("model", ["editorial_auditevent", "editorial_boardvote"])
def test_superuser_can_read_but_not_add_change_or_delete_records(workflow, login, root, model):
    workflow.approved()
    obj = (AuditEvent if model == "editorial_auditevent" else BoardVote).objects.first()
    client = login(root)

    listing = client.get(reverse(f"admin:{model}_changelist"))
    detail = client.get(reverse(f"admin:{model}_change", args=[obj.pk]))
    add = client.get(reverse(f"admin:{model}_add"))
    delete = client.post(reverse(f"admin:{model}_delete", args=[obj.pk]), {"post": "yes"})
    change = client.post(reverse(f"admin:{model}_change", args=[obj.pk]), {"comment": "edited"})

    assert listing.status_code == 200
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert add.status_code == 403
    assert delete.status_code == 403
    assert change.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert 'name="action"' not in listing.content.decode()


def test_revisions_cannot_be_added_or_deleted_in_the_admin(workflow, login, root):
    revision = workflow.submitted()
    client = login(root)

    add = client.get(reverse("admin:articles_revision_add"))
    delete = client.post(reverse("admin:articles_revision_delete", args=[revision.pk]))

    assert add.status_code == 403
    assert delete.status_code == 403


@pytest.mark.parametrize("role", ["reviewer", "author"])
def test_reviewers_and_authors_cannot_open_the_audit_history(workflow, login, role):
    workflow.submitted()
    user = workflow.reviewers[0].user if role == "reviewer" else workflow.author
    response = login(user).get(reverse("admin:editorial_auditevent_changelist"))
    assert response.status_code == 403
