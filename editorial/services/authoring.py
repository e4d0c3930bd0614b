"""Authors' actions: create, edit, submit, withdraw, start the next revision."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from articles import checks, content
from articles.models import (
    AUDIENCE_BODY_FIELDS,
    AUDIENCE_READERS,
    CONTENT_FIELDS,
    PROVENANCE_FIELDS,
    PROVENANCE_NOTE,
    Article,
    Drafting,
    Reference,
    Revision,
    Specialty,
)
from articles.readability import MEASURED_TEXT_FIELDS, reading_levels

from .. import audit, policy, workflow
from ..errors import ConcurrentChange, RuleViolation
from ..messages import (
    CITATION_UNRESOLVED,
    CITATIONS_UNRESOLVED,
    VERSION_CITATION_UNRESOLVED,
    VERSION_CITATIONS_UNRESOLVED,
)
from ..models import AuditAction
from ..policy import Actor
from ._base import BUSY, apply, lock, require, validate, workflow_service
from .changes import carried_change, checked_change
from .reviews import close_assignments

CHANGE_INPUT = ("change_class", "change_note")
PROVENANCE_INPUT = (*PROVENANCE_FIELDS, PROVENANCE_NOTE)
# What an author writes: the content, and the version of the body for each audience.
TEXT_INPUT = (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS)

PIPELINE_PROVENANCE_MISSING = (
    "A drafting pipeline must say how the revision was drafted: drafting (ai_generated or "
    "ai_assisted), drafting_pipeline, drafting_model and drafting_model_version. Missing: "
    "{missing}."
)
PIPELINE_NAMED_BY_PERSON = (
    "drafting_pipeline names a drafting pipeline; only a pipeline's account gives one."
)
HUMAN_WITH_MODEL = (
    "A revision written by people names no AI model; say drafting is ai_assisted to name "
    "the tool that helped."
)

REFERENCE_INPUT = set(content.REFERENCE_FIELDS) - {"position"}


def check_provenance(author: Actor, revision: Revision) -> None:
    """A pipeline says how it drafted (its kind, name, model and version); a person's revision
    is written by people unless they say an AI tool helped, and names no pipeline."""
    if policy.is_pipeline(author):
        missing = [
            name
            for name, present in (
                ("drafting", revision.drafting != Drafting.HUMAN),
                ("drafting_pipeline", revision.drafting_pipeline.strip()),
                ("drafting_model", revision.drafting_model.strip()),
                ("drafting_model_version", revision.drafting_model_version.strip()),
            )
            if not present
        ]
        if missing:
            raise RuleViolation(
                PIPELINE_PROVENANCE_MISSING.format(missing=", ".join(missing)),
                fields={name: ["required"] for name in missing},
            )
        return
    if revision.drafting_pipeline:
        raise RuleViolation(PIPELINE_NAMED_BY_PERSON, fields={"drafting_pipeline": ["pipeline"]})
    if revision.drafting == Drafting.HUMAN and (
        revision.drafting_model or revision.drafting_model_version
    ):
        raise RuleViolation(HUMAN_WITH_MODEL, fields={"drafting_model": ["human"]})


def _without_blank_versions(fields: dict) -> dict:
    """An audience's version that is only white space is no version: stored empty, so what is
    hashed is what is shown."""
    return {
        name: "" if name in AUDIENCE_BODY_FIELDS and not (value or "").strip() else value
        for name, value in fields.items()
    }


def unresolved_message(unresolved: dict[str, list[int]]) -> str:
    """The refusal for citations naming no reference, saying in which version each is."""
    sentences = []
    for version, numbers in unresolved.items():
        markers = ", ".join(f"[{n}]" for n in numbers)
        if version == "general":
            wording = CITATION_UNRESOLVED if len(numbers) == 1 else CITATIONS_UNRESOLVED
        else:
            one = len(numbers) == 1
            wording = VERSION_CITATION_UNRESOLVED if one else VERSION_CITATIONS_UNRESOLVED
        sentences.append(wording.format(markers=markers, readers=AUDIENCE_READERS[version]))
    return " ".join(sentences)


def _replace_references(revision: Revision, references: Sequence[dict]) -> None:
    revision.references.all().delete()
    built = []
    for position, data in enumerate(references, start=1):
        unknown = set(data) - REFERENCE_INPUT
        if unknown:
            raise RuleViolation(f"Reference {position}: unknown field {sorted(unknown)[0]}.")
        reference = Reference(revision=revision, position=position, **data)
        validate(reference, exclude=["revision"])
        built.append(reference)
    Reference.objects.bulk_create(built)


@workflow_service
def article_create(
    *,
    actor: Actor,
    slug: str,
    specialty: Specialty,
    references: Sequence[dict] = (),
    **fields: str,
) -> Article:
    """An author opens a new article with its first draft revision."""
    require(policy.can_create_article(actor), "Only authors may create articles.")
    unknown = set(fields) - set(TEXT_INPUT) - set(PROVENANCE_INPUT)
    if unknown:
        raise RuleViolation(f"Unknown field: {sorted(unknown)[0]}.")
    fields = _without_blank_versions(fields)
    if Article.objects.filter(slug=slug).exists():
        raise RuleViolation(
            f"An article with the slug “{slug}” already exists.", fields={"slug": ["taken"]}
        )
    article = Article(slug=slug, specialty=specialty, created_by=actor)
    validate(article, exclude=["live_revision"])
    article.save()
    revision = Revision(article=article, number=1, created_by=actor, **fields)
    validate(revision, exclude=["article", "created_by"])
    check_provenance(actor, revision)
    revision.save()
    _replace_references(revision, references)
    audit.record(
        action=AuditAction.ARTICLE_CREATED,
        actor=actor,
        article=article,
        revision=revision,
        to_state=revision.state,
    )
    return article


@workflow_service
def revision_edit(
    *, revision: Revision, actor: Actor, references: Sequence[dict] | None = None, **fields: str
) -> Revision:
    """The author changes a draft; anything submitted is frozen."""
    revision = lock(revision)
    act = workflow.guard("edit", actor, revision)
    unknown = set(fields) - set(TEXT_INPUT) - set(CHANGE_INPUT) - set(PROVENANCE_INPUT)
    if unknown:
        raise RuleViolation(f"Unknown field: {sorted(unknown)[0]}.")
    fields = _without_blank_versions(fields)
    if set(fields) & set(CHANGE_INPUT):
        fields.update(
            checked_change(
                revision.article,
                fields.get("change_class", revision.change_class),
                fields.get("change_note", revision.change_note),
                number=revision.number,
                require_note=False,
            )
        )
    changed = sorted(f for f, v in fields.items() if getattr(revision, f) != v)
    for name, value in fields.items():
        setattr(revision, name, value)
    validate(revision, exclude=["article", "created_by"])
    check_provenance(revision.created_by, revision)
    revision.save(update_fields=[*fields, "updated_at"])
    if references is not None:
        _replace_references(revision, references)
        changed.append("references")
    apply(act, revision, actor=actor, data={"changed": changed})
    return revision


def revision_submit(*, revision: Revision, actor: Actor) -> Revision:
    """The author submits a complete draft; its content and hash are frozen from here on,
    with what the checks found (warnings for the board, not refusals).

    The body and each audience's version are rendered and the texts' reading levels measured
    first, outside the transaction and the audit chain's lock, so a long body never makes
    everyone else's workflow writes wait; the transaction then checks that the texts it froze
    are the texts that were rendered and measured.
    """
    texts = Revision.objects.filter(pk=revision.pk).values(*MEASURED_TEXT_FIELDS).first()
    measured = Revision(**texts) if texts else Revision()
    rendered = {
        version: content.sanitised_html(text)
        for version, text in content.version_texts(measured).items()
    }
    reading = reading_levels(measured) if texts else {}
    return _submit(revision=revision, actor=actor, texts=texts, rendered=rendered, reading=reading)


@workflow_service
def _submit(
    *, revision: Revision, actor: Actor, texts: dict | None, rendered: dict, reading: dict
) -> Revision:
    revision = lock(revision)
    act = workflow.guard("submit", actor, revision)
    if texts is None or any(getattr(revision, f) != v for f, v in texts.items()):
        raise ConcurrentChange(BUSY)
    references = list(revision.references.all())
    missing = [
        label
        for label, present in (
            ("a title", revision.title.strip()),
            ("a body", revision.body.strip()),
            ("at least one reference", references),
        )
        if not present
    ]
    if missing:
        raise RuleViolation(f"Cannot submit: the revision needs {', '.join(missing)}.")
    checked_change(
        revision.article,
        revision.change_class,
        revision.change_note,
        number=revision.number,
        require_note=True,
    )
    check_provenance(revision.created_by, revision)
    positions = [r.position for r in references]
    report = content.check_versions(content.version_texts(revision), positions)
    if report.unresolved:
        raise RuleViolation(unresolved_message(report.unresolved))
    content_hash = content.content_hash(revision, references)
    found = checks.revision_checks(revision, references, reading=reading)
    html = {version: content.link_citations(text, positions) for version, text in rendered.items()}
    apply(
        act,
        revision,
        actor=actor,
        changes={
            "content_hash": content_hash,
            "body_html": html.pop("general"),
            "audience_body_html": html,
            "submitted_at": timezone.now(),
            "checks": found,
        },
        data={
            "content_hash": content_hash,
            "uncited_references": report.uncited,
            "check_warnings": checks.warnings_count(found),
            "provenance": revision.provenance,
        },
    )
    return revision


@workflow_service
def revision_withdraw(*, revision: Revision, actor: Actor, comment: str = "") -> Revision:
    """The author takes a revision back before any decision; its open review invitations
    are closed with it."""
    revision = lock(revision)
    act = workflow.guard("withdraw", actor, revision)
    apply(act, revision, actor=actor, comment=comment)
    close_assignments(revision, actor=actor, reason="The author withdrew the revision.")
    return revision


@workflow_service
def revision_start_next(
    *, article: Article, actor: Actor, change_class: str = "", change_note: str = ""
) -> Revision:
    """The author starts a new draft, copied from the latest revision. For a published
    article they say what kind of change it is (minor, update, correction); after a
    retraction it is a reinstatement; before first publication it has no class."""
    article = lock(article)
    act = workflow.guard("start_revision", actor, article)
    return start_next_revision(
        article,
        actor=actor,
        audit_action=act.audit,
        change_class=change_class,
        change_note=change_note,
    )


def start_next_revision(
    article: Article,
    *,
    actor: Actor,
    audit_action: AuditAction,
    change_class: str,
    change_note: str,
    copy_from: Revision | None = None,
    data: dict | None = None,
) -> Revision:
    """The next draft of a locked article, with its checked class and note and its audit
    event; the caller has guarded the action. The one place every next revision is made:
    the author's own, a correction an editor opens from a reader's report, an update the
    board opens after a re-review. Copied from the latest revision, or `copy_from` (the live
    one, for an update after a re-review); it is always the article's author's draft."""
    latest = policy.latest_revision(article)
    source = copy_from or latest
    if not change_class and not change_note:
        carried = carried_change(latest)
        change_class, change_note = carried["change_class"], carried["change_note"]
    change = checked_change(
        article, change_class, change_note, number=latest.number + 1, require_note=False
    )
    revision = Revision(
        article=article,
        number=latest.number + 1,
        created_by=article.created_by,
        **{f: getattr(source, f) for f in (*TEXT_INPUT, *PROVENANCE_INPUT)},
        **change,
    )
    validate(revision, exclude=["article", "created_by"])
    revision.save()
    Reference.objects.bulk_create(
        Reference(
            revision=revision,
            **{f: getattr(ref, f) for f in content.REFERENCE_FIELDS},
        )
        for ref in source.references.all()
    )
    audit.record(
        action=audit_action,
        actor=actor,
        article=article,
        revision=revision,
        to_state=revision.state,
        data={"copied_from": source.number, **change, **(data or {})},
    )
    return revision
