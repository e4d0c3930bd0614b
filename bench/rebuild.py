"""How fast rebuild_public rewrites the stored public renderings, on PostgreSQL.

Creates a database of its own (postgres@127.0.0.1:5432, trust auth), seeds N published
articles with their review records (bench.seed, rows bulk-created, no rendering), then:

1. the baseline: the one-article-at-a-time path (public_snapshot_refresh, one transaction
   per article, one process) over a sample of the articles;
2. rebuild_public --all with one worker, then with --workers W, over all N;

and prints articles/s and the time extrapolated to 100,000 articles for each, as ratios to
the baseline measured in the same run. The database is dropped at the end. The machine's
CPUs may be shared with other work: the ratios are more telling than the absolute rates.
Usage: .venv/bin/python -m bench.rebuild [--articles N] [--workers W] [--sample S]
"""

import argparse
import os
import subprocess
import sys
import time

DB_NAME = f"imprimatur_bench_rebuild_{os.getpid()}"
SERVER = "postgres://postgres@127.0.0.1:5432"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.pop("REDIS_URL", None)
TARGET_SECONDS = 300


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


def baseline(sample: int) -> float:
    from django.db import transaction

    from articles.models import Article
    from editorial.services.public_snapshots import public_snapshot_refresh

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    started = time.perf_counter()
    for pk in ids:
        with transaction.atomic():
            public_snapshot_refresh(article=Article(pk=pk), force=True)
    return len(ids) / (time.perf_counter() - started)


def rebuild(workers: int) -> tuple[int, float]:
    from editorial.services.public_rebuild import public_rebuild_ids, public_snapshots_rebuild

    ids = public_rebuild_ids(everything=True)
    started = time.perf_counter()
    report = public_snapshots_rebuild(ids, workers=workers)
    elapsed = time.perf_counter() - started
    assert not report.withdrawn, report.withdrawn[:3]
    return report.rebuilt, report.rebuilt / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=500, help="articles in the baseline")
    parser.add_argument("--refs", type=int, default=8)
    args = parser.parse_args()
    psql(f"CREATE DATABASE {DB_NAME}")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        seed(args.articles, args.refs)
        print(f"seeded {args.articles} articles in {time.perf_counter() - started:.0f}s")
        rates = {"baseline (one article per transaction, 1 process)": baseline(args.sample)}
        base = next(iter(rates.values()))
        done, rates["rebuild_public --all --workers 1"] = rebuild(1)
        done, rates[f"rebuild_public --all --workers {args.workers}"] = rebuild(args.workers)
        connections.close_all()
        report(rates, base, done, args)
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")


def report(rates: dict[str, float], base: float, done: int, args: argparse.Namespace) -> None:
    load = os.getloadavg()[0]
    print(
        f"\n{done} articles, {args.refs} references each, on {os.cpu_count()} CPUs "
        f"(load average {load:.1f}: other work shares these CPUs)\n"
    )
    print(f"{'':<52} {'articles/s':>10} {'x base':>7} {'100,000 in':>11}")
    for name, rate in rates.items():
        minutes = 100_000 / rate / 60
        print(f"{name:<52} {rate:>10.0f} {rate / base:>7.1f} {minutes:>8.1f} min")
    best = max(rates.values())
    verdict = "met" if 100_000 / best <= TARGET_SECONDS else "not met"
    print(f"\ntarget: 100,000 articles in under {TARGET_SECONDS // 60} minutes: {verdict}")


if __name__ == "__main__":
    main()
