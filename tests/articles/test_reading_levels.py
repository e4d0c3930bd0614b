"""Reading levels at submission: the body ("general") and each audience's summary, measured
with textstat on plain text, beside the target for the audience. Missing a target is a
warning the board sees, never a refusal."""

from __future__ import annotations

from articles.models import Revision
from articles.readability import measure, plain_text, reading_levels
from editorial import services

EASY = "Salt raises blood pressure. Eat less salt. Walk each day. Take your pills at the same time."
HARD = (
    "Antihypertensive pharmacotherapy, administered concomitantly with comprehensive "
    "cardiovascular risk stratification, substantially diminishes cerebrovascular "
    "morbidity, particularly amongst individuals demonstrating persistently elevated "
    "ambulatory measurements notwithstanding intensive lifestyle modification."
)


def test_plain_text_has_no_markup_citations_code_or_reference_list():
    markdown = (
        "## What it is\n\nBlood pressure is *the force* of blood [1, 2]. See [the guide]"
        "(https://example.org).\n\n- Eat less salt [3-4]\n- Walk\n\n```\ncode block\n```\n\n"
        "## References\n\n1. Smith J. A trial. 2020.\n\n## After\n\nLast words."
    )

    assert plain_text(markdown) == (
        "What it is. Blood pressure is the force of blood. See the guide. Eat less salt. Walk. "
        "After. Last words."
    )


def test_the_figures_are_the_flesch_scores_and_sentence_and_word_length():
    figures = measure(plain_text(EASY))

    assert set(figures) == {
        "flesch_reading_ease", "grade", "words_per_sentence", "syllables_per_word",
        "letters_per_word", "words", "sentences",
    }  # fmt: skip
    assert (figures["words"], figures["sentences"]) == (17, 4)
    assert figures["words_per_sentence"] == 4.2
    assert figures["grade"] < 4 < 60 < figures["flesch_reading_ease"]
    hard = measure(HARD)
    assert hard["grade"] > 12
    assert hard["flesch_reading_ease"] < 30
    assert hard["syllables_per_word"] > figures["syllables_per_word"]
    assert measure("") is None


def test_each_text_is_measured_under_its_audience_beside_its_target(settings):
    settings.EDITORIAL = {
        **settings.EDITORIAL,
        "READING_TARGETS": {"general": 10, "patient": 8, "caregiver": 10, "clinician": None},
    }
    revision = Revision(body=HARD, summary_patient=HARD, summary_clinician=HARD,
                        summary_caregiver=EASY)  # fmt: skip

    levels = reading_levels(revision)

    assert list(levels) == ["general", "patient", "caregiver", "clinician"]
    assert levels["patient"]["text"] == "summary_patient"
    assert (levels["patient"]["target_grade"], levels["patient"]["meets_target"]) == (8, False)
    assert (levels["caregiver"]["target_grade"], levels["caregiver"]["meets_target"]) == (
        10,
        True,
    )
    assert (levels["clinician"]["target_grade"], levels["clinician"]["meets_target"]) == (
        None,
        None,
    )


def test_a_summary_left_empty_is_not_measured():
    assert list(reading_levels(Revision(body=EASY))) == ["general"]


def test_a_patient_summary_above_its_target_is_submitted_all_the_same(workflow):
    draft = workflow.draft()
    services.revision_edit(revision=draft, actor=workflow.author, summary_patient=HARD)

    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    assert submitted.state == "submitted"
    patient = Revision.objects.get(pk=submitted.pk).checks["reading"]["patient"]
    assert patient["target_grade"] == 8
    assert patient["meets_target"] is False
    assert patient["grade"] > 12
