"""The authors' workspace at /workspace/: server-rendered pages over the same services,
policy and workflow registry as the admin and the API (no rules of its own), working without
JavaScript and enhanced by one small script where it helps (the live preview)."""
