"""In Chromium with JavaScript off: an author signs in, opens an article, adds references with
the "Add a reference" button, sees the citation check with the Preview button, saves and
submits. Everything works as plain forms."""

from __future__ import annotations

import pytest

from articles.models import Article, RevisionState
from tests.factories import SpecialtyFactory, UserFactory

PASSWORD = "pw-imprimatur-test"


@pytest.mark.e2e
def test_an_author_writes_and_submits_without_javascript(browser, live_server, transactional_db):
    SpecialtyFactory(name="Neurology", slug="neurology")
    UserFactory(username="writer", groups=["Authors"], is_staff=False)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()

    page.goto(f"{live_server.url}/workspace/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.get_by_role("link", name="New article").first.click()
    page.fill("#id_title", "Migraine: first steps")
    page.fill("#id_slug", "migraine-first-steps")
    page.select_option("#id_specialty", "neurology")
    page.click("button:has-text('Create and write the draft')")

    page.fill("#id_body", "Triptans help [1]. Rest helps [2].")
    page.select_option("#id_refs-0-kind", "guideline")
    page.fill("#id_refs-0-title", "Migraine guideline")
    page.click("button:has-text('Add a reference')")
    page.select_option("#id_refs-1-kind", "review")
    page.fill("#id_refs-1-title", "Rest and migraine")
    page.fill("#id_refs-1-pmid", "not a number")
    page.click("button:has-text('Preview and check citations')")
    assert "A PMID is a number" in page.inner_text("#error-summary")
    assert page.input_value("#id_refs-1-title") == "Rest and migraine"  # nothing lost

    page.fill("#id_refs-1-pmid", "31553837")
    page.click("button:has-text('Preview and check citations')")
    page.wait_for_selector("#preview-shown")
    assert "Every citation names a reference" in page.inner_text("#citation-check")
    page.click("button:has-text('Save and submit')")
    page.click("button:has-text('Submit for review')")
    page.wait_for_selector("text=Waiting for reviewers")

    revision = Article.objects.get(slug="migraine-first-steps").revisions.get()
    assert revision.state == RevisionState.SUBMITTED
    assert list(revision.references.values_list("pmid", flat=True)) == ["", "31553837"]
    context.close()
