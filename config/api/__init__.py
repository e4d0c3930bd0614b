"""REST plumbing shared by every app's API: one error shape, bounded parsing, strict input.

Apps import from here (config sits below every app), never from each other's API modules.
"""
