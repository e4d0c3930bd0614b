"""GET /api/v1/public/articles/{slug}/review-record/: anonymous, for the article the public
is served (the stored, sealed rendering): 404 for an unknown or never-published address,
410 with the retraction notice for a retracted one, like the article's detail."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from articles import selectors as public_selectors
from articles.models import Revision, RevisionState, SnapshotState
from articles.public.http import (
    CACHE_CONTROL,
    NOT_FOUND_JSON,
    etag_matches,
    json_response,
    read_only,
    with_validators,
)

from .build import review_record


@read_only
def review_record_view(request: HttpRequest, slug: str) -> HttpResponse:
    row = public_selectors.public_snapshot(slug, "json")
    if row is None:
        return json_response(NOT_FOUND_JSON, status=404)
    if row.state == SnapshotState.RETRACTED:
        return with_validators(json_response(row.body, status=410), row.etag, row.last_modified)
    shown = json.loads(row.body)
    revision = (
        Revision.objects.select_related("article")
        .filter(
            article__slug=slug,
            number=shown["revision"],
            state=RevisionState.PUBLISHED,
            content_hash=shown["content_hash"],
        )
        .first()
    )
    if revision is None:
        return json_response(NOT_FOUND_JSON, status=404)
    record = review_record(revision.article, revision, api_url=shown["api_url"], url=shown["url"])
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponseNotModified() if etag_matches(request, etag) else json_response(body)
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response
