"""Check a published article from the outside: what anyone can do with the public JSON and
the review record, over HTTP, without access to the database."""

from __future__ import annotations

import urllib.error
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial.review_record import verify


class Command(BaseCommand):
    help = (
        "Fetch a published article's public JSON and its review record (URL: the article's "
        "page or JSON), recompute the content hash from the JSON and check it against the "
        "record, each board approval and the published event. Exits non-zero on any mismatch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request.")

    def handle(self, *args: Any, url: str, timeout: float, **options: Any) -> None:
        try:
            api_url = verify.article_api_url(url)
            article = verify.fetch_json(api_url, timeout)
            record = verify.fetch_json(api_url + "review-record/", timeout)
        except verify.NotAnArticle as error:
            raise CommandError(str(error)) from error
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise CommandError(f"Could not read {url}: {error}") from error
        verdict = verify.verify(article, record)
        self.stdout.write(f"Article:        {article.get('title')} (revision "
                          f"{article.get('revision')})")  # fmt: skip
        self.stdout.write(f"Recomputed:     {verdict.content_hash}")
        self.stdout.write(f"Drafting:       {(article.get('drafting') or {}).get('label')}")
        versions = article.get("audience_versions") or []
        if versions:
            self.stdout.write(f"Versions for:   {', '.join(versions)} (in the hash)")
        for approval in record.get("approvals", []):
            self.stdout.write(
                f"Approved by:    {approval.get('member')}"
                f"{', ' + approval['credentials'] if approval.get('credentials') else ''}"
                f" on {str(approval.get('date'))[:10]}"
            )
        for what in verdict.checked:
            self.stdout.write(f"  checked: {what}")
        if not verdict.ok:
            for problem in verdict.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError("NOT VERIFIED: the published text is not the approved text.")
        self.stdout.write(
            self.style.SUCCESS("VERIFIED: the published text is the text the board approved.")
        )
