"""Does the office stay flat as the archive grows? Query counts and SQL time of every admin
page and authenticated API list at a small archive and at a large one, on PostgreSQL.

Creates its own database (imprimatur_scale, dropped first unless --keep), seeds --baseline
articles (default 1,000), measures, grows the same database to --articles (default 100,000)
and measures again. Articles are mostly published; one in --in-review-every (default 30) is
somewhere in the workflow (draft, submitted with reviewers invited, under review, approved);
each carries about ten audit events, chained and signed as the real ones are.

For each page it prints the number of queries and the median over --rounds of the summed
SQL time (each statement timed at the driver), at both sizes, and the difference.

Usage: .venv/bin/python -m bench.scale [--articles 100000] [--baseline 1000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("SCALE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "imprimatur_scale"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
os.environ["DB_STATEMENT_TIMEOUT_MS"] = "0"  # seeding runs long statements on purpose
os.environ["BENCH_PLAIN_STATIC"] = "1"
os.environ.pop("REDIS_URL", None)

BATCH = 1000
REVISIONS = "/admin/articles/revision/"
ASSIGNMENTS = "/admin/reviewers/reviewassignment/"
IN_REVIEW_STATES = ("draft", "submitted", "under_review", "approved")
KINDS = ["guideline", "systematic_review", "randomised_trial", "research", "review", "other"]
BODY = (
    "## What it is\n\nBlood pressure is the force of blood against the walls of the arteries "
    "[1]. When it stays high it strains the heart and raises the risk of stroke [2]. Most "
    "people with raised blood pressure feel well, which is why measurement matters [3].\n"
)


def recreate_database(keep: bool) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and keep:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


# -- seeding ---------------------------------------------------------------------------------


def people() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from articles.models import Specialty
    from editorial import policy
    from reviewers.models import Reviewer

    User = get_user_model()
    made: dict = {"users": {}, "reviewers": []}
    roles = {
        "scale-author": policy.AUTHORS,
        "scale-author2": policy.AUTHORS,
        "scale-editor": policy.EDITORS,
        "scale-board1": policy.BOARD,
        "scale-board2": policy.BOARD,
        **{f"scale-rev{i}": policy.REVIEWERS for i in range(1, 9)},
    }
    for username, role in roles.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": username.split("-")[1].title(),
                "is_staff": role != policy.AUTHORS,
            },
        )
        if created:
            user.groups.add(Group.objects.get(name=role))
        made["users"][username] = user
        if role == policy.REVIEWERS:
            reviewer, _ = Reviewer.objects.get_or_create(
                user=user, defaults={"display_name": f"Dr {username}", "credentials": "MD"}
            )
            made["reviewers"].append(reviewer)
    for username in ("scale-editor", "scale-board1"):
        TOTPDevice.objects.get_or_create(
            user=made["users"][username], name="phone", defaults={"confirmed": True}
        )
    made["specialties"] = [
        Specialty.objects.get_or_create(slug=s, defaults={"name": s.title()})[0]
        for s in ("cardiology", "respiratory", "neurology", "oncology", "renal", "dermatology")
    ]
    return made


class Table:
    """Rows written with PostgreSQL's COPY, ids chosen here so that rows can point at each
    other before they exist; a column a row leaves out takes the model field's default."""

    def __init__(self, model) -> None:
        from django.db import connection
        from django.db.models import NOT_PROVIDED, JSONField
        from django.utils import timezone

        self.model, self.rows = model, []
        self.fields = model._meta.concrete_fields
        self.json = {f.attname for f in self.fields if isinstance(f, JSONField)}
        now = timezone.now()
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.default is not NOT_PROVIDED:
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            elif not f.primary_key:
                self.defaults[f.attname] = ""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
            self.next_id = cursor.fetchone()[0] + 1

    def add(self, **row) -> int:
        row.setdefault("id", self.next_id)
        self.next_id = max(self.next_id, row["id"]) + 1
        self.rows.append(row)
        return row["id"]

    def write(self) -> None:
        from django.db import connection

        table, columns = self.model._meta.db_table, [f.column for f in self.fields]
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row([self._value(f.attname, row) for f in self.fields])
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        self.rows = []

    def _value(self, name: str, row: dict):
        value = row[name] if name in row else self.defaults[name]
        return json.dumps(value) if name in self.json and value is not None else value


class Chain:
    """Audit events chained to each other and signed, exactly as editorial.audit writes them
    one at a time, for the COPY of the audit table."""

    def __init__(self, table: Table) -> None:
        from editorial import audit
        from editorial.models import AuditEvent

        self.audit, self.key, self.table = audit, audit.signing_key(), table
        head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        self.sequence = head["sequence"] if head else 0
        self.previous = head["hash"] if head else audit.GENESIS_HASH

    def add(self, when, **fields) -> None:
        self.sequence += 1
        blank = {f.attname: None for f in self.table.fields}
        event = SimpleNamespace(
            **{**blank, "comment": "", "from_state": "", "to_state": "", **fields}
        )
        event.sequence, event.previous_hash, event.created_at = self.sequence, self.previous, when
        event.key_id = self.key.id
        event.data = json.loads(json.dumps(fields.get("data", {}), sort_keys=True, default=str))
        event.hash = self.previous = self.audit.compute_hash(event, {self.key.id: self.key})
        self.table.add(**{name: value for name, value in vars(event).items() if name != "id"})


def grow(target: int, every: int, made: dict, log=print) -> None:
    from django.db import connection, transaction

    from articles.models import Article

    have = Article.objects.count()
    started = time.monotonic()
    for start in range(have, target, BATCH):
        with transaction.atomic():
            seed_batch(range(start, min(start + BATCH, target)), every, made)
        done = min(start + BATCH, target)
        rate = (done - have) / (time.monotonic() - started)
        log(f"\r  seeded {done:,} / {target:,} articles ({rate:,.0f}/s)", end="", flush=True)
    if target > have:
        log("")
    # What autovacuum would have done by the time an archive this size is in use: the dead
    # versions the workflow's steps left behind cleared, the visibility map set (so counts
    # can read an index alone) and the planner's statistics current.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def seed_batch(numbers: range, every: int, made: dict) -> None:
    from django.db import connection
    from django.utils import timezone

    from articles import content
    from articles.models import Article, Reference, Revision
    from editorial.models import AuditAction, AuditEvent, BoardVote
    from reviewers.models import ReviewAssignment

    users, reviewers, specialties = made["users"], made["reviewers"], made["specialties"]
    authors = [users["scale-author"], users["scale-author2"]]
    editor, board = users["scale-editor"], [users["scale-board1"], users["scale-board2"]]
    now = timezone.now()
    body_html = content.render_body(BODY, range(1, 4))
    tables = {m: Table(m) for m in (Article, Revision, Reference, ReviewAssignment, BoardVote,
                                    AuditEvent)}  # fmt: skip
    chain = Chain(tables[AuditEvent])
    steps = ("submitted", "under_review", "approved", "published")
    reaching: dict[str, list[int]] = {state: [] for state in steps}
    live: list[int] = []
    for n in numbers:
        final = IN_REVIEW_STATES[(n // every) % 4] if n % every == every - 1 else "published"
        author = authors[n % 2]
        when = now - timedelta(days=45 + n % 30)
        published = final == "published"
        article = tables[Article].add(
            slug=f"scale-{n:06d}",
            specialty_id=specialties[n % len(specialties)].pk,
            created_by_id=author.pk,
            created_at=when,
            first_published_at=now - timedelta(minutes=n) if published else None,
            last_reviewed_on=(now - timedelta(days=n % 400)).date() if published else None,
            next_review_due=(now + timedelta(days=365 - n % 400)).date() if published else None,
        )
        revision = Revision(
            article_id=article,
            number=1,
            title=f"Living with condition {n}: what the evidence says about treatment {n % 97}",
            summary="What it means, why it matters and how it is treated.",
            summary_patient="It usually has no symptoms. Get it checked.",
            body=BODY,
        )
        refs = [
            Reference(position=i, kind=KINDS[(n + i) % len(KINDS)],
                      title=f"Reference {i} on the management of condition {n}",
                      source="The Lancet", year=2015 + i, doi=f"10.1016/scale.{n}.{i}")
            for i in range(1, 4)
        ]  # fmt: skip
        submitted = final != "draft"
        row = {
            f.attname: getattr(revision, f.attname)
            for f in tables[Revision].fields
            if f.attname not in ("id", "state") and getattr(revision, f.attname) is not None
        }
        revision.content_hash = content.content_hash(revision, refs) if submitted else ""
        row.update(
            created_by_id=author.pk,
            created_at=when,
            updated_at=when + timedelta(days=n % 20),
            last_activity_at=when + timedelta(days=n % 20),
            content_hash=revision.content_hash,
            body_html=body_html if submitted else "",
            submitted_at=when if submitted else None,
        )  # fmt: skip
        revision_id = tables[Revision].add(**row)
        for ref in refs:
            tables[Reference].add(
                **{f.attname: getattr(ref, f.attname) for f in tables[Reference].fields
                   if f.attname not in ("id", "revision_id")},
                revision_id=revision_id,
            )  # fmt: skip
        for state in steps[: steps.index(final) + 1] if submitted else ():
            reaching[state].append(revision_id)
        if published:
            live.append(article)
        event = {"actor_id": author.pk, "article_id": article, "revision_id": revision_id}
        chain.add(when, action=AuditAction.ARTICLE_CREATED, to_state="draft", **event)
        if not submitted:
            continue
        chain.add(when, action=AuditAction.SUBMITTED, from_state="draft", to_state="submitted",
                  data={"content_hash": revision.content_hash}, **event)  # fmt: skip
        by_editor = {**event, "actor_id": editor.pk}
        done = final != "submitted"
        for i in range(2):
            reviewer = reviewers[(n + 3 * i) % len(reviewers)]
            state = "completed" if done else ("invited", "accepted")[(n + i) % 2]
            tables[ReviewAssignment].add(
                revision_id=revision_id,
                reviewer_id=reviewer.pk,
                assigned_by_id=editor.pk,
                state=state,
                due_at=now + timedelta(days=(n + i) % 40 - 20),
                invited_at=when,
                responded_at=None if state == "invited" else when,
                completed_at=when if done else None,
                recommendation="approve" if done else "",
                comments_for_author="Clear and well referenced." if done else "",
            )
            chain.add(when, action=AuditAction.REVIEWER_ASSIGNED, **by_editor)
            by_reviewer = {**event, "actor_id": reviewer.user_id}
            if state != "invited":
                chain.add(when, action=AuditAction.ASSIGNMENT_ACCEPTED, **by_reviewer)
            if done:
                chain.add(when, action=AuditAction.REVIEW_COMPLETED, **by_reviewer)
        if final in ("under_review", "approved", "published"):
            chain.add(when, action=AuditAction.REVIEW_STARTED, from_state="submitted",
                      to_state="under_review", **by_editor)  # fmt: skip
        if final in ("approved", "published"):
            for member in board:
                tables[BoardVote].add(revision_id=revision_id, member_id=member.pk,
                                      decision="approve", content_hash=revision.content_hash,
                                      created_at=when)  # fmt: skip
            chain.add(when, action=AuditAction.APPROVED, from_state="under_review",
                      to_state="approved", data={"approvals": 2, "quorum": 2},
                      **{**event, "actor_id": board[1].pk})  # fmt: skip
        if published:
            chain.add(when, action=AuditAction.PUBLISHED, from_state="approved",
                      to_state="published", data={"content_hash": revision.content_hash},
                      **by_editor)  # fmt: skip
    for model in (Article, Revision, Reference, ReviewAssignment, BoardVote, AuditEvent):
        tables[model].write()
    stamps = {"under_review": "review_started_at", "approved": "decided_at",
              "published": "published_at"}  # fmt: skip
    for state in steps:
        fields = {"state": state}
        if state in stamps:
            fields[stamps[state]] = now - timedelta(days=30 - steps.index(state))
        Revision.objects.filter(pk__in=reaching[state]).update(**fields)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article a SET live_revision_id = r.id FROM articles_revision r"
            " WHERE r.article_id = a.id AND r.state = 'published' AND a.id = ANY(%s)",
            [live],
        )


# -- measuring -------------------------------------------------------------------------------


def pages(made: dict) -> list[tuple[str, str, str]]:
    """(name, who, URL) of every admin page and authenticated list an editor or the board uses."""
    from articles.models import Revision
    from editorial.selectors.admin import ASSIGNMENT_QUEUES, REVISION_QUEUES

    in_review = Revision.objects.filter(state="under_review").order_by("pk").first()
    by_specialty = "specialty=renal"
    found = [
        ("admin index", "scale-editor", "/admin/"),
        ("revisions", "scale-editor", "/admin/articles/revision/"),
        ("revisions, search", "scale-editor", "/admin/articles/revision/?q=condition+4242"),
        ("revisions, specialty", "scale-editor", f"{REVISIONS}?{by_specialty}"),
        ("revision page", "scale-editor", f"/admin/articles/revision/{in_review.pk}/change/"),
        ("articles", "scale-editor", "/admin/articles/article/"),
        ("articles, search", "scale-editor", "/admin/articles/article/?q=scale-004242"),
        ("assignments", "scale-editor", "/admin/reviewers/reviewassignment/"),
        ("audit events", "scale-editor", "/admin/editorial/auditevent/"),
        ("board votes", "scale-editor", "/admin/editorial/boardvote/"),
        ("reader reports", "scale-editor", "/admin/editorial/readerreport/"),
        ("reviewers", "scale-editor", "/admin/reviewers/reviewer/"),
        ("API revisions", "scale-editor", "/api/v1/revisions/"),
        ("API articles", "scale-editor", "/api/v1/articles/"),
        ("API assignments", "scale-editor", "/api/v1/assignments/"),
        ("API re-reviews", "scale-editor", "/api/v1/rereviews/"),
        ("API assignments (reviewer)", "scale-rev1", "/api/v1/assignments/"),
        ("API revisions (author)", "scale-author", "/api/v1/revisions/"),
    ]  # fmt: skip
    for queue in REVISION_QUEUES:
        who = "scale-board1" if queue == "awaiting_my_vote" else "scale-editor"
        found.append((f"queue {queue}", who, f"/admin/articles/revision/?queue={queue}"))
    for queue in ASSIGNMENT_QUEUES:
        found.append((f"queue {queue}", "scale-editor", f"{ASSIGNMENTS}?queue={queue}"))
    return found


@contextmanager
def timed_sql() -> Iterator[list[float]]:
    """Each statement's time at the driver, in seconds (Django's own log rounds to 1 ms)."""
    from django.db import connection

    times: list[float] = []

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times.append(time.perf_counter() - started)

    with connection.execute_wrapper(wrapper):
        yield times


def client_for(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(made: dict, rounds: int, explain: bool = False) -> dict[str, tuple[int, float]]:
    clients = {name: client_for(user) for name, user in made["users"].items()}
    figures = {}
    for name, who, url in pages(made):
        counts, sql = [], []
        for _ in range(rounds + 1):  # the first round warms caches and is not counted
            with timed_sql() as times:
                response = clients[who].get(url)
            if response.status_code != 200:
                raise SystemExit(
                    f"{name}: {url} answered {response.status_code} {response.get('Location', '')}"
                )
            counts.append(len(times))
            sql.append(sum(times) * 1000)
        figures[name] = (max(counts[1:]), statistics.median(sql[1:]))
        if explain:
            show_plan(name, clients[who], url)
    return figures


def show_plan(name: str, client, url: str) -> None:
    """EXPLAIN ANALYZE of the page's slowest SELECT, for finding the index it lacks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured, timed_sql() as times:
        client.get(url)
    slowest = max(
        (pair for pair in zip(times, captured.captured_queries, strict=False)
         if pair[1]["sql"].lstrip().upper().startswith("SELECT")),
        key=lambda pair: pair[0],
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[1]["sql"])
        plan = "\n".join("    " + row[0] for row in cursor.fetchall())
    print(f"\n== {name}: {slowest[0] * 1000:.1f} ms\n    {slowest[1]['sql'][:400]}\n{plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--in-review-every", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database for another run")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's slowest statement"
    )
    args = parser.parse_args()

    recreate_database(args.keep)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    made = people()
    small, large = {}, {}
    for target, figures in ((args.baseline, small), (args.articles, large)):
        print(f"growing the archive to {target:,} articles…")
        grow(target, args.in_review_every, made)
        figures.update(measure(made, args.rounds, explain=args.explain and target == args.articles))
    from editorial.models import AuditEvent

    events = AuditEvent.objects.count()
    print(f"\n{args.articles:,} articles, {events:,} audit events, PostgreSQL; "
          f"median of {args.rounds} rounds, SQL time at the driver\n")  # fmt: skip
    head = f"{'page':<34}{'queries':>9}{'SQL ms':>9}{'queries':>10}{'SQL ms':>9}{'Δ ms':>8}"
    print(f"{'':<34}{args.baseline:>12,} articles{args.articles:>13,} articles")
    print(head)
    worst = 0.0
    for name, (count, ms) in small.items():
        big_count, big_ms = large[name]
        worst = max(worst, big_ms - ms)
        flag = "" if big_count == count else "  queries differ"
        row = f"{name:<34}{count:>9}{ms:>9.1f}{big_count:>10}{big_ms:>9.1f}{big_ms - ms:>+8.1f}"
        print(row + flag)
    print(f"\nlargest growth in SQL time: {worst:+.1f} ms (target: within 20 ms)")
    if not args.keep:
        drop_database()


if __name__ == "__main__":
    main()
