"""The editorial admin: queues on the index, the revision page with its workflow buttons,
assignments, votes and the read-only audit history.

Articles, revisions and assignments are registered here rather than in their own apps
because their pages read the workflow (policy, votes, history), and `articles` and
`reviewers` may not import `editorial`.
"""

from django.contrib import admin

from . import assignments, records, revisions

admin.site.site_header = "Imprimatur editorial office"
admin.site.site_title = "Imprimatur"
admin.site.index_title = "Editorial office"
# The index shows the user's queues above the usual list of models.
admin.site.index_template = "admin/editorial/index.html"

__all__ = ["assignments", "records", "revisions"]
