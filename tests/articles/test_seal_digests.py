"""The seals' fast path computes exactly what Django's salted_hmac computes, so every seal
stored before it (and every one stored by it) keeps matching."""

from django.utils.crypto import salted_hmac

from articles import seals


def test_a_seal_is_djangos_salted_hmac_over_the_message(settings):
    message = seals._message("a-slug", "published", "page_html", "<p>Ünïcode ✓</p>" * 100)
    expected = salted_hmac(seals.SALT, message, secret=settings.SECRET_KEY, algorithm="sha256")
    assert seals.seal_one("a-slug", "published", "page_html", "<p>Ünïcode ✓</p>" * 100) == (
        expected.hexdigest()
    )


def test_a_seal_made_under_a_retired_key_still_matches_while_it_is_a_fallback(settings):
    old = seals.seal_one("a-slug", "published", "detail_json", "{}")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert seals.intact_one("a-slug", "published", old, "detail_json", "{}")
    settings.SECRET_KEY_FALLBACKS = []
    assert not seals.intact_one("a-slug", "published", old, "detail_json", "{}")


def test_the_listing_path_keeps_intact_rows_in_order_and_leaves_out_changed_ones(caplog):
    def row(slug: str, value: str, sealed_value: str | None = None) -> tuple[str, str, str]:
        stored = seals.seal(
            slug, "published", {"list_entry_json": value if sealed_value is None else sealed_value}
        )
        return value, slug, stored

    rows = [row("b", '{"n":2}'), row("a", '{"n":1}', sealed_value='{"n":9}'), row("c", "{}")]
    rows.append(('{"n":4}', "d", "not json"))
    assert seals.intact_rows(rows, "published", "list_entry_json") == ['{"n":2}', "{}"]
    assert "'a'" in caplog.text
    assert "'d'" in caplog.text
