"""Every read the admin and the API make, already joined and filtered by who may see it.

`admin` holds the queues and the revision decision page; `api` the author and reviewer API.
"""

from .admin import *  # noqa: F403
from .api import *  # noqa: F403
