"""On SQLite, too, a lost race is a clear 409, never a raw "database is locked"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("attempt", range(2))
def test_two_simultaneous_publishes_one_wins_and_the_other_is_told_409(tmp_path, attempt):
    done = subprocess.run(  # noqa: S603 - our own script, our own interpreter
        [sys.executable, "-m", "tests.sqlite.race_publish", str(tmp_path / "race.sqlite3")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcomes = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcomes == ["InvalidTransition:409", "published"]
