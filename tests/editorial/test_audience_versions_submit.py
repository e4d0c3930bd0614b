"""Submitting a revision with versions for each audience: the citations of every version are
checked (a citation naming no reference is refused, saying in which version); a reference is
uncited only if no version cites it; each version is rendered with the body and measured for
its audience; the next revision starts from them."""

from __future__ import annotations

import pytest

from articles.models import Revision
from editorial import services
from editorial.errors import RuleViolation
from editorial.models import AuditEvent
from tests.workflow import UPDATE

PLAIN = "Salt raises blood pressure. Eat less salt. Walk each day. Take your pills on time [1]."
HARD = (
    "Antihypertensive pharmacotherapy, administered concomitantly with comprehensive "
    "cardiovascular risk stratification, substantially diminishes cerebrovascular "
    "morbidity notwithstanding intensive lifestyle modification [2]."
)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"body_patient": "Plain words [1]. More [5]."},
            "Cannot submit: citation [5] in the version for patients has no reference.",
        ),
        (
            {"body_clinician": "Dosing [8] and [9]."},
            "Cannot submit: citations [8], [9] in the version for clinicians have no reference.",
        ),
        (
            {"body": "General [7].", "body_caregiver": "Carers [6]."},
            "Cannot submit: citation [7] has no reference. "
            "Cannot submit: citation [6] in the version for caregivers has no reference.",
        ),
    ],
)
def test_a_citation_naming_no_reference_in_any_version_is_refused_saying_which(
    workflow, fields, message
):
    draft = workflow.draft(**fields)

    with pytest.raises(RuleViolation) as refused:
        services.revision_submit(revision=draft, actor=workflow.author)

    assert refused.value.message == message
    stored = Revision.objects.get(pk=draft.pk)
    assert (stored.state, stored.content_hash, stored.audience_body_html) == ("draft", "", {})
    assert not AuditEvent.objects.filter(revision=draft, action="submitted").exists()


def test_a_reference_cited_only_in_an_audience_version_is_cited(workflow):
    draft = workflow.draft(body="Only the first [1].", body_patient="The second, for you [2].")

    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    event = AuditEvent.objects.get(revision=submitted, action="submitted")
    assert event.data["uncited_references"] == []
    codes = [f["code"] for f in Revision.objects.get(pk=draft.pk).checks["evidence"]["findings"]]
    assert "uncited_reference" not in codes


def test_a_reference_no_version_cites_is_reported_as_uncited(workflow):
    draft = workflow.draft(body="Only the first [1].", body_caregiver="Again the first [1].")

    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    event = AuditEvent.objects.get(revision=submitted, action="submitted")
    assert event.data["uncited_references"] == [2]
    findings = Revision.objects.get(pk=draft.pk).checks["evidence"]["findings"]
    assert [f["message"] for f in findings if f["code"] == "uncited_reference"] == [
        "Reference 2 is never cited in any version of the article."
    ]


def test_each_version_is_rendered_with_its_citations_linked_at_submission(workflow):
    draft = workflow.draft(body_patient="For you [2].\n\n<script>x()</script>", body_clinician=" ")

    services.revision_submit(revision=draft, actor=workflow.author)

    stored = Revision.objects.get(pk=draft.pk)
    assert set(stored.audience_body_html) == {"patient"}
    html = stored.audience_body_html["patient"]
    assert '<a href="#ref-2" class="citation">2</a>' in html
    assert "<script>" not in html
    assert stored.body_clinician == ""  # white space alone is no version
    assert 'href="#ref-1"' in stored.body_html


def test_each_audience_is_measured_on_its_own_version_or_else_its_summary(workflow, settings):
    settings.EDITORIAL = {
        **settings.EDITORIAL,
        "READING_TARGETS": {"general": 10, "patient": 8, "caregiver": 10, "clinician": None},
    }
    draft = workflow.draft(body=HARD, body_patient=PLAIN, body_clinician=HARD)
    services.revision_edit(revision=draft, actor=workflow.author, summary_caregiver=PLAIN)

    services.revision_submit(revision=draft, actor=workflow.author)

    reading = Revision.objects.get(pk=draft.pk).checks["reading"]
    assert {a: level["text"] for a, level in reading.items()} == {
        "general": "body",
        "patient": "body_patient",
        "caregiver": "summary_caregiver",
        "clinician": "body_clinician",
    }
    assert reading["patient"]["grade"] < 8 < reading["general"]["grade"]
    assert (reading["patient"]["target_grade"], reading["patient"]["meets_target"]) == (8, True)
    assert reading["general"]["meets_target"] is False  # a warning, not a refusal
    assert reading["clinician"]["meets_target"] is None


def test_the_next_revision_starts_from_the_versions_of_the_last(workflow):
    first = workflow.published(workflow.draft(body_patient="For you [1]."))

    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)

    assert second.body_patient == "For you [1]."
    assert second.audience_body_html == {}
    submitted = services.revision_submit(revision=second, actor=workflow.author)
    assert submitted.content_hash == first.content_hash
