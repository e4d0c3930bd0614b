"""Parsing a body pauses the cyclic garbage collector: safe, as parsing leaves no cyclic
garbage, and the collector runs again as soon as the last parse ends."""

from __future__ import annotations

import gc

import pytest

from articles import content
from articles.markdown import collector_paused

ROW = "| " + " | ".join("x" for _ in range(60)) + " |\n"
BODIES = [
    "## Treatment\n\nStart low [1]. *Side effects* are mild; see the [NHS](https://nhs.uk) [2].\n\n"
    "| Medicine | Dose |\n|---|---|\n| Ramipril | 2.5 mg |\n\n- Check at home.\n- Keep on.\n",
    "[foo] and [bar][foo]\n\n[foo]: /url 'Title'\n\n> quoted `code` <b>raw</b> &amp; ![i](/i.png)",
    "[" * 3000,
    "[1" * 1500,
    "[a](" * 800,
    "*a **b " * 400,
    "<a " * 1000,
    "| " + " | ".join(f"h{i}" for i in range(60)) + " |\n|" + "---|" * 60 + "\n" + ROW * 20,
]


@pytest.fixture
def collector_off():
    gc.collect()
    gc.disable()
    yield
    gc.enable()


@pytest.mark.parametrize("body", BODIES)
def test_parsing_leaves_no_cyclic_garbage(collector_off, body):
    content.sanitised_html(body)

    assert gc.collect() == 0


def test_the_collector_runs_again_once_the_last_parse_ends():
    with collector_paused:
        with collector_paused:
            assert not gc.isenabled()
        assert not gc.isenabled()

    assert gc.isenabled()


def test_the_collector_runs_again_after_a_parse_that_fails():
    with pytest.raises(RecursionError), collector_paused:
        raise RecursionError

    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused(collector_off):
    content.sanitised_html(BODIES[0])

    assert not gc.isenabled()
