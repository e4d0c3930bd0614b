"""In Chromium, under their Content-Security-Policy: the API docs (Swagger UI) render the
schema, and the admin's sign-in and office pages load, with no violation reported."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.signin import authenticator, current_code

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watched_page(browser):
    page = browser.new_context().new_page()
    page.add_init_script(WATCH)
    console = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


def violations(page, console) -> list[str]:
    reported = page.evaluate("window.__violations")
    return reported + [text for text in console if "Content Security Policy" in text]


@pytest.mark.e2e
def test_the_api_docs_render_with_no_violation(browser, live_server, transactional_db):
    page, console = watched_page(browser)

    response = page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag")

    policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
    assert "script-src 'self'" in policy
    assert "Imprimatur API" in page.locator(".swagger-ui .info .title").inner_text()
    assert violations(page, console) == []


@pytest.mark.e2e
def test_the_admin_signs_in_and_shows_the_office_with_no_violation(
    browser, live_server, transactional_db
):
    user = UserFactory(username="hughes", groups=["Editors"])
    device = authenticator(user)
    page, console = watched_page(browser)

    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "hughes")
    page.fill("#id_password", "pw-imprimatur-test")
    page.click("input[type=submit]")
    page.fill("#id_otp", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_selector("#queues")
    page.goto(f"{live_server.url}/admin/articles/revision/")
    page.wait_for_selector("#changelist")

    assert violations(page, console) == []
