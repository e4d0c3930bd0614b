import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article, Revision, RevisionState
from editorial.audit import verify_chain
from editorial.management.commands.seed_demo import DEMO_PASSWORD
from editorial.models import AuditEvent, ReaderReport
from reviewers.models import ReReview
from tests.public_view import public_detail


@pytest.mark.django_db
def test_seed_demo_covers_every_state_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    states = set(Revision.objects.values_list("state", flat=True))
    count = Revision.objects.count()
    events = AuditEvent.objects.count()

    call_command("seed_demo", public_demo_passwords=True, verbosity=0)

    assert states == set(RevisionState.values)
    assert Revision.objects.count() == count
    assert AuditEvent.objects.count() == events
    shown = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"board_recused", "due_date_extended", "role_granted", "reviewer_profile_created"} <= (
        shown
    )
    assert list(verify_chain()) == []
    reports = dict(ReaderReport.objects.values_list("article__slug", "state"))
    assert reports == {"high-blood-pressure": "new", "type-2-diabetes-first-steps": "resolved"}
    assert ReaderReport.objects.count() == 2
    status, shown = public_detail("high-blood-pressure")
    assert (status, shown["revision"]) == (200, 1)
    newer = Article.objects.get(slug="high-blood-pressure").revisions.order_by("-number").first()
    assert newer.state == RevisionState.UNDER_REVIEW
    rereview = ReReview.objects.get()
    assert (rereview.article.slug, rereview.state) == ("type-2-diabetes-first-steps", "open")
    assert rereview.assignments.get().recommendation == "still_accurate"


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_demo_staff_sign_in_with_the_code_demo_code_prints(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    printed = capsys.readouterr().out
    assert "python manage.py demo_code" in printed
    assert "IMPR IMAT URDE MOSE CRET KEY2 3456 7ABC" in printed
    for username in ("admin", "dr.okafor", "prof.lindqvist", "editor.hughes"):
        assert TOTPDevice.objects.get(user__username=username).confirmed
    assert not TOTPDevice.objects.filter(user__username="writer.chen").exists()
    enrolled = AuditEvent.objects.filter(action="second_factor_enrolled").count()

    call_command("demo_code", "editor.hughes")
    code = capsys.readouterr().out.strip()
    client = Client()
    client.post("/admin/login/", {"username": "editor.hughes", "password": DEMO_PASSWORD})
    TOTPDevice.objects.update(last_t=-1)  # the set-up a moment ago used this code already
    response = client.post("/admin/second-factor/", {"otp": code})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    assert AuditEvent.objects.filter(action="second_factor_enrolled").count() == enrolled


def test_demo_code_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("demo_code")


@pytest.mark.django_db
def test_seed_demo_needs_the_explicit_flag(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="--public-demo-passwords"):
        call_command("seed_demo", verbosity=0)
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_seed_demo_refuses_a_database_with_real_people(settings, django_user_model):
    settings.DEBUG = True
    django_user_model.objects.create_user("dr.real", password="a real password 123")
    with pytest.raises(CommandError, match="not demo data"):
        call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    assert not django_user_model.objects.filter(username="admin").exists()
