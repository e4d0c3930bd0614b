"""How a published revision is shown: the public JSON document, its JSON-LD, and the
context of its page (each audience's part of it: articles.audiences). Pure functions of their
inputs; storing is publication's."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import content, overdue, schema_org
from .audiences import (
    AUDIENCE_PLACEHOLDER,
    audience_fragments,
    body_fragment,
    versions_data,
)
from .models import (
    AUDIENCES,
    Article,
    Drafting,
    Reference,
    ReferenceKind,
    Revision,
)

ROLE_LABELS = {"board": "Medical Advisory Board", "reviewer": "Peer reviewer"}
CREDIT_GROUPS = (("board", "Approved by"), ("reviewer", "Peer reviewed by"))


# The kinds of the public record of changes ("history"), and what they move or show.
HISTORY_KINDS = ("published", "reviewed", "minor", "update", "correction", "retracted",
                 "reinstated")  # fmt: skip
MOVES_LAST_UPDATED = frozenset({"published", "update", "correction", "reinstated"})
# Listed at /corrections/ and in its feed.
NOTICE_KINDS = frozenset({"correction", "retracted", "reinstated"})


@dataclass(frozen=True)
class HistoryEntry:
    """One published fact of an article's life: its first publication, a later revision of a
    given class, a re-review, a retraction or a reinstatement. `title` is the title of the
    revision concerned (what /corrections/ lists it under)."""

    at: datetime
    kind: str
    note: str
    title: str = ""

    @property
    def date(self) -> date:
        return timezone.localdate(self.at)

    def public(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "kind": self.kind, "note": self.note}


def last_updated(history: Sequence[HistoryEntry]) -> datetime | None:
    """When the article last changed in substance (a minor change or a re-review does not
    count); history is newest first."""
    return next((e.at for e in history if e.kind in MOVES_LAST_UPDATED), None)


def page_notices(history: Sequence[HistoryEntry]) -> list[dict[str, Any]]:
    """What the top of the page tells readers, from the history (newest first).

    A correction's notice stays until an update or another correction follows (a minor
    change or a re-review does not displace it); an update's one-line summary likewise. A
    reinstatement is told for good: when the article was retracted, when reinstated, and why.
    """
    notices = []
    latest = next((e for e in history if e.kind in MOVES_LAST_UPDATED), None)
    if latest is not None and latest.kind in ("correction", "update"):
        notices.append(latest.public())
    for index, entry in enumerate(history):
        if entry.kind == "reinstated":
            retracted = next((e for e in history[index + 1 :] if e.kind == "retracted"), None)
            notices.append(
                {
                    **entry.public(),
                    "retracted_on": retracted.date.isoformat() if retracted else None,
                    "retraction_reason": retracted.note if retracted else "",
                }
            )
            break
    return notices


@dataclass(frozen=True)
class ReviewCredit:
    """One person shown as having reviewed the revision; `profile` (the slug of their public
    profile) and `orcid` only while they consent to a public profile."""

    name: str
    credentials: str
    role: str  # "board" or "reviewer"
    profile: str = ""
    orcid: str = ""

    @property
    def profile_path(self) -> str:
        return reverse("public-reviewer-page", args=[self.profile]) if self.profile else ""


def credit_data(credit: ReviewCredit) -> dict[str, Any]:
    """A person as the public JSON names them, with their profile and ORCID record if any."""
    return {
        "name": credit.name,
        "credentials": credit.credentials,
        "role": credit.role,
        "profile_url": absolute(credit.profile_path) if credit.profile else None,
        "orcid_url": f"https://orcid.org/{credit.orcid}" if credit.orcid else None,
    }


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reference_data(ref: Reference) -> dict[str, Any]:
    return {
        "position": ref.position,
        "kind": ref.kind,
        "kind_label": ReferenceKind(ref.kind).label if ref.kind in ReferenceKind.values else "",
        "title": ref.title,
        "source": ref.source,
        "year": ref.year,
        "doi": ref.doi,
        "doi_url": f"https://doi.org/{ref.doi}" if ref.doi else None,
        "pmid": ref.pmid,
        "pmid_url": f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else None,
        "url": ref.url or None,
    }


def drafting_data(revision: Revision) -> dict[str, str]:
    """How the revision was drafted, as the public is told (never the internal note)."""
    kind = revision.drafting
    return {
        **revision.provenance,
        "label": Drafting(kind).label if kind in Drafting.values else kind,
    }


def _names(people: Sequence[ReviewCredit]) -> str:
    named = [f"{p.name}, {p.credentials}" if p.credentials else p.name for p in people]
    if len(named) < 2:
        return "".join(named)
    return "; ".join(named[:-1]) + " and " + named[-1]


def responsibility_data(revision: Revision, reviewed_by: Sequence[ReviewCredit]) -> dict:
    """Who holds editorial responsibility for the article (the publisher, exercised by the
    board members who approved it) and the statement readers see, in the words of the
    EDITORIAL["DRAFTING_DISCLOSURE"] setting for the revision's kind of drafting."""
    publisher = settings.PUBLISHER
    approvers = [c for c in reviewed_by if c.role == "board"]
    drafting = drafting_data(revision)
    wording = settings.EDITORIAL["DRAFTING_DISCLOSURE"]
    statement = wording.get(drafting["kind"], wording[Drafting.HUMAN]).format(
        publisher=publisher["NAME"],
        approvers=_names(approvers) or "members",
        pipeline=drafting["pipeline"],
        model=drafting["model"],
        version=drafting["version"],
    )
    return {
        "publisher": {"name": publisher["NAME"], "url": publisher["URL"] or absolute("/")},
        "approved_by": [{"name": c.name, "credentials": c.credentials} for c in approvers],
        "statement": statement,
    }


def detail_data(
    article: Article,
    revision: Revision,
    references: Sequence[Reference],
    reviewed_by: Sequence[ReviewCredit],
    body_html: str,
    history: Sequence[HistoryEntry] = (),
    audience_html: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The public detail document, as the JSON API serves it (with no audience chosen).
    `audience_html` holds the HTML of each audience's own version of the body."""
    versions = versions_data(revision, audience_html or {})
    page = reverse("public-article-page", args=[article.slug])
    updated = last_updated(history) or revision.published_at
    return {
        "slug": article.slug,
        "url": absolute(page),
        "api_url": absolute(reverse("public-api-article", args=[article.slug])),
        "title": revision.title,
        "specialty": {"slug": article.specialty.slug, "name": article.specialty.name},
        "audience": None,
        "summary": revision.summary,
        "summaries": {a: getattr(revision, f"summary_{a}") for a in AUDIENCES},
        "body_html": body_html,
        # Whose version body_html is: "general" (the text for everyone) unless an audience
        # with a version of its own was asked for.
        "body_version": "general",
        "audience_versions": [a for a in AUDIENCES if versions[a] is not None],
        "versions": versions,
        "references": [reference_data(r) for r in references],
        "reviewed_by": [credit_data(c) for c in reviewed_by],
        "review": {
            "status": "approved",
            "status_label": "Reviewed by the Medical Advisory Board",
            "submitted_at": _iso(revision.submitted_at),
            "review_started_at": _iso(revision.review_started_at),
            "approved_at": _iso(revision.decided_at),
        },
        "revision": revision.number,
        "content_hash": revision.content_hash,
        "drafting": drafting_data(revision),
        "editorial_responsibility": responsibility_data(revision, reviewed_by),
        # What the content hash is the SHA-256 of, serialised canonically (the review record
        # says how): the approved Markdown and references, and how it was drafted.
        "content": content.canonical_content(revision, references),
        "review_record_url": absolute(reverse("public-api-review-record", args=[article.slug])),
        "first_published": _iso(article.first_published_at),
        "last_updated": _iso(updated),
        "last_reviewed": _iso(article.last_reviewed_on),
        "next_review_due": _iso(article.next_review_due),
        "notices": page_notices(history),
        "history": [entry.public() for entry in history],
        # Stored false; served true once next_review_due has passed (articles.overdue).
        "review_overdue": False,
        "disclaimer": settings.EDITORIAL["DISCLAIMER"],
        "editorial_policy_url": absolute(reverse("public-editorial-policy")),
    }


def json_ld(data: dict[str, Any]) -> str:
    """schema.org MedicalWebPage, escaped so it can sit inside a <script> element."""
    specialty = data["specialty"]
    document = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": data["title"],
        "headline": data["title"],
        "description": data["summary"],
        "url": data["url"],
        "inLanguage": "en-GB",
        "specialty": schema_org.specialty(specialty["name"], specialty["slug"]),
        "about": schema_org.about(specialty["name"], specialty["slug"]),
        **({"audience": audience} if (audience := schema_org.audiences(data["summaries"])) else {}),
        # Writers are not named on the page: the publisher answers for what it publishes.
        "author": schema_org.publisher(),
        "publisher": schema_org.publisher(),
        "datePublished": data["first_published"],
        "dateModified": data["last_updated"],
        "lastReviewed": data["last_reviewed"],
        "reviewedBy": [
            {
                "@type": "Person",
                "name": c["name"],
                **({"honorificSuffix": c["credentials"]} if c["credentials"] else {}),
                "jobTitle": ROLE_LABELS.get(c["role"], ""),
                **({"url": c["profile_url"]} if c.get("profile_url") else {}),
                **({"sameAs": c["orcid_url"]} if c.get("orcid_url") else {}),
            }
            for c in data["reviewed_by"]
        ],
        "citation": [
            {
                "@type": "CreativeWork",
                "@id": f"{data['url']}#ref-{r['position']}",
                "name": r["title"],
                **({"publisher": schema_org.organization(r["source"])} if r["source"] else {}),
                **({"datePublished": str(r["year"])} if r["year"] else {}),
                **({"url": link} if (link := r["doi_url"] or r["url"] or r["pmid_url"]) else {}),
            }
            for r in data["references"]
        ],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def page_context(
    article: Article,
    revision: Revision,
    data: dict[str, Any],
    reviewed_by: Sequence[ReviewCredit],
    body_html: str,
    *,
    history: Sequence[HistoryEntry] = (),
    updated: datetime | None = None,
) -> dict[str, Any]:
    """The context of the article's page (articles/article_detail.html and its article part,
    articles/_article.html): one builder for the stored public page and the authors' preview,
    so the preview is the page as it will be published. `history` is the article's public
    record of changes; `updated`, its last update (the revision's publication by default)."""
    return {
        "article": data,
        "json_ld": mark_safe(json_ld(data)),  # noqa: S308 - built and escaped by json_ld()
        "audience_placeholder": mark_safe(AUDIENCE_PLACEHOLDER),  # noqa: S308 - a constant
        # An HTML comment holding an ISO date, replaced by the notice once it has passed.
        "overdue_marker": mark_safe(overdue.marker(article.next_review_due)),  # noqa: S308
        # The text for everyone, sanitised by nh3 in render_body; an audience's own version
        # takes its place when served (articles.public.pages).
        "body": mark_safe(body_fragment(body_html, "general")),  # noqa: S308
        "credit_groups": [
            {"role": role, "label": label, "people": [c for c in reviewed_by if c.role == role]}
            for role, label in CREDIT_GROUPS
            if any(c.role == role for c in reviewed_by)
        ],
        "history": history,
        "notices": [
            {**notice, "on": _day(notice["date"]), "retracted": _day(notice.get("retracted_on"))}
            for notice in data.get("notices", ())
        ],
        "dates": {
            "submitted": revision.submitted_at,
            "review_started": revision.review_started_at,
            "approved": revision.decided_at,
            "last_updated": updated or revision.published_at,
            "last_reviewed": article.last_reviewed_on,
            "next_review_due": article.next_review_due,
        },
    }


def article_part(context: dict[str, Any]) -> str:
    """The article element of the page, with the general summary in place: what the public
    page shows between its header and footer."""
    fragments = audience_fragments(context["article"])
    return render_to_string("articles/_article.html", context).replace(
        AUDIENCE_PLACEHOLDER, fragments["general"], 1
    )
