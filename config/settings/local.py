"""Local development: DEBUG on unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

# The demo's audit checkpoints (seed_demo appends one), shown in the public review records.
AUDIT_CHECKPOINT_FILE = AUDIT_CHECKPOINT_FILE or str(BASE_DIR / "audit-checkpoints.jsonl")  # noqa: F405
