"""Seed the bench database: published articles with references and review records.

Rows are bulk-created (the bench measures serving, not the workflow), but every public
rendering is made by the real builder through editorial's refresh service. Revisions are
created as drafts with their references and moved on one workflow step at a time, the only
way the database's triggers let a revision become published.
"""

import hashlib
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from articles import content
from articles.models import Article, PublicSnapshot, Reference, Revision, Specialty
from editorial import audit
from editorial.models import AuditAction, BoardVote
from editorial.services.public_snapshots import public_snapshot_refresh
from reviewers.models import ReviewAssignment, Reviewer

KINDS = ["guideline", "systematic_review", "randomised_trial", "research", "review", "other"]
PARAGRAPH = (
    "Blood pressure is the force of blood against the walls of the arteries. When it stays "
    "high for a long time it strains the heart and blood vessels, and raises the risk of "
    "stroke, heart attack and kidney disease [{a}]. Most people with raised blood pressure "
    "feel well, which is why regular measurement matters [{b}].\n\n"
)


def _body(n_refs: int) -> str:
    parts = ["## What it is\n\n"]
    for i in range(24):
        parts.append(PARAGRAPH.format(a=i % n_refs + 1, b=(i + 3) % n_refs + 1))
        if i % 6 == 5:
            parts.append(f"## Section {i // 6 + 2}\n\n")
    return "".join(parts)


def _people():
    User = get_user_model()
    made = {}
    for name, first, last in [
        ("bench-author", "Ada", "Author"),
        ("bench-editor", "Ed", "Itor"),
        ("bench-board1", "Grace", "Board"),
        ("bench-board2", "Alan", "Board"),
        ("bench-rev1", "Rita", "Reviewer"),
        ("bench-rev2", "Sam", "Reviewer"),
    ]:
        made[name], _ = User.objects.get_or_create(
            username=name, defaults={"first_name": first, "last_name": last}
        )
    reviewers = [
        Reviewer.objects.get_or_create(
            user=made[u], defaults={"display_name": d, "credentials": c}
        )[0]
        for u, d, c in [
            ("bench-board1", "Prof Grace Board", "MD, FRCP"),
            ("bench-rev1", "Dr Rita Reviewer", "MBBS, MRCP"),
            ("bench-rev2", "Dr Sam Reviewer", "MD, PhD"),
        ]
    ]
    return made, reviewers


def seed(count: int, refs: int, log=print) -> None:
    if PublicSnapshot.objects.filter(state="published").count() == count:
        log(f"bench database already holds {count} published articles")
        return
    started = time.monotonic()
    people, reviewers = _people()
    specialties = [
        Specialty.objects.get_or_create(slug=s, defaults={"name": s.title()})[0]
        for s in ("cardiology", "respiratory", "neurology", "oncology", "renal")
    ]
    body = _body(refs)
    now = timezone.now()
    batch = 500
    for start in range(Article.objects.count(), count, batch):
        with transaction.atomic():
            _seed_batch(range(start, min(start + batch, count)), refs, body, now, people,
                        reviewers, specialties)  # fmt: skip
        log(f"  seeded {min(start + batch, count)} / {count}")
    log(f"seeded in {time.monotonic() - started:.0f}s; rendering with the real builder…")
    started = time.monotonic()
    pending = Article.objects.filter(public_snapshot__isnull=True).values_list("pk", flat=True)
    ids = list(pending)
    for i in range(0, len(ids), batch):
        with transaction.atomic():
            for pk in ids[i : i + batch]:
                public_snapshot_refresh(article=Article(pk=pk))
        log(f"  rendered {i + len(ids[i : i + batch])} / {len(ids)}")
    log(f"rendered in {time.monotonic() - started:.0f}s")


def _seed_batch(numbers, refs, body, now, people, reviewers, specialties) -> None:
    author = people["bench-author"]
    articles = Article.objects.bulk_create(
        Article(
            slug=f"article-{n:05d}",
            specialty=specialties[n % len(specialties)],
            created_by=author,
            first_published_at=now - timedelta(minutes=n),
            last_reviewed_on=(now - timedelta(days=30)).date(),
            next_review_due=(now + timedelta(days=330)).date(),
        )
        for n in numbers
    )
    revisions, references = [], []
    body_html = content.render_body(body, range(1, refs + 1))
    for n, article in zip(numbers, articles, strict=True):
        revision = Revision(
            article=article,
            number=1,
            created_by=author,
            title=f"Understanding high blood pressure, part {n}",
            summary="What raised blood pressure means, why it matters and how it is treated.",
            summary_patient="High blood pressure usually has no symptoms. Get it checked.",
            summary_clinician="Confirm with ambulatory readings; treat to target.",
            body=body,
            submitted_at=now - timedelta(days=40),
            review_started_at=now - timedelta(days=35),
            decided_at=now - timedelta(days=30),
            published_at=now - timedelta(minutes=n),
        )
        refs_for = [
            Reference(
                revision=revision, position=i, kind=KINDS[i % len(KINDS)],
                title=f"Reference {i} on hypertension management in adults",
                source="The Lancet", year=2015 + i,
                doi=f"10.1016/S0140-6736({n}){i:05d}-{hashlib.md5(str(n).encode()).hexdigest()[:4]}",
                pmid=str(30000000 + n * 10 + i),
            )
            for i in range(1, refs + 1)
        ]  # fmt: skip
        revision.content_hash = content.content_hash(revision, refs_for)
        revision.body_html = body_html
        revisions.append(revision)
        references.append(refs_for)
    Revision.objects.bulk_create(revisions)
    for revision, refs_for in zip(revisions, references, strict=True):
        for ref in refs_for:
            ref.revision = revision
    Reference.objects.bulk_create([r for refs_for in references for r in refs_for])
    created = Revision.objects.filter(pk__in=[r.pk for r in revisions])
    for state in ("submitted", "under_review", "approved", "published"):
        created.update(state=state)
    for article, revision in zip(articles, revisions, strict=True):
        article.live_revision = revision
    Article.objects.bulk_update(articles, ["live_revision"])
    BoardVote.objects.bulk_create(
        BoardVote(revision=r, member=people[m], decision="approve", content_hash=r.content_hash)
        for r in revisions
        for m in ("bench-board1", "bench-board2")
    )
    # The renderer shows a revision only with the record of its approval and publication.
    for article, revision in zip(articles, revisions, strict=True):
        for action, data in (
            (AuditAction.APPROVED, {"approvals": 2, "quorum": 2}),
            (AuditAction.PUBLISHED, {"content_hash": revision.content_hash}),
        ):
            audit.record(
                action=action,
                actor=people["bench-board2"],
                article=article,
                revision=revision,
                to_state=action,
                data={**data, "content_hash": revision.content_hash},
            )
    ReviewAssignment.objects.bulk_create(
        ReviewAssignment(
            revision=r,
            reviewer=rv,
            assigned_by=people["bench-editor"],
            state="completed",
            due_at=now,
            completed_at=now,
            recommendation="approve",
        )
        for r in revisions
        for rv in reviewers[1:]
    )
