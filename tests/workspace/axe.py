"""axe-core in the browser tests: the npm package, installed once into .cache/node (the
test installs it when it is missing; CI has node and npm), evaluated in the page through the
browser's debugging protocol, which the page's Content-Security-Policy does not apply to."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = ROOT / ".cache" / "node"
AXE = PREFIX / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def axe_source() -> str:
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("npm is missing: the axe-core check needs it.")
            pytest.skip("npm is not installed; the axe-core check needs it.")
        subprocess.run(  # noqa: S603 - a fixed command line
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PREFIX), "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE.read_text(encoding="utf-8")


def audit(page, source: str) -> list[dict]:
    """Every violation axe-core finds on the page (WCAG 2.0-2.2 A and AA rules and best
    practices), as {id, impact, help, nodes}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(
        """async () => {
          const result = await window.axe.run(document, {resultTypes: ["violations"]});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
          }));
        }"""
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]
