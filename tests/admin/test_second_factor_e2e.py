"""In Chromium: a board member signs in with the password, then the code their authenticator
app shows (computed here from the device's secret), and reaches the editorial office; with
the password alone, the office stays out of reach."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.signin import authenticator, current_code

PASSWORD = "pw-imprimatur-test"


@pytest.fixture
def member(transactional_db):
    user = UserFactory(username="okafor", groups=["Advisory Board"])
    return user, authenticator(user)


def password_step(browser, base_url: str):
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/admin/")
    page.fill("#id_username", "okafor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#second-factor-form")
    return page


@pytest.mark.e2e
def test_a_board_member_signs_in_with_a_code_and_sees_the_office(browser, live_server, member):
    _, device = member
    page = password_step(browser, live_server.url)

    page.fill("#id_otp", current_code(device))
    page.click("input[type=submit]")

    page.wait_for_selector("#queues")
    assert page.url == f"{live_server.url}/admin/"
    assert "Imprimatur editorial office" in page.locator("#site-name").inner_text()


@pytest.mark.e2e
def test_without_the_code_the_office_is_not_reached(browser, live_server, member):
    page = password_step(browser, live_server.url)

    page.goto(f"{live_server.url}/admin/")

    assert page.locator("#queues").count() == 0
    assert page.url.startswith(f"{live_server.url}/admin/login/")
    assert page.locator("#id_password").count() == 1
