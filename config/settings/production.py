"""Production: HTTPS-only cookies and headers; everything else comes from the environment.

Refuses to start with DEBUG on or a SECRET_KEY a guess could find, so that
`manage.py check --deploy` has nothing left to warn about."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, MIDDLEWARE, SECRET_KEY, env

MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5

if DEBUG:
    raise ImproperlyConfigured(
        "DEBUG must be off in production: its error pages show settings and source code."
    )
if (
    len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
    or len(set(SECRET_KEY)) < MIN_SECRET_KEY_CHARACTERS
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random characters in production "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(60))')."
    )

if not env("SITE_URL", default="").startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_URL must be set in production, e.g. https://health.example.org: every absolute "
        "address (canonical links, feeds, sitemaps, the API's links, e-mails) is under it."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
# Every subdomain is served over HTTPS too; turn these off only for a domain shared with
# plain-HTTP sites.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# The app serves its own static files (the admin's and the API docs' CSS and scripts):
# WhiteNoise, from what `collectstatic` gathered into STATIC_ROOT, under names that carry a
# hash of their content (so cached for a year) and pre-compressed.
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first, then static files
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Keep database connections between requests instead of opening one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
