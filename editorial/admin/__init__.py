"""The editorial admin: queues on the index, the revision page with its workflow buttons,
assignments, votes, the read-only audit history, readers' reports, and the people and
specialties.

Every model is registered here rather than in its own app because every page reads the
workflow (policy, votes, history) or saves through its services, and `articles` and
`reviewers` may not import `editorial`.
"""

from django.contrib import admin

from . import assignments, people, records, reports, revisions

admin.site.site_header = "Imprimatur editorial office"
admin.site.site_title = "Imprimatur"
admin.site.index_title = "Editorial office"
# The index shows the user's queues above the usual list of models.
admin.site.index_template = "admin/editorial/index.html"

__all__ = ["assignments", "people", "records", "reports", "revisions"]
