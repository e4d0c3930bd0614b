"""The Nu Html Checker (vnu.jar, from the `vnu-jar` npm package, installed once into
.cache/node like axe-core; `make validators` installs it for CI). It is a JVM whose start-up
takes seconds, so a test session runs it once, over every page written into one folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = ROOT / ".cache" / "node"
VERSION = "26.9.27"  # keep in step with the Makefile's VNU_VERSION
PACKAGE = PREFIX / "node_modules" / "vnu-jar"
JAR = PACKAGE / "build" / "dist" / "vnu.jar"
FRAGMENT = (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Fragment</title>'
    "</head><body>{}</body></html>"
)


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: the HTML check needs it (make validators).")
    pytest.skip(f"{what} is not installed; the HTML check needs it (make validators).")


def _installed_version() -> str | None:
    try:
        return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def jar() -> Path:
    """vnu.jar at the pinned version, installed when it is missing. The package's install
    script, which would download a Java runtime, is not run: the machine's java is used."""
    if not JAR.exists() or _installed_version() != VERSION:
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm")
        subprocess.run(  # noqa: S603 - a fixed command line
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts",
             "--prefix", str(PREFIX), f"vnu-jar@{VERSION}"],
            check=True,
            capture_output=True,
            timeout=300,
        )  # fmt: skip
    return JAR


def check(pages: dict[str, str]) -> dict[str, list[str]]:
    """Every error the checker finds in each page (name -> "line N: message"); names of
    fragments (the workspace's preview) end in ".fragment" and are checked inside a minimal
    document."""
    java = shutil.which("java")
    if java is None:
        _missing("java")
    vnu = jar()
    found: dict[str, list[str]] = {name: [] for name in pages}
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = {}
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:03d}.html"
            path.write_text(FRAGMENT.format(html) if name.endswith(".fragment") else html, "utf-8")
            files[path.name] = name
        run = subprocess.run(  # noqa: S603 - a fixed command line
            [java, "-Xss2m", "-XX:TieredStopAtLevel=1", "-jar", str(vnu),
             "--errors-only", "--format", "json", "--stdout", folder],
            capture_output=True,
            text=True,
            timeout=600,
        )  # fmt: skip
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu Html Checker failed: {run.stderr or run.stdout}")
    for message in messages:
        name = files.get(message.get("url", "").rsplit("/", 1)[-1])
        if name is None:
            pytest.fail(f"The Nu Html Checker failed: {message}")
        found[name].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found
