import pytest
from django.test import override_settings

from editorial import review_mode


def editorial_with(mode: str) -> dict:
    from django.conf import settings

    return {**settings.EDITORIAL, "REVIEW_MODE": mode}


@pytest.mark.parametrize("mode", review_mode.MODES)
def test_each_known_mode_passes_the_check(mode):
    with override_settings(EDITORIAL=editorial_with(mode)):
        assert review_mode.review_mode_known() == []


def test_an_unknown_mode_is_refused_at_start_up():
    with override_settings(EDITORIAL=editorial_with("blind")):
        [error] = review_mode.review_mode_known()
    assert error.id == "editorial.E020"
    assert "double_anonymous" in error.hint


def test_the_modes_answer_who_sees_whom():
    with override_settings(EDITORIAL=editorial_with("double_anonymous")):
        assert review_mode.authors_hidden_from_reviewers()
        assert not review_mode.reviewers_named_to_authors()
    with override_settings(EDITORIAL=editorial_with("open")):
        assert not review_mode.authors_hidden_from_reviewers()
        assert review_mode.reviewers_named_to_authors()
    assert not review_mode.authors_hidden_from_reviewers()
    assert not review_mode.reviewers_named_to_authors()
