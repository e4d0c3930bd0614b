"""Benchmark the public endpoints against bare Django views serving the same bytes.

Seeds a separate SQLite database (bench/results/bench.sqlite3) with published articles,
serves the app with gunicorn (2 workers) on a free 127.0.0.1 port, loads it with wrk,
and prints requests/s and p50/p99 latency for each endpoint beside its bare baseline,
over interleaved rounds. Usage: make bench, or .venv/bin/python -m bench.public [--articles N]
"""

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DB = RESULTS / "bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.pop("REDIS_URL", None)

TARGETS = {"detail JSON": 0.85, "list JSON": 0.80, "HTML page": 0.80, "304 revalidation": 0.85}
FLOOR = "read only (floor)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(articles: int, refs: int) -> str:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.seed import seed

    RESULTS.mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
    seed(articles, refs)
    return f"article-{articles // 2:05d}"


def fetch(url: str, **headers: str) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:  # 127.0.0.1 only
        return response.read(), dict(response.headers)


def wait_ready(base: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see the output above.")
        try:
            fetch(f"{base}/robots.txt")
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer within 10 s.")


def parse_duration(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def worker_cpu_ns(master: int) -> int:
    """CPU time the server's worker processes have used so far, in nanoseconds (the
    scheduler's own account, /proc/PID/schedstat: user and kernel time, whatever else runs
    on the machine)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        try:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def wrk(url: str, seconds: int, header: str | None = None, master: int | None = None) -> dict:
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url]
    if header:
        command[1:1] = ["-H", header]
    before = worker_cpu_ns(master) if master else 0
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    used = worker_cpu_ns(master) - before if master else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "cpu_us": used / 1000 / requests if requests else float("inf"),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": parse_duration(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99": parse_duration(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def combine(runs: list[dict]) -> dict:
    """Slices of one side: total throughput, and the median slice's latency percentiles."""
    return {
        "cpu_us": statistics.median(r["cpu_us"] for r in runs),
        "rps": statistics.fmean(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--references", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (make bench does this).")

    slug = prepare(args.articles, args.references)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application",
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    try:
        wait_ready(base, server)
        detail, headers = fetch(f"{base}/api/v1/public/articles/{slug}/")
        etag = headers["ETag"]
        (RESULTS / "baseline-detail.bin").write_bytes(detail)
        (RESULTS / "baseline-list.bin").write_bytes(fetch(f"{base}/api/v1/public/articles/")[0])
        (RESULTS / "baseline-page.bin").write_bytes(fetch(f"{base}/articles/{slug}/")[0])
        (RESULTS / "baseline-etag.bin").write_bytes(etag.encode())
        (RESULTS / "baseline-slug.bin").write_bytes(slug.encode())
        sizes = {
            n: (RESULTS / f"baseline-{n}.bin").stat().st_size for n in ("detail", "list", "page")
        }
        scenarios = {
            "detail JSON": (f"/api/v1/public/articles/{slug}/", "/bare/detail/", None),
            "list JSON": ("/api/v1/public/articles/", "/bare/list/", None),
            "HTML page": (f"/articles/{slug}/", "/bare/page/", None),
            "304 revalidation": (
                f"/api/v1/public/articles/{slug}/", "/bare/revalidate/", f"If-None-Match: {etag}"
            ),
            # Not ours: the bare detail after the one read of the row every request makes,
            # the best a view that reads the database at each request could do.
            FLOOR: ("/bare/read/", "/bare/detail/", None),
        }  # fmt: skip
        for ours, bare, header in scenarios.values():
            wrk(base + ours, 1, header)
            wrk(base + bare, 1, header)
        results = {name: {"ours": [], "bare": [], "ratio": [], "cpu": []} for name in scenarios}
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number} of {args.rounds}…", flush=True)
            for name, (ours, bare, header) in scenarios.items():
                # Alternate one-second slices so the machine's background load, whatever
                # it is, falls on both sides alike.
                slices = {"ours": [], "bare": []}
                for i in range(args.seconds):
                    order = ("ours", "bare") if i % 2 == 0 else ("bare", "ours")
                    for side in order:
                        path = ours if side == "ours" else bare
                        slices[side].append(wrk(base + path, 1, header, server.pid))
                results[name]["ours"].append(combine(slices["ours"]))
                results[name]["bare"].append(combine(slices["bare"]))
                pairs = list(zip(slices["ours"], slices["bare"], strict=True))
                results[name]["ratio"].append(
                    statistics.median(o["rps"] / b["rps"] for o, b in pairs)
                )
                results[name]["cpu"].append(
                    statistics.median(b["cpu_us"] / o["cpu_us"] for o, b in pairs)
                )
        report(results, sizes, args)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def report(results: dict, sizes: dict, args) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    print(
        f"\nMachine: {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"SQLite (WAL, mmap) bench DB with {args.articles} articles x {args.references} "
        "references; "
        f"gunicorn 2 sync workers; wrk -t2 -c32, {args.seconds} x 1 s slices per side, "
        f"ours and bare alternating; {args.rounds} rounds."
    )
    print(
        "req/s: mean of the slices; p50/p99: median slice; ratio: median over the round's "
        "adjacent slice pairs of ours/bare req/s. cpu us: the gunicorn workers' CPU time per "
        "request (scheduler accounting), median slice; cpu ratio: median over the pairs of "
        "bare/ours CPU per request, which other load on the machine does not move."
    )
    print(f"Bytes: detail {sizes['detail']}, list page {sizes['list']}, HTML {sizes['page']}.\n")
    print(f"{'endpoint':<18}{'round':>6}{'ours req/s':>11}{'p50 ms':>8}{'cpu us':>8}"
          f"{'bare req/s':>11}{'p50 ms':>8}{'cpu us':>8}{'ratio':>7}{'cpu ratio':>10}")  # fmt: skip
    verdicts = []
    for name, runs in results.items():
        rows = zip(runs["ours"], runs["bare"], runs["ratio"], runs["cpu"], strict=True)
        for i, (ours, bare, ratio, cpu) in enumerate(rows, 1):
            flag = " (non-2xx!)" if ours["errors"] and name != "304 revalidation" else ""
            print(
                f"{name:<18}{i:>6}{ours['rps']:>11.0f}{ours['p50']:>8.2f}{ours['cpu_us']:>8.0f}"
                f"{bare['rps']:>11.0f}{bare['p50']:>8.2f}{bare['cpu_us']:>8.0f}{ratio:>7.0%}"
                f"{cpu:>10.0%}{flag}"
            )
        throughput = statistics.median(runs["ratio"])
        cpu = statistics.median(runs["cpu"])
        if name == FLOOR:
            verdicts.append(
                f"{name:<18} no target: cpu ratio {cpu:.0%}, throughput ratio {throughput:.0%}"
                " (the bare detail after the detail's database read, and nothing else)"
            )
            continue
        target = TARGETS[name]
        verdicts.append(
            f"{name:<18} target ≥ {target:.0%}: cpu ratio {cpu:.0%} "
            + ("met" if cpu >= target else "NOT met")
            + f"; throughput ratio {throughput:.0%} "
            + ("met" if throughput >= target else "NOT met")
        )
    print("\n" + "\n".join(verdicts))


if __name__ == "__main__":
    main()
