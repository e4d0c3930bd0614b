"""Reviewers' links: the link in an invitation e-mail opens that one assignment without a
password, until its review is no longer open, its due date plus a grace period has passed,
or an editor revokes it. The token is signed (so a forged or mistyped one is refused before
any lookup) and only its hash is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from reviewers.models import OPEN, AssignmentState, ReviewAssignment, ReviewerLink

from .. import audit, notifications, workflow
from ..errors import RuleViolation
from ..models import AuditAction
from ..policy import Actor
from ._base import apply, lock, workflow_service

SALT = "imprimatur.reviewer-link"
ASK_AGAIN_AFTER = timedelta(hours=12)
ASKED_ALREADY = (
    "You asked for a new link less than 12 hours ago; the editors have been told. "
    "Please wait for their e-mail."
)

# Why a link no longer opens its assignment, in the reviewer's words.
EXPIRED, REVOKED, USED_UP = "expired", "revoked", "used_up"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_expiry(assignment: ReviewAssignment) -> datetime:
    return assignment.due_at + timedelta(days=settings.EDITORIAL["REVIEWER_LINK_GRACE_DAYS"])


def link_url(token: str) -> str:
    return settings.SITE_URL + reverse("workspace:link", args=[token])


def issue(assignment: ReviewAssignment, *, actor: Actor) -> str:
    """A new link for the assignment (older ones are revoked); the caller is in the service's
    transaction and audits it. Returns the token, which is never stored."""
    now = timezone.now()
    assignment.links.filter(revoked_at__isnull=True).update(revoked_at=now)
    token = signing.Signer(salt=SALT).sign(f"{assignment.pk}.{secrets.token_urlsafe(24)}")
    ReviewerLink.objects.create(
        assignment=assignment,
        token_hash=hash_token(token),
        created_at=now,
        created_by=actor,
        expires_at=link_expiry(assignment),
    )
    return token


def find(token: str) -> ReviewerLink | None:
    """The link this token is, if it is one of ours (however it stands now)."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    link = (
        ReviewerLink.objects.select_related(
            "assignment__reviewer__user", "assignment__revision__article"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None or value.split(".", 1)[0] != str(link.assignment_id):
        return None
    return link


def why_closed(link: ReviewerLink) -> str | None:
    """Why this link no longer opens its assignment; None while it does."""
    if link.revoked_at is not None:
        # A newer link replaced it, or the editor revoked it: either way, it is revoked.
        return REVOKED
    assignment = link.assignment
    step = "accept" if assignment.state == AssignmentState.INVITED else "review"
    if assignment.state not in OPEN or not workflow.fits_state(workflow.action(step), assignment):
        return USED_UP
    if link.expires_at <= timezone.now():
        return EXPIRED
    return None


@dataclass(frozen=True)
class Opened:
    link: ReviewerLink
    closed: str | None  # why it no longer opens the assignment, or None


@workflow_service
def reviewer_link_open(*, token: str) -> Opened | None:
    """Someone opened a reviewer's link: recorded in the audit history whether or not it
    still works. None: no such link."""
    link = find(token)
    if link is None:
        return None
    link = lock(link)
    closed = why_closed(link)
    now = timezone.now()
    if closed is None:
        link.last_used_at = now
        link.save(update_fields=["last_used_at"])
    assignment = link.assignment
    audit.record(
        action=AuditAction.REVIEWER_LINK_USED,
        actor=assignment.reviewer.user,
        article=assignment.revision.article,
        revision=assignment.revision,
        from_state=assignment.state,
        to_state=assignment.state,
        data={"assignment": assignment.pk, "link": link.pk, "refused": closed or ""},
    )
    return Opened(link=link, closed=closed)


@workflow_service
def reviewer_link_send(*, assignment: ReviewAssignment, actor: Actor) -> ReviewAssignment:
    """An editor sends the reviewer a new link; the older links stop working."""
    assignment = lock(assignment)
    act = workflow.guard("send_link", actor, assignment)
    token = issue(assignment, actor=actor)
    link = assignment.links.order_by("-pk").first()
    apply(act, assignment, actor=actor, data={"link": link.pk}, tell=False)
    assignment.link_url = link_url(token)
    notifications.tell(act, assignment)
    return assignment


@workflow_service
def reviewer_link_revoke(*, assignment: ReviewAssignment, actor: Actor) -> ReviewAssignment:
    """An editor stops the reviewer's link from working (the reviewer may still sign in)."""
    assignment = lock(assignment)
    act = workflow.guard("revoke_link", actor, assignment)
    live = list(assignment.links.live().select_for_update())
    if not live:
        raise RuleViolation("This assignment has no link that still works.")
    now = timezone.now()
    for link in live:
        link.revoked_at, link.revoked_by = now, actor
        link.save(update_fields=["revoked_at", "revoked_by"])
    apply(act, assignment, actor=actor, data={"links": [link.pk for link in live]})
    return assignment


@workflow_service
def reviewer_link_ask_new(*, link: ReviewerLink) -> ReviewerLink:
    """The reviewer, holding a link that no longer works, asks the editors for a new one:
    once per 12 hours, recorded and e-mailed to the editors who may send it."""
    link = lock(link)
    now = timezone.now()
    if link.new_link_asked_at and now - link.new_link_asked_at < ASK_AGAIN_AFTER:
        raise RuleViolation(ASKED_ALREADY)
    link.new_link_asked_at = now
    link.save(update_fields=["new_link_asked_at"])
    assignment = link.assignment
    audit.record(
        action=AuditAction.REVIEWER_LINK_ASKED,
        actor=assignment.reviewer.user,
        article=assignment.revision.article,
        revision=assignment.revision,
        from_state=assignment.state,
        to_state=assignment.state,
        data={"assignment": assignment.pk, "link": link.pk, "why": why_closed(link) or ""},
    )
    notifications.new_link_asked(assignment, why_closed(link) or "")
    return link


def extend_links(assignment: ReviewAssignment) -> None:
    """A later due date keeps the live links working for as long."""
    assignment.links.filter(revoked_at__isnull=True).update(expires_at=link_expiry(assignment))
