"""A draft: the editor (content, summaries, references), its preview and citation check
(without JavaScript: the Preview button; with it, as the author types), and submitting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import AUDIENCE_BODY_FIELDS, AUDIENCE_READERS, Reference, Revision
from editorial import services, workflow
from editorial.errors import RuleViolation, WorkflowError

from .. import selectors
from ..access import author_view, check, not_found, refused
from ..diff import NO_CHANGES, Changes, FieldChange, changes_since
from ..forms import (
    REFERENCES_PREFIX,
    DraftForm,
    ReferenceForm,
    ReferenceFormSet,
    WithdrawForm,
    kept_references,
    references_initial,
)
from ..preview import Preview, preview


def _revision(request: HttpRequest, pk: int, act: str) -> Revision | HttpResponse:
    """The revision, or the registry's refusal of this action on it."""
    revision = selectors.author_revision_get(request.user, pk)
    if revision is None:
        return not_found(request)
    return check(act, request, revision) or revision


def _forms(request: HttpRequest, revision: Revision) -> tuple[DraftForm, Any]:
    if request.method == "POST":
        data = request.POST
        if request.POST.get("intent") == "add":
            data = data.copy()
            total = f"{REFERENCES_PREFIX}-TOTAL_FORMS"
            data[total] = str(int(data.get(total) or 0) + 1)
        return (
            DraftForm(data, change_class=revision.change_class, drafting=revision.drafting),
            ReferenceFormSet(data, prefix=REFERENCES_PREFIX),
        )
    references = list(revision.references.all())
    return (
        DraftForm(
            initial=DraftForm.initial_for(revision),
            change_class=revision.change_class,
            drafting=revision.drafting,
        ),
        ReferenceFormSet(initial=references_initial(references), prefix=REFERENCES_PREFIX),
    )


def _posted_preview(form: DraftForm, formset: Any, revision: Revision) -> Preview:
    """The preview of what was posted, valid or not: a field that fails its check is shown
    as posted (the preview saves nothing), a reference that fails is left out."""
    form.is_valid()
    formset.is_valid()
    fields = {name: form.data.get(name, "") for name in form.fields}
    for name in ("body", *AUDIENCE_BODY_FIELDS):
        if name in form.errors:
            fields[name] = ""  # too long to render on every keystroke; the error says so
    return preview(revision.article, fields, [f.reference_data() for f in kept_references(formset)])


def _save(request: HttpRequest, revision: Revision, form: DraftForm, formset: Any) -> bool:
    if not (form.is_valid() and formset.is_valid()):
        return False
    try:
        services.revision_edit(
            revision=revision,
            actor=request.user,
            references=[f.reference_data() for f in kept_references(formset)],
            **form.cleaned_data,
        )
    except RuleViolation as error:
        fields = {k: v for k, v in error.fields.items() if k in form.fields}
        for name, problems in fields.items():
            form.add_error(name, problems)
        if not fields:
            form.add_error(None, error.message)
        return False
    return True


def _live_changes(revision: Revision, form: DraftForm, formset: Any) -> Changes[FieldChange]:
    """The draft, as saved or as posted, against the article's live version."""
    live = revision.article.live_revision
    if live is None or live.pk == revision.pk:
        return NO_CHANGES
    if form.is_bound and form.is_valid() and formset.is_valid():
        draft = Revision(**form.cleaned_data)
        references = [
            Reference(position=n, **f.reference_data())
            for n, f in enumerate(kept_references(formset), start=1)
        ]
    else:
        draft, references = revision, list(revision.references.all())
    return changes_since(live, draft, live.references.order_by("position"), references)


def _saved_preview(revision: Revision) -> Preview:
    references = [
        {name: getattr(ref, name) for name in ReferenceForm.Meta.fields}
        for ref in revision.references.all()
    ]
    return preview(revision.article, DraftForm.initial_for(revision), references)


@author_view
@require_http_methods(["GET", "POST"])
def revision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(request, pk, "edit")
    if isinstance(revision, HttpResponse):
        return revision
    form, formset = _forms(request, revision)
    intent = request.POST.get("intent", "save")
    shown = None
    if request.method == "POST":
        try:
            saved = intent in ("save", "submit") and _save(request, revision, form, formset)
        except WorkflowError as error:  # the state changed meanwhile (another tab, a race)
            return refused(request, error)
        if saved:
            if intent == "submit":
                return HttpResponseRedirect(reverse("workspace:revision_submit", args=[pk]))
            at = timezone.localtime().strftime("%H:%M")
            messages.success(request, f"Draft saved at {at}.")
            return HttpResponseRedirect(reverse("workspace:revision_edit", args=[pk]))
        shown = _posted_preview(form, formset, revision)
    else:
        shown = _saved_preview(revision)
    return render(
        request,
        "workspace/revision_edit.html",
        {
            "title": f"Edit revision {revision.number}",
            "revision": revision,
            "article": revision.article,
            "form": form,
            "formset": formset,
            "preview": shown,
            "show_preview": intent == "preview",
            "changes": _live_changes(revision, form, formset),
            "may_submit": "submit" in workflow.allowed(request.user, revision),
            "invalid": form.is_bound and not (form.is_valid() and formset.is_valid()),
        },
    )


@author_view
@require_POST
def revision_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview and citation check of the posted draft, for the editor's script: an HTML
    fragment; nothing is saved."""
    revision = _revision(request, pk, "edit")
    if isinstance(revision, HttpResponse):
        return revision
    form, formset = _forms(request, revision)
    shown = _posted_preview(form, formset, revision)
    return HttpResponse(
        render_to_string(
            "workspace/_preview.html", {"preview": shown, "editing": True}, request=request
        )
    )


@author_view
@require_http_methods(["GET", "POST"])
def revision_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """What will be frozen, then the submission."""
    revision = _revision(request, pk, "submit")
    if isinstance(revision, HttpResponse):
        return revision
    references = list(revision.references.all())
    error = None
    if request.method == "POST":
        try:
            services.revision_submit(revision=revision, actor=request.user)
        except RuleViolation as exc:
            error = exc.message
        except WorkflowError as exc:
            return refused(request, exc)
        else:
            messages.success(
                request, f"Revision {revision.number} submitted: the editors will invite reviewers."
            )
            return HttpResponseRedirect(reverse("workspace:article", args=[revision.article.slug]))
    shown = _saved_preview(revision)
    body = revision.body
    return render(
        request,
        "workspace/revision_submit.html",
        {
            "title": f"Submit revision {revision.number}",
            "revision": revision,
            "article": revision.article,
            "references": references,
            "body_kb": round(len(body.encode("utf-8")) / 1024, 1),
            "body_words": len(body.split()),
            "versions": [
                (f"Version for {AUDIENCE_READERS[audience]}", len(text.split()))
                for audience, text in revision.audience_bodies.items()
            ],
            "summaries": [
                (label, getattr(revision, name))
                for name, label in (
                    ("summary", "Summary"),
                    ("summary_patient", "Summary for patients"),
                    ("summary_caregiver", "Summary for caregivers"),
                    ("summary_clinician", "Summary for clinicians"),
                )
            ],
            "preview": shown,
            "error": error,
        },
    )


@author_view
@require_http_methods(["GET", "POST"])
def revision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a revision back before the board decides, after saying what that does."""
    revision = _revision(request, pk, "withdraw")
    if isinstance(revision, HttpResponse):
        return revision
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revision_withdraw(
                revision=revision, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except RuleViolation as exc:
            form.add_error(None, exc.message)
        except WorkflowError as exc:
            return refused(request, exc)
        else:
            messages.success(request, f"Revision {revision.number} withdrawn.")
            return HttpResponseRedirect(reverse("workspace:article", args=[revision.article.slug]))
    return render(
        request,
        "workspace/revision_withdraw.html",
        {
            "title": f"Withdraw revision {revision.number}",
            "revision": revision,
            "article": revision.article,
            "form": form,
        },
    )
