import pytest
from django.core.management import CommandError, call_command

from articles.models import Revision, RevisionState
from articles.selectors import published_articles
from editorial.audit import verify_chain


@pytest.mark.django_db
def test_seed_demo_covers_every_state_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    states = set(Revision.objects.values_list("state", flat=True))
    count = Revision.objects.count()

    call_command("seed_demo", verbosity=0)

    assert states == set(RevisionState.values)
    assert Revision.objects.count() == count
    assert list(verify_chain()) == []
    live = published_articles().get(slug="high-blood-pressure")
    newer = live.revisions.order_by("-number").first()
    assert live.live_revision.number == 1
    assert newer.state == RevisionState.UNDER_REVIEW


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("seed_demo", verbosity=0)
    assert not Revision.objects.exists()
