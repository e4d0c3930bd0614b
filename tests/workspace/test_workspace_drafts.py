"""The author's forms without JavaScript: each a plain POST. A new article, the draft editor
(content, references added, removed and reordered), errors beside their fields with nothing
lost, the Preview button that saves nothing, submitting after the confirmation, and starting
the next revision."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Article, Reference, RevisionState
from editorial import services
from editorial.models import AuditAction, AuditEvent

from .conftest import draft_post, edit_url, reference


def test_a_new_article_opens_its_first_draft(author, specialty, login):
    client = login(author)
    response = client.post(
        reverse("workspace:article_new"),
        {"title": "Statins explained", "slug": "statins-explained", "specialty": "cardiology"},
    )
    article = Article.objects.get(slug="statins-explained")
    revision = article.revisions.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(revision)
    assert (revision.title, revision.state, article.created_by) == (
        "Statins explained",
        RevisionState.DRAFT,
        author,
    )
    assert AuditEvent.objects.filter(action=AuditAction.ARTICLE_CREATED, article=article).exists()


def test_a_taken_address_is_refused_beside_its_field_and_the_title_is_kept(workflow, author, login):
    taken = workflow.draft(slug="taken").article
    response = login(author).post(
        reverse("workspace:article_new"),
        {"title": "My careful title", "slug": taken.slug, "specialty": "cardiology"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_slug-error"' in page
    assert "already exists" in page
    assert 'value="My careful title"' in page
    assert 'href="#id_slug"' in page  # the error summary links to the field
    assert Article.objects.filter(created_by=author).count() == 1


def test_saving_the_draft_writes_content_and_references_through_the_service(
    workflow, author, login
):
    revision = workflow.draft(references=1)
    data = draft_post(
        revision,
        title="A new title",
        summary_caregiver="For carers.",
        body="Statins work [1]. Diet too [2].",
        references=[reference(1), reference(2, pmid="31553837")],
        initial=1,
    )
    response = login(author).post(edit_url(revision), data)
    assert response.status_code == 302
    revision.refresh_from_db()
    refs = list(revision.references.order_by("position"))
    assert (revision.title, revision.summary_caregiver) == ("A new title", "For carers.")
    assert [(r.position, r.title, r.pmid) for r in refs] == [
        (1, "Guideline number 1", ""),
        (2, "Guideline number 2", "31553837"),
    ]
    event = AuditEvent.objects.filter(action=AuditAction.DRAFT_EDITED).latest("pk")
    assert event.actor == author
    assert "references" in event.data["changed"]


def test_references_are_reordered_by_position_and_removed_by_their_box(workflow, author, login):
    revision = workflow.draft(references=3)
    data = draft_post(revision)
    data["refs-0-ORDER"], data["refs-2-ORDER"] = "3", "1"
    data["refs-1-DELETE"] = "on"
    login(author).post(edit_url(revision), data)
    titles = list(revision.references.order_by("position").values_list("title", flat=True))
    assert titles == ["Clinical guideline number 3", "Clinical guideline number 1"]


def test_add_a_reference_gives_an_empty_row_and_saves_nothing(workflow, author, login):
    revision = workflow.draft(references=1)
    data = draft_post(revision, title="Unsaved title", intent="add")
    response = login(author).post(edit_url(revision), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="refs-1-title"' in page
    assert 'value="Unsaved title"' in page
    revision.refresh_from_db()
    assert revision.title != "Unsaved title"


def test_a_malformed_doi_is_shown_beside_its_field_and_nothing_is_lost(workflow, author, login):
    revision = workflow.draft(references=1)
    body = "My long careful body [1]."
    data = draft_post(
        revision, body=body, references=[reference(1, doi="https://doi.org/10.1/x", year="19x")]
    )
    response = login(author).post(edit_url(revision), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_refs-0-doi-error"' in page
    assert "A DOI looks like" in page
    assert 'id="id_refs-0-year-error"' in page
    assert 'href="#id_refs-0-doi"' in page
    assert 'aria-invalid="true"' in page
    assert body in page
    assert "https://doi.org/10.1/x" in page
    revision.refresh_from_db()
    assert revision.body != body


def test_the_preview_button_renders_the_check_and_saves_nothing(workflow, author, login):
    revision = workflow.draft(references=2)
    data = draft_post(revision, body="Cited [1] and [4].", intent="preview")
    response = login(author).post(edit_url(revision), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "[4] cites no reference" in page
    assert "Reference 2 is never cited" in page
    assert 'id="preview-shown"' in page
    revision.refresh_from_db()
    assert revision.body != "Cited [1] and [4]."


def test_the_preview_endpoint_answers_a_fragment_and_saves_nothing(workflow, author, login):
    revision = workflow.draft(references=1)
    before = AuditEvent.objects.count()
    response = login(author).post(
        reverse("workspace:revision_preview", args=[revision.pk]),
        draft_post(revision, title="Typed title", body="Typed [1] and [2]."),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "[2] cites no reference" in page
    assert "<h1>Typed title</h1>" in page
    revision.refresh_from_db()
    assert revision.title != "Typed title"
    assert AuditEvent.objects.count() == before


def test_the_submit_page_says_what_will_be_frozen_then_submits(workflow, author, login):
    revision = workflow.draft(references=2)
    client = login(author)
    url = reverse("workspace:revision_submit", args=[revision.pk])
    page = client.get(url).content.decode()
    assert revision.title in page
    assert "can no longer be edited" in page
    assert "2 references" in page
    assert f"{len(revision.body.split())} words" in page
    assert revision.state == RevisionState.DRAFT

    response = client.post(url)
    revision.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:article", args=[revision.article.slug])
    assert revision.state == RevisionState.SUBMITTED
    event = AuditEvent.objects.filter(action=AuditAction.SUBMITTED).latest("pk")
    assert (event.actor, event.revision) == (author, revision)


def test_a_submission_with_a_dangling_citation_is_refused_on_the_page(workflow, author, login):
    revision = workflow.draft(references=1, body="Fine [1], dangling [3].")
    response = login(author).post(reverse("workspace:revision_submit", args=[revision.pk]))
    assert response.status_code == 200
    assert "[3]" in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT


def test_save_and_submit_saves_then_asks_for_the_confirmation(workflow, author, login):
    revision = workflow.draft(references=1, body="One [1].")
    response = login(author).post(
        edit_url(revision), draft_post(revision, intent="submit", title="Final title")
    )
    assert response["Location"] == reverse("workspace:revision_submit", args=[revision.pk])
    revision.refresh_from_db()
    assert (revision.title, revision.state) == ("Final title", RevisionState.DRAFT)


def test_starting_the_next_revision_copies_the_published_one_and_shows_the_changes(
    workflow, author, login
):
    published = workflow.published()
    article = published.article
    client = login(author)
    url = reverse("workspace:article_next", args=[article.slug])
    form = client.get(url).content.decode()
    assert "Start revision 2" in form
    assert "What kind of change is this?" in form

    refused = client.post(url)
    assert "say what kind of change" in refused.content.decode()
    assert not article.revisions.filter(number=2).exists()

    response = client.post(url, {"change_class": "update", "change_note": "New 2025 guidance."})
    draft = article.revisions.get(number=2)
    assert response["Location"] == edit_url(draft)
    assert draft.state == RevisionState.DRAFT
    assert (draft.change_class, draft.change_note) == ("update", "New 2025 guidance.")
    assert [r.title for r in draft.references.order_by("position")] == [
        r.title for r in published.references.order_by("position")
    ]
    assert AuditEvent.objects.filter(action=AuditAction.REVISION_STARTED, revision=draft).exists()

    client.post(
        edit_url(draft),
        draft_post(draft, body=published.body + " Updated 2025.", change_note="Guidance of 2025."),
    )
    draft.refresh_from_db()
    assert draft.change_note == "Guidance of 2025."
    page = client.get(edit_url(draft)).content.decode()
    assert "What you changed since the published version" in page
    assert "<ins> Updated 2025.</ins>" in page
    assert Reference.objects.filter(revision=published).count() == 2


def test_withdrawing_asks_first_then_withdraws_with_the_reason(workflow, author, login):
    revision = workflow.submitted()
    client = login(author)
    url = reverse("workspace:revision_withdraw", args=[revision.pk])
    assert "cannot be submitted again" in client.get(url).content.decode()

    response = client.post(url, {"comment": "Superseded by a better article."})
    revision.refresh_from_db()
    assert response["Location"] == reverse("workspace:article", args=[revision.article.slug])
    assert revision.state == RevisionState.WITHDRAWN
    event = AuditEvent.objects.filter(action=AuditAction.WITHDRAWN).latest("pk")
    assert (event.actor, event.comment) == (author, "Superseded by a better article.")


def test_saving_a_draft_submitted_meanwhile_is_refused_with_409(workflow, author, login):
    revision = workflow.draft(references=1, body="One [1].")
    client = login(author)
    data = draft_post(revision, title="Too late")
    services.revision_submit(revision=revision, actor=author)
    response = client.post(edit_url(revision), data)
    assert response.status_code == 409
    assert "frozen" in response.content.decode()


def test_a_browsers_crlf_line_breaks_are_saved_as_the_api_saves_them(workflow, author, login):
    # Browsers send a textarea's line breaks as CRLF; saved as they came, a draft saved
    # unchanged would differ from the text it was copied from at every paragraph break.
    revision = workflow.draft()
    body, summary = revision.body, "First line.\nSecond line."
    data = draft_post(
        revision, body=body.replace("\n", "\r\n"), summary=summary.replace("\n", "\r\n")
    )
    assert "\r\n" in data["body"]
    assert login(author).post(edit_url(revision), data).status_code == 302
    revision.refresh_from_db()
    assert (revision.body, revision.summary) == (body, summary)


def test_the_author_says_an_ai_tool_helped_and_the_article_page_shows_it(workflow, author, login):
    revision = workflow.draft(references=2)
    client = login(author)
    editor = client.get(edit_url(revision)).content.decode()
    assert 'name="drafting" value="human"' in editor
    assert "checked" in editor
    assert 'value="ai_generated"' not in editor  # a pipeline's kind, not a person's

    response = client.post(edit_url(revision), draft_post(revision, drafting="ai_assisted"))

    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.drafting == "ai_assisted"
    page = client.get(reverse("workspace:article", args=[revision.article.slug])).content
    assert b"Written by people with the help of an AI tool" in page
