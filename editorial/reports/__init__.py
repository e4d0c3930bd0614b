"""Readers' reports from the public side: the form page, the JSON endpoint, their routes.

They live here, in `editorial`, and not in `articles.public`: taking a report is a write
into the editors' queue through one service (editorial/services/reports.py), and `articles`
imports nothing of `editorial`. config/urls.py mounts `urls.api_urlpatterns` beside the
public API and `urls.urlpatterns` beside the public pages. The stored article page only
links here by address, so it stays a shared, pre-rendered page with no per-reader token.
"""
