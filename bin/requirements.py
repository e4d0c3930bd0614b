"""Print the pinned dependencies (runtime and dev) from pyproject.toml, one per line.

The project itself is not an installable package; the Makefile installs only these.
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
sys.stdout.write("\n".join(requirements) + "\n")
