"""On PostgreSQL the stored renderings' large columns are compressed with lz4, and their gzip
copies are not compressed a second time (the rebuild writes every one of them)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_large_text_columns_use_lz4_and_the_gzip_copies_are_stored_as_they_are():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attcompression, attstorage FROM pg_attribute "
            "WHERE attrelid = 'articles_publicsnapshot'::regclass AND attnum > 0"
        )
        columns = {name: (compression, storage) for name, compression, storage in cursor}

    for name in ("detail_json", "page_html", "audience_html"):
        assert columns[name] == ("l", "x"), name
    for name in ("detail_json_gz", "page_html_gz"):
        assert columns[name][1] == "e", name
