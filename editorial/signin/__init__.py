"""Signing in: the admin site's two steps (password, then the second factor where the role
needs one) and the lockout page after repeated failures. Outside editorial.admin, whose
modules register on the site this package defines."""
