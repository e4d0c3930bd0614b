"""Every read the admin, the API and the public renderings make, already joined and filtered.

`admin` holds the queues and the revision decision page; `api` the author and reviewer
API; `public` who reviewed a published revision, for its public rendering.
"""

from .admin import *  # noqa: F403
from .api import *  # noqa: F403
from .public import *  # noqa: F403
