"""Every page people see, as the server sends it: the public pages (anonymous, a reviewer's
profile among them), the authors' and reviewers' workspace, and the admin's own pages (queues,
the revision page, the action forms, sign-in and the second factor), over articles in the
states that change what the pages show."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Revision
from editorial import services
from editorial.demo.content import ARTICLES
from editorial.models import ReportKind
from reviewers.models import PublicProfile

from ..factories import UserFactory
from ..signin import authenticator, current_code, signed_in
from ..workflow import Workflow

PASSWORD = "pw-imprimatur-test"
# The demo's article written for patients: a version beside the body on every page that shows
# one.
FOR_PATIENTS = next(a["body_patient"] for a in ARTICLES if a.get("body_patient"))

PUBLIC = (
    "home", "list", "list-search", "detail", "detail-for-patients", "detail-for-caregivers",
    "detail-corrected",
    "detail-updated", "detail-reinstated", "retracted-410", "not-found-404", "unknown-path-404",
    "policy", "corrections", "report-form", "report-form-with-errors", "report-sent",
    "reviewer-profile",
)  # fmt: skip
WORKSPACE = (
    "ws-sign-in", "ws-sign-in-failed", "ws-home", "ws-new", "ws-new-with-errors",
    "ws-article-draft", "ws-article-changes-requested", "ws-article-published", "ws-edit",
    "ws-edit-with-errors", "ws-preview.fragment", "ws-submit", "ws-withdraw", "ws-next",
    "ws-edit-changed-versions", "ws-review",
    "ws-profile", "ws-profile-shown", "ws-profile-with-errors",
)  # fmt: skip
ADMIN = (
    "admin-sign-in", "admin-sign-in-failed", "admin-second-factor", "admin-second-factor-setup",
    "admin-recovery-codes", "admin-queues-editor", "admin-queues-board", "admin-revision-list",
    "admin-revision-ready-queue", "admin-revision-under-review", "admin-revision-published",
    "admin-revision-reinstatement", "admin-revision-versions", "admin-assign",
    "admin-start-review", "admin-approve",
    "admin-approve-reinstatement", "admin-request-changes", "admin-publish", "admin-unpublish",
    "admin-open-rereview", "admin-refused-409", "admin-forbidden-403", "admin-assignment-accept",
    "admin-assignment-review", "admin-report", "admin-report-acknowledge", "admin-public-profile",
)  # fmt: skip
PAGES = PUBLIC + WORKSPACE + ADMIN


def html(client: Client, url: str, status: int = 200, data: dict | None = None) -> str:
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == status, (url, response.status_code)
    assert response["Content-Type"].startswith("text/html"), url
    return response.content.decode()


def next_revision(wf: Workflow, live: Revision, change_class: str, note: str) -> Revision:
    """The article's next revision, of the given class, published."""
    following = services.revision_start_next(
        article=live.article, actor=wf.author, change_class=change_class, change_note=note
    )
    return wf.published(services.revision_submit(revision=following, actor=wf.author))


PROFILE = {
    "affiliation": "Royal Infirmary of Edinburgh",
    "orcid": "0000-0002-1825-0097",
    "declared_interests": "Speaker's fee from a maker of blood pressure monitors (2024).\n\n"
    "Member of the regional hypertension guideline group.",
}


def shown_profile(person) -> str:
    """The person's public profile, shown with every detail; its address."""
    profile = services.public_profile_update(actor=person, person=person, consent=True, **PROFILE)
    return reverse("public-reviewer-page", args=[profile.slug])


def public_pages(wf: Workflow) -> dict[str, str]:
    # A reviewer with a public profile: the articles they reviewed link to it.
    profile = shown_profile(wf.reviewers[0].user)
    live = wf.published(
        wf.draft(slug="v-rich", body=ARTICLES[0]["body"], body_patient=FOR_PATIENTS)
    )
    corrected = next_revision(wf, wf.published(), "correction", "The dose was 10 mg, not 100 mg.")
    updated = next_revision(wf, wf.published(), "update", "Adds the 2025 guideline.")
    retracted = wf.reach("retracted")
    reinstated = wf.reach("retracted")
    back = services.revision_start_next(
        article=reinstated.article, actor=wf.author, change_note="Checked and reinstated."
    )
    wf.published(services.revision_submit(revision=back, actor=wf.author))

    reader = Client()
    slug = live.article.slug
    report = f"/articles/{slug}/report/"
    return {
        "home": html(reader, "/"),
        "list": html(reader, "/articles/"),
        "list-search": html(reader, "/articles/?q=blood"),
        "detail": html(reader, f"/articles/{slug}/"),
        "detail-for-patients": html(reader, f"/articles/{slug}/?audience=patient"),
        "detail-for-caregivers": html(reader, f"/articles/{slug}/?audience=caregiver"),
        "detail-corrected": html(reader, f"/articles/{corrected.article.slug}/"),
        "detail-updated": html(reader, f"/articles/{updated.article.slug}/"),
        "detail-reinstated": html(reader, f"/articles/{reinstated.article.slug}/"),
        "retracted-410": html(reader, f"/articles/{retracted.article.slug}/", 410),
        "not-found-404": html(reader, "/articles/no-such-article/", 404),
        "unknown-path-404": html(reader, "/no/such/page/", 404),
        "policy": html(reader, "/editorial-policy/"),
        "corrections": html(reader, "/corrections/"),
        "report-form": html(reader, report),
        "report-form-with-errors": html(reader, report, 400, {"kind": "", "message": ""}),
        "report-sent": html(reader, f"{report}sent/"),
        "reviewer-profile": html(reader, profile),
    }


def workspace_pages(wf: Workflow) -> dict[str, str]:
    author = signed_in(wf.author)
    draft = wf.draft(body_patient=FOR_PATIENTS)
    published = wf.published()
    changed = services.revision_start_next(
        article=wf.published(wf.draft(body_patient=FOR_PATIENTS)).article,
        actor=wf.author,
        change_class="update",
        change_note="Simpler words for patients.",
    )
    services.revision_edit(revision=changed, actor=wf.author, body_patient="Simpler [1].")
    reviewing = wf.under_review(wf.draft(body_patient=FOR_PATIENTS)).assignments.first()
    sent_back = wf.reach("changes_requested")
    submitted = wf.submitted()
    edit = reverse("workspace:revision_edit", args=[draft.pk])
    sign_in = reverse("workspace:sign_in")

    def article(revision: Revision) -> str:
        return reverse("workspace:article", args=[revision.article.slug])

    return {
        "ws-sign-in": html(Client(), sign_in),
        "ws-sign-in-failed": html(
            Client(), sign_in, 200, {"username": wf.author.username, "password": "wrong"}
        ),
        "ws-home": html(author, reverse("workspace:home")),
        "ws-new": html(author, reverse("workspace:article_new")),
        "ws-new-with-errors": html(author, reverse("workspace:article_new"), 200, {}),
        "ws-article-draft": html(author, article(draft)),
        "ws-article-changes-requested": html(author, article(sent_back)),
        "ws-article-published": html(author, article(published)),
        "ws-edit": html(author, edit),
        "ws-edit-with-errors": html(author, edit, 200, {"title": "", "intent": "save"}),
        "ws-preview.fragment": html(
            author, reverse("workspace:revision_preview", args=[draft.pk]), 200, {}
        ),
        "ws-submit": html(author, reverse("workspace:revision_submit", args=[draft.pk])),
        "ws-withdraw": html(author, reverse("workspace:revision_withdraw", args=[submitted.pk])),
        "ws-next": html(author, reverse("workspace:article_next", args=[published.article.slug])),
        "ws-edit-changed-versions": html(
            author, reverse("workspace:revision_edit", args=[changed.pk])
        ),
        "ws-review": html(
            signed_in(reviewing.reviewer.user), reverse("workspace:review", args=[reviewing.pk])
        ),
        **profile_pages(wf),
    }


def profile_pages(wf: Workflow) -> dict[str, str]:
    """A reviewer's own public profile: not yet shown, shown, and refused an invalid iD."""
    url = reverse("workspace:profile")
    newcomer = signed_in(wf.reviewers[1].user)
    invalid = {**PROFILE, "orcid": "0000-0002-1825-0098", "consent": "on"}
    return {
        "ws-profile": html(newcomer, url),
        "ws-profile-with-errors": html(newcomer, url, 200, invalid),
        "ws-profile-shown": html(signed_in(wf.reviewers[0].user), url),
    }


def sign_in_pages() -> dict[str, str]:
    """The password step, then the code, or the authenticator's set-up and recovery codes."""
    member = UserFactory(username="v-okafor", groups=["Advisory Board"])
    authenticator(member)
    newcomer = UserFactory(username="v-newcomer", groups=["Editors"])
    pages = {
        "admin-sign-in": html(Client(), "/admin/login/"),
        "admin-sign-in-failed": html(
            Client(), "/admin/login/", 200, {"username": "v-nobody", "password": "wrong"}
        ),
    }
    client = Client()
    client.post("/admin/login/", {"username": member.username, "password": PASSWORD})
    pages["admin-second-factor"] = html(client, "/admin/second-factor/")
    client = Client()
    client.post("/admin/login/", {"username": newcomer.username, "password": PASSWORD})
    pages["admin-second-factor-setup"] = html(client, "/admin/second-factor/setup/")
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    pages["admin-recovery-codes"] = html(
        client, "/admin/second-factor/setup/", 200, {"otp": current_code(device)}
    )
    return pages


def admin_pages(wf: Workflow) -> dict[str, str]:
    editor, board, reviewer = (signed_in(u) for u in (wf.editor, wf.board[0], wf.reviewers[2].user))
    reviewed = wf.reviewed()
    approved = wf.approved()
    published = wf.published()
    reinstatement = services.revision_start_next(
        article=wf.reach("retracted").article, actor=wf.author, change_note="Checked again."
    )
    reinstatement = wf.reviewed(services.revision_submit(revision=reinstatement, actor=wf.author))
    submitted = wf.submitted()
    versions = services.revision_start_next(
        article=wf.published(wf.draft(body_patient=FOR_PATIENTS)).article,
        actor=wf.author,
        change_class="update",
        change_note="Simpler words for patients.",
    )
    services.revision_edit(revision=versions, actor=wf.author, body_patient="Simpler [1].")
    versions = services.revision_submit(revision=versions, actor=wf.author)
    accepted = wf.accepted(n=2)[0].revision
    reviewing = wf.under_review().assignments.first()
    invited = services.assignment_create(
        revision=submitted, reviewer=wf.reviewers[2], actor=wf.editor
    )
    report = services.reader_report_receive(
        slug=published.article.slug, kind=ReportKind.QUESTION, message="Is this for children?"
    )

    def page(revision: Revision) -> str:
        return reverse("admin:articles_revision_change", args=[revision.pk])

    def action(revision: Revision, name: str) -> str:
        return reverse("admin:articles_revision_action", args=[revision.pk, name])

    def on_invitation(name: str) -> str:
        args = [submitted.pk, invited.pk, name]
        return reverse("admin:articles_revision_assignment_action", args=args)

    changelist = reverse("admin:articles_revision_changelist")
    assign = reverse("admin:articles_revision_assign", args=[submitted.pk])
    report_page = reverse("admin:editorial_readerreport_change", args=[report.pk])
    acknowledge = reverse("admin:editorial_readerreport_action", args=[report.pk, "acknowledge"])
    return {
        **sign_in_pages(),
        "admin-queues-editor": html(editor, reverse("admin:index")),
        "admin-queues-board": html(board, reverse("admin:index")),
        "admin-revision-list": html(editor, changelist),
        "admin-revision-ready-queue": html(editor, f"{changelist}?queue=ready_for_review"),
        "admin-revision-under-review": html(board, page(reviewed)),
        "admin-revision-published": html(editor, page(published)),
        "admin-revision-reinstatement": html(board, page(reinstatement)),
        "admin-revision-versions": html(editor, page(versions)),
        "admin-assign": html(editor, assign),
        "admin-start-review": html(editor, action(accepted, "start_review")),
        "admin-approve": html(board, action(reviewed, "approve")),
        "admin-approve-reinstatement": html(board, action(reinstatement, "approve")),
        "admin-request-changes": html(board, action(reviewed, "request_changes")),
        "admin-publish": html(editor, action(approved, "publish")),
        "admin-unpublish": html(board, action(published, "unpublish")),
        "admin-open-rereview": html(editor, action(published, "open_rereview")),
        "admin-refused-409": html(editor, action(submitted, "publish"), 409),
        "admin-forbidden-403": html(reviewer, action(submitted, "publish"), 403),
        "admin-assignment-accept": html(reviewer, on_invitation("accept")),
        "admin-assignment-review": html(
            signed_in(reviewing.reviewer.user),
            reverse(
                "admin:articles_revision_assignment_action",
                args=[reviewing.revision_id, reviewing.pk, "review"],
            ),
        ),
        "admin-report": html(editor, report_page),
        "admin-report-acknowledge": html(editor, acknowledge),
        "admin-public-profile": html(
            editor,
            reverse(
                "admin:reviewers_publicprofile_change",
                args=[PublicProfile.objects.get(user=wf.reviewers[0].user).pk],
            ),
        ),
    }
