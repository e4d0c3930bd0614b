"""How long rendering an author's Markdown takes, for hostile bodies beside an ordinary one.

Renders each body through articles.content.render_body (Markdown, nh3, citation links), the
same path a submission and a publication take, at 20 KB and at the 200 KB limit, and prints
the median time of a few runs and its ratio to an ordinary 200 KB article measured in the
same run. The promise is linear time: every hostile body stays within 5x the ordinary one.
Usage: .venv/bin/python -m bench.render [--runs N]
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from articles.api import MAX_MARKDOWN_BYTES  # noqa: E402
from articles.content import render_body  # noqa: E402

LIMIT = MAX_MARKDOWN_BYTES
SMALL = 20 * 1024
PARAGRAPH = (
    "## Treatment\n\nMost people start with a low dose, raised every few weeks until blood "
    "pressure is below the target [1]. *Side effects* are usually mild; see the "
    "[NHS page](https://www.nhs.uk/conditions/high-blood-pressure/) and the guideline [2].\n\n"
    "| Medicine | Usual dose |\n|---|---|\n| Ramipril | 2.5 mg to 10 mg |\n| Amlodipine | "
    "5 mg |\n\n- Check your blood pressure at home.\n- Keep taking it unless told to stop.\n\n"
)


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def table(size: int) -> str:
    header = "| " + " | ".join(f"h{i}" for i in range(60)) + " |\n"
    rule = "|" + "---|" * 60 + "\n"
    row = "| " + " | ".join("x" for _ in range(60)) + " |\n"
    return (header + rule + row * (size // len(row) + 1))[:size]


HOSTILE = {
    "runs of [": lambda size: repeat("[", size),
    "runs of [1": lambda size: repeat("[1", size),
    "runs of [a](": lambda size: repeat("[a](", size),
    "nested emphasis": lambda size: repeat("*a **b ", size),
    "unclosed <": lambda size: repeat("<a ", size),
    "long table": table,
}


def timed(body: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_body(body, range(1, 3))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ordinary = timed(repeat(PARAGRAPH, LIMIT), args.runs)
    print(f"{'body':<18} {'size':>7} {'median ms':>10} {'x ordinary':>11}")
    print(f"{'ordinary article':<18} {LIMIT:>7} {ordinary * 1000:>10.1f} {1.0:>11.2f}")
    worst = 0.0
    for name, make in HOSTILE.items():
        for size in (SMALL, LIMIT):
            seconds = timed(make(size), args.runs)
            ratio = seconds / ordinary
            worst = max(worst, ratio)
            print(f"{name:<18} {size:>7} {seconds * 1000:>10.1f} {ratio:>11.2f}")
    print(f"worst: {worst:.2f}x the ordinary 200 KB article (promise: within 5x)")
    return 0 if worst <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
