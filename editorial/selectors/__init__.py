"""Every read the admin, the API and the public renderings make, already joined and filtered.

`visibility` holds what each user may see (one selector per model, for the admin and the
API alike) and `counting` which reviews count toward a decision; `admin` holds the queues
and the revision decision page; `api` the author and reviewer API; `public` who reviewed a
published revision, for its public rendering.
"""

from .admin import *  # noqa: F403
from .api import *  # noqa: F403
from .counting import *  # noqa: F403
from .public import *  # noqa: F403
from .visibility import *  # noqa: F403
