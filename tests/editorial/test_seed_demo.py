import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article, Revision, RevisionState
from editorial.audit import verify_chain
from editorial.management.commands.seed_demo import DEMO_PASSWORD
from editorial.models import AuditEvent, ReaderReport
from editorial.selectors.admin import revision_list, revision_queue
from reviewers.models import PublicProfile, ReReview, ReviewDraft
from tests.public_view import public_detail


@pytest.mark.django_db
def test_seed_demo_covers_every_state_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    states = set(Revision.objects.values_list("state", flat=True))
    count = Revision.objects.count()
    # Each run sends the pending invitation a fresh reviewer's link (and prints it).
    events = AuditEvent.objects.exclude(action="reviewer_link_sent").count()

    call_command("seed_demo", public_demo_passwords=True, verbosity=0)

    assert states == set(RevisionState.values)
    assert Revision.objects.count() == count
    assert AuditEvent.objects.exclude(action="reviewer_link_sent").count() == events
    shown = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"board_recused", "due_date_extended", "role_granted", "reviewer_profile_created"} <= (
        shown
    )
    assert list(verify_chain()) == []
    status, shown = public_detail("high-blood-pressure")
    assert (status, shown["revision"]) == (200, 1)
    newer = Article.objects.get(slug="high-blood-pressure").revisions.order_by("-number").first()
    assert newer.state == RevisionState.UNDER_REVIEW
    rereview = ReReview.objects.get(state="open")
    assert rereview.article.slug == "type-2-diabetes-first-steps"
    assert rereview.assignments.get().recommendation == "still_accurate"


@pytest.mark.django_db
def test_seed_demo_prints_a_working_reviewer_link_and_keeps_a_draft_review(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", public_demo_passwords=True, stdout=out)
    path = re.search(r"https?://[^/\s]+(/workspace/link/\S+/)", out.getvalue()).group(1)
    response = Client().get(path)
    assert response.status_code == 302
    assert "/invitation/" in response["Location"]
    assert ReviewDraft.objects.filter(assignment__state="accepted").exists()


def _history(slug: str) -> list[tuple[str, str]]:
    status, data = public_detail(slug)
    assert status == 200, (slug, data)
    return [(entry["kind"], entry["note"]) for entry in data["history"]]


@pytest.mark.django_db
def test_seed_demo_shows_life_after_publication(settings):
    settings.DEBUG = True
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    client = Client()

    # A minor change (no reviewer, one approval) and an update in the page history.
    assert [kind for kind, _ in _history("copd-inhaler-technique")] == [
        "update",
        "minor",
        "published",
    ]
    assert _history("copd-inhaler-technique")[0][1] == (
        "Adds advice on cleaning a spacer and when to replace it."
    )
    minor = Revision.objects.get(article__slug="copd-inhaler-technique", change_class="minor")
    assert not minor.assignments.exists()
    assert minor.votes.filter(decision="approve").count() == 1

    # A correction with its notice, listed on /corrections/ with the retractions.
    _, diabetes = public_detail("type-2-diabetes-first-steps")
    correction_note = "The target HbA1c was given in the wrong unit; it is 48 mmol/mol."
    assert diabetes["notices"][0]["kind"] == "correction"
    assert (diabetes["history"][0]["kind"], diabetes["history"][0]["note"]) == (
        "correction",
        correction_note,
    )
    listing = client.get("/corrections/").content.decode()
    assert correction_note in listing
    for slug in ("type-2-diabetes-first-steps", "depression-in-older-adults",
                 "first-seizure-in-adults"):  # fmt: skip
        assert f'href="/articles/{slug}/"' in listing, slug

    # Retracted, then reinstated: the page says when and why; the other retraction stays.
    assert [kind for kind, _ in _history("first-seizure-in-adults")] == [
        "reinstated",
        "retracted",
        "published",
    ]
    page = client.get("/articles/first-seizure-in-adults/").content.decode()
    assert "This article was retracted on" in page
    assert "checked by a neurologist." in page
    assert "The reason for the retraction: Withdrawn while the advice on driving" in page
    reinstatement = Revision.objects.get(article__slug="first-seizure-in-adults", number=2)
    assert reinstatement.change_class == "reinstatement"
    assert reinstatement.votes.filter(acknowledges_retraction=True).count() == 2
    assert public_detail("depression-in-older-adults")[0] == 410

    # A re-review due (in the editors' queue), and one attested.
    editor = get_user_model().objects.get(username="editor.hughes")
    due = revision_queue(revision_list(editor), "rereview_due", editor)
    assert set(due.values_list("article__slug", flat=True)) == {"underactive-thyroid"}
    attested = ReReview.objects.get(state="attested")
    assert attested.article.slug == "heart-failure-daily-life"
    assert attested.assignments.get().recommendation == "still_accurate"
    assert _history("heart-failure-daily-life")[0][0] == "reviewed"
    page = client.get("/articles/heart-failure-daily-life/").content.decode()
    assert "Reviewed, no changes needed" in page

    # Readers' reports: one new, one turned into a correction draft, one resolved.
    reports = dict(ReaderReport.objects.values_list("article__slug", "state"))
    assert reports == {
        "high-blood-pressure": "new",
        "underactive-thyroid": "acknowledged",
        "type-2-diabetes-first-steps": "resolved",
    }
    draft = ReaderReport.objects.get(article__slug="underactive-thyroid").correction
    assert (draft.state, draft.change_class) == ("draft", "correction")
    assert draft.created_by.username == "writer.chen"


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


@pytest.mark.django_db
def test_seed_demo_publishes_a_pipeline_drafted_article_with_its_disclosure_and_record(
    settings, capsys, tmp_path
):
    settings.DEBUG = True
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    printed = capsys.readouterr().out

    assert "manage.py verify_article http://" in printed
    assert "/articles/type-2-diabetes-first-steps/" in printed
    status, data = public_detail("type-2-diabetes-first-steps")
    assert status == 200
    assert data["drafting"]["kind"] == "ai_generated"
    assert data["drafting"]["pipeline"] == "Draftbot"
    assert data["editorial_responsibility"]["statement"].startswith("Drafted by an AI system")
    record = Client().get(urlsplit(data["review_record_url"]).path).json()
    assert record["content_hash"] == data["content_hash"]
    assert record["audit"]["checkpoint"] is not None


@pytest.mark.django_db
def test_seed_demo_publishes_an_article_written_for_patients_too(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", public_demo_passwords=True, stdout=out)

    status, shown = public_detail("type-2-diabetes-first-steps")
    assert status == 200
    assert shown["audience_versions"] == ["patient"]
    assert "audience_bodies" in shown["content"]
    live = Article.objects.get(slug="type-2-diabetes-first-steps").live_revision
    patient = live.checks["reading"]["patient"]
    assert patient["text"] == "body_patient"
    assert 6 <= patient["grade"] <= 8
    assert patient["meets_target"] is True
    printed = out.getvalue()
    assert "/articles/type-2-diabetes-first-steps/?audience=patient" in printed
    assert f"grade {patient['grade']:g}, where grade 8 or below is wanted" in printed
    page = Client().get("/articles/type-2-diabetes-first-steps/?audience=patient")
    assert "Written for patients" in page.content.decode()


@pytest.mark.django_db
def test_seed_demo_shows_a_reviewer_s_and_a_board_member_s_public_profile(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", public_demo_passwords=True, stdout=out)
    paths = re.findall(r"https?://[^/\s]+(/reviewers/[^/\s]+/)", out.getvalue())
    shown = {p.user.username: p for p in PublicProfile.objects.filter(consented_at__isnull=False)}

    assert set(shown) == {"dr.patel", "dr.okafor"}
    assert sorted(paths) == sorted(f"/reviewers/{p.slug}/" for p in shown.values())
    assert shown["dr.patel"].orcid == "0000-0002-1825-0097"
    client = Client()
    for path in paths:
        page = client.get(path).content.decode()
        assert "/articles/high-blood-pressure/" in page
    article = client.get("/articles/high-blood-pressure/").content.decode()
    assert all(f'href="{path}"' in article for path in paths)
