"""How fast rebuild_public rewrites the stored public renderings, on PostgreSQL.

Creates a database of its own (postgres@127.0.0.1:5432, trust auth), seeds N published
articles with their review records (bench.seed, rows bulk-created, no rendering) and gathers
the planner's statistics, then:

1. the baseline: the one-article-at-a-time path (public_snapshot_refresh, one transaction
   per article, one process) over a sample of the articles;
2. rebuild_public --all --workers W over all N, most of which have no stored rendering yet
   (a first build);
3. rebuild_public --all with one worker, then with --workers W, over all N, every one stored
   (the rebuild after a deployment changed a template or a setting);

and prints for each articles/s, the time extrapolated to 100,000 articles and the ratio to the
baseline measured in the same run, then whether 100,000 articles rebuild in under 5 minutes.
The database is dropped at the end.

The machine's CPUs may be shared with other work, which slows every line alike: the ratios
are more telling than the rates. So each line also gives the CPU time an article cost (the
Python processes and their PostgreSQL backends), and the time 100,000 would take if the
rebuild had the machine's CPUs to itself (CPU time / CPUs: a bound, reached when the workers
keep every CPU busy).
Usage: .venv/bin/python -m bench.rebuild [--articles N] [--workers W] [--sample S]
                                         [--skip-one-worker]
"""

import argparse
import functools
import multiprocessing
import os
import subprocess
import sys
import time
from dataclasses import dataclass

DB_NAME = f"imprimatur_bench_rebuild_{os.getpid()}"
SERVER = "postgres://postgres@127.0.0.1:5432"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.pop("REDIS_URL", None)
TARGET_SECONDS = 300
TARGET_ARTICLES = 100_000
CPUS = os.cpu_count() or 1
# CPU seconds spent by the workers and their database backends, added up across processes
# (shared memory, inherited by the forked workers).
SPENT = multiprocessing.Value("d", 0.0)


def psql(command: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", command],
        check=True,
    )


def seed(count: int, refs: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Specialty
    from bench.seed import _body, _people, _seed_batch

    people, reviewers = _people()
    specialties = [
        Specialty.objects.get_or_create(slug=s, defaults={"name": s.title()})[0]
        for s in ("cardiology", "respiratory", "neurology", "oncology", "renal")
    ]
    body, now = _body(refs), timezone.now()
    for start in range(0, count, 500):
        with transaction.atomic():
            _seed_batch(range(start, min(start + 500, count)), refs, body, now, people,
                        reviewers, specialties)  # fmt: skip
        print(f"\r  seeded {min(start + 500, count)} / {count}", end="", file=sys.stderr)
    print(file=sys.stderr)


def analyze() -> None:
    """Gather the planner's statistics, as autovacuum would on a live database (this server
    may run without it): bulk-created rows leave none, and without them PostgreSQL scans
    whole tables for a batch's hundred ids."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _backend_cpu() -> float:
    """CPU seconds the PostgreSQL backend serving this process's connection has used (0 when
    the server runs elsewhere: /proc shows it only on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _spending(work):
    """`work` that adds the CPU time it and its database backend spent to SPENT."""

    @functools.wraps(work)
    def measured(*args, **kwargs):
        before = time.process_time() + _backend_cpu()
        try:
            return work(*args, **kwargs)
        finally:
            spent = time.process_time() + _backend_cpu() - before
            with SPENT.get_lock():
                SPENT.value += spent

    return measured


@dataclass
class Line:
    name: str
    articles: int
    seconds: float
    cpu: float  # seconds

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    def minutes(self) -> float:
        """Measured minutes for 100,000 articles (extrapolated when fewer were rebuilt)."""
        return TARGET_ARTICLES / self.rate / 60

    def cpu_ms(self) -> float:
        return self.cpu / self.articles * 1000

    def cpu_bound_minutes(self) -> float:
        return TARGET_ARTICLES * self.cpu / self.articles / CPUS / 60


def baseline(sample: int) -> Line:
    from django.db import transaction

    from articles.models import Article
    from editorial.services.public_snapshots import public_snapshot_refresh

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:sample])

    @_spending
    def refresh_all() -> None:
        for pk in ids:
            with transaction.atomic():
                public_snapshot_refresh(article=Article(pk=pk), force=True)

    SPENT.value = 0.0
    started = time.perf_counter()
    refresh_all()
    elapsed = time.perf_counter() - started
    return Line("baseline (one article per transaction, 1 process)", len(ids), elapsed, SPENT.value)


def rebuild(name: str, workers: int) -> Line:
    from editorial.services import public_rebuild

    ids = public_rebuild.public_rebuild_ids(everything=True)
    SPENT.value = 0.0
    parent = time.process_time()
    started = time.perf_counter()
    report = public_rebuild.public_snapshots_rebuild(ids, workers=workers)
    elapsed = time.perf_counter() - started
    assert not report.withdrawn, report.withdrawn[:3]
    cpu = SPENT.value
    if workers > 1:
        # The parent's share: handing out the batches and gathering the reports. With one
        # worker the batches ran in this process, and SPENT holds them already.
        cpu += time.process_time() - parent
    return Line(name, report.rebuilt, elapsed, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=CPUS)
    parser.add_argument("--sample", type=int, default=500, help="articles in the baseline")
    parser.add_argument("--refs", type=int, default=8)
    parser.add_argument(
        "--skip-one-worker", action="store_true", help="leave out the one-worker rebuild"
    )
    args = parser.parse_args()
    psql(f"CREATE DATABASE {DB_NAME}")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from editorial.services import public_rebuild

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed(args.articles, args.refs)
        print(f"seeded {args.articles} articles in {time.perf_counter() - started:.0f}s")
        analyze()
        # Each batch, in whichever process runs it, counts the CPU time it spent.
        public_rebuild._rebuild_with_retries = _spending(public_rebuild._rebuild_with_retries)
        lines = [baseline(args.sample)]
        w = args.workers
        lines.append(rebuild(f"rebuild_public --all --workers {w} (first build)", w))
        analyze()
        if not args.skip_one_worker:
            lines.append(rebuild("rebuild_public --all --workers 1", 1))
        lines.append(rebuild(f"rebuild_public --all --workers {w}", w))
        connections.close_all()
        report(lines, args)
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")


def report(lines: list[Line], args: argparse.Namespace) -> None:
    load = os.getloadavg()[0]
    base = lines[0]
    print(
        f"\n{lines[-1].articles} articles, {args.refs} references each, on {CPUS} CPUs "
        f"(load average {load:.1f}: other work shares these CPUs)\n"
    )
    print(
        f"{'':<56} {'articles/s':>10} {'x base':>7} {'100,000 in':>11} {'CPU/article':>12} "
        f"{'CPUs alone':>11}"
    )
    for line in lines:
        print(
            f"{line.name:<56} {line.rate:>10.0f} {line.rate / base.rate:>7.1f} "
            f"{line.minutes():>7.1f} min {line.cpu_ms():>9.2f} ms "
            f"{line.cpu_bound_minutes():>7.1f} min"
        )
    best = max(lines[2:], key=lambda line: line.rate)
    measured = "measured" if best.articles >= TARGET_ARTICLES else "extrapolated"
    verdict = "MET" if best.minutes() * 60 <= TARGET_SECONDS else "NOT MET"
    print(
        f"\nTarget: {TARGET_ARTICLES:,} articles rebuilt in under {TARGET_SECONDS // 60} minutes: "
        f"{verdict} ({best.minutes():.1f} min {measured} from {best.articles:,} articles, "
        f"{best.name})."
    )
    alone = "met" if best.cpu_bound_minutes() * 60 <= TARGET_SECONDS else "not met"
    print(
        f"With the {CPUS} CPUs to itself ({best.cpu_ms():.2f} ms of CPU per article, Python and "
        f"PostgreSQL): {best.cpu_bound_minutes():.1f} min, {alone}."
    )


if __name__ == "__main__":
    main()
