"""The authors' editor has a section for each audience's version of the article (optional),
previewed and citation-checked with the body; reviewers read the versions side by side with
the text for everyone, and the author sees what changed in each beside the other."""

from __future__ import annotations

from django.urls import reverse

from articles.models import Revision
from editorial import selectors, services
from tests.signin import signed_in
from tests.workflow import UPDATE
from workspace import preview

from .conftest import draft_post, edit_url

PATIENT = "Plain words for you [2]."


def test_the_editor_has_an_optional_section_for_each_audience(workflow, author, login):
    revision = workflow.draft(body_patient=PATIENT)

    page = login(author).get(edit_url(revision)).content.decode()

    assert 'id="versions-edit"' in page
    for audience in ("patients", "caregivers", "clinicians"):
        assert f'aria-label="Version for {audience}"' in page
    assert f"{PATIENT}</textarea>" in page
    assert 'name="body_clinician"' in page


def test_saving_the_draft_writes_each_version_through_the_service(workflow, author, login):
    revision = workflow.draft()
    data = draft_post(revision, body_patient=PATIENT, body_caregiver="For carers [1].\r\nNext.")

    response = login(author).post(edit_url(revision), data)

    assert response.status_code == 302
    stored = Revision.objects.get(pk=revision.pk)
    assert (stored.body_patient, stored.body_caregiver, stored.body_clinician) == (
        PATIENT,
        "For carers [1].\nNext.",
        "",
    )


def test_the_preview_checks_each_versions_citations_and_shows_them_side_by_side(
    workflow, author, login
):
    revision = workflow.draft()
    data = draft_post(revision, intent="preview", body_clinician="Dose as in [9].")

    page = login(author).post(edit_url(revision), data).content.decode()

    assert "In the version for clinicians, these citations name no reference" in page
    assert '<a href="#id_body_clinician">[9] cites no reference</a>' in page
    assert 'id="versions-preview"' in page
    assert page.index('id="version-preview-general"') < page.index('id="version-preview-clinician"')
    assert Revision.objects.get(pk=revision.pk).body_clinician == ""  # nothing saved


def test_a_reference_cited_only_in_a_version_is_not_reported_uncited(workflow):
    draft = workflow.draft(references=2)
    fields = {"body": "First [1].", "body_patient": "Second [2]."}
    references = [{"kind": "guideline", "title": f"Ref {n}"} for n in (1, 2)]

    shown = preview.preview(draft.article, fields, references)

    assert (shown.unresolved, shown.uncited, shown.version_problems) == ([], [], [])
    assert [v.audience for v in shown.versions] == ["general", "patient"]
    assert shown.checks["reading"][1]["label"] == "The version for patients"


def test_the_preview_of_a_published_revision_with_versions_is_its_public_article(workflow, client):
    published = workflow.published(workflow.draft(body_patient=PATIENT))
    revision = Revision.objects.select_related("article__specialty").get(pk=published.pk)
    references = list(revision.references.order_by("position"))
    public = client.get(f"/articles/{revision.article.slug}/").content.decode()

    shown = preview.article_part(
        revision.article, revision, references, selectors.review_credit_list(revision)
    )

    assert shown == public[public.index("<article>") : public.index("</article>") + 10]


def test_the_reviewer_reads_the_versions_side_by_side(workflow):
    revision = workflow.under_review(workflow.draft(body_patient=PATIENT))
    assignment = revision.assignments.order_by("pk").first()

    page = (
        signed_in(assignment.reviewer.user)
        .get(reverse("workspace:review", args=[assignment.pk]))
        .content.decode()
    )

    assert 'id="versions-review"' in page
    assert 'class="versions-grid"' in page
    general = page.index('id="version-review-general"')
    patient = page.index('id="version-review-patient"')
    assert general < patient
    assert "Plain words for you" in page[patient:]


def test_the_changes_since_publication_lay_the_versions_side_by_side(workflow, author, login):
    first = workflow.published(workflow.draft(body_patient=PATIENT))
    second = services.revision_start_next(article=first.article, actor=author, **UPDATE)
    services.revision_edit(revision=second, actor=author, body_patient="Simpler words [2].")

    page = login(author).get(edit_url(second)).content.decode()

    changes = page[page.index('class="changes"') :]
    assert 'class="versions-grid changed-versions"' in changes
    assert 'aria-label="Body"' in changes  # the text for everyone, unchanged, beside it
    assert "Unchanged." in changes
    assert 'aria-label="Version for patients"' in changes
    assert "<ins>Simpler</ins>" in changes
