"""The editors' queue of readers' reports in the admin, and the count on the revision page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial import services
from editorial.models import AuditEvent, ReaderReport, ReportState
from editorial.services.reports import NOTE_NEEDED
from tests.admin.conftest import revision_url
from tests.factories import UserFactory

from .conftest import receive

QUEUE = reverse("admin:editorial_readerreport_changelist")
HOSTILE = "<script>alert('x')</script> & <b>bold</b>"


def report_url(report) -> str:
    return reverse("admin:editorial_readerreport_change", args=[report.pk])


def action_url(report, action: str) -> str:
    return reverse("admin:editorial_readerreport_action", args=[report.pk, action])


def test_editors_see_new_reports_first_with_the_message_as_escaped_text(published, editor, login):
    old = receive(published, message="Old and closed.")
    services.reader_report_dismiss(report=old, actor=editor, note="Fine as it is.")
    acknowledged = services.reader_report_acknowledge(
        report=receive(published, message="Being looked at."), actor=editor
    )
    new = receive(published, message=HOSTILE)

    response = login(editor).get(QUEUE)
    page = response.content.decode()

    assert response.status_code == 200
    rows = [r.pk for r in response.context["cl"].result_list]
    assert rows == [new.pk, acknowledged.pk, old.pk]
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    for choice in ("?state__exact=new", "?kind__exact=factual_error"):
        assert choice in page
    detail = login(editor).get(report_url(new)).content.decode()
    assert "<script>alert" not in detail
    assert "&lt;script&gt;" in detail


def test_the_state_filter_narrows_the_queue(published, editor, login):
    receive(published)
    closed = receive(published)
    services.reader_report_resolve(report=closed, actor=editor, note="Done.")
    response = login(editor).get(f"{QUEUE}?state__exact=resolved")
    assert [r.pk for r in response.context["cl"].result_list] == [closed.pk]


@pytest.mark.parametrize("role", ["author", "reviewer", "board"])
def test_authors_reviewers_and_the_board_cannot_open_the_queue(published, login, workflow, role):
    report = receive(published, message="PRIVATE-WORDS")
    user = {
        "author": workflow.author,
        "reviewer": workflow.reviewers[0].user,
        "board": workflow.board[0],
    }[role]
    client = login(user)
    for url in (QUEUE, report_url(report), action_url(report, "acknowledge")):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert b"PRIVATE-WORDS" not in response.content
    index = client.get(reverse("admin:index")).content.decode()
    assert "Reader reports" not in index


def test_an_editor_who_wrote_the_article_does_not_see_its_reports(workflow, login, specialty):
    staff = UserFactory(username="staff_author", groups=["Authors", "Editors"])
    workflow.author = staff
    report = receive(workflow.published(), message="ABOUT-YOUR-ARTICLE")
    client = login(staff)
    assert client.get(report_url(report)).status_code == 404
    assert b"ABOUT-YOUR-ARTICLE" not in client.get(QUEUE).content


def test_a_superuser_reads_reports_but_has_no_buttons(published, login):
    admin = UserFactory(username="root", is_superuser=True)
    report = receive(published, message="Readable.")
    page = login(admin).get(report_url(report)).content.decode()
    assert "Readable." in page
    assert action_url(report, "acknowledge") not in page
    assert login(admin).post(action_url(report, "acknowledge")).status_code == 403


def test_an_editor_acknowledges_then_resolves_through_the_buttons(published, editor, login):
    report = receive(published, email="reader@example.org")
    client = login(editor)
    page = client.get(report_url(report)).content.decode()
    for action in ("acknowledge", "resolve", "dismiss"):
        assert action_url(report, action) in page
    assert "reader@example.org" in page

    assert client.get(action_url(report, "acknowledge")).status_code == 200
    response = client.post(action_url(report, "acknowledge"), {"note": "Looking."})
    assert response.status_code == 302
    response = client.post(action_url(report, "resolve"), {"note": "Dose corrected."})
    assert response.status_code == 302

    report.refresh_from_db()
    assert (report.state, report.resolution_note) == (ReportState.RESOLVED, "Dose corrected.")
    actions = list(AuditEvent.objects.filter(data__report=report.pk).values_list("action", "actor"))
    assert actions == [
        ("reader_report_acknowledged", editor.pk),
        ("reader_report_resolved", editor.pk),
    ]
    after = client.get(report_url(report)).content.decode()
    assert action_url(report, "dismiss") not in after
    assert "Dose corrected." in after


def test_closing_without_a_note_shows_the_form_again_with_400(published, editor, login):
    report = receive(published)
    response = login(editor).post(action_url(report, "dismiss"), {"note": ""})
    assert response.status_code == 400
    assert NOTE_NEEDED in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.NEW


def test_a_button_the_state_no_longer_allows_is_409(published, editor, login):
    report = receive(published)
    services.reader_report_dismiss(report=report, actor=editor, note="Spam.")
    response = login(editor).post(action_url(report, "resolve"), {"note": "Fixed."})
    assert response.status_code == 409
    assert "This report is dismissed; it cannot be resolved." in response.content.decode()


def test_the_revision_page_counts_open_reports_for_editors_only(workflow, published, editor, login):
    receive(published)
    receive(published)
    services.reader_report_resolve(report=receive(published), actor=editor, note="Done.")

    page = login(editor).get(revision_url(published)).content.decode()
    assert '<strong id="open-reports-count">2</strong> open reports' in page
    assert f"?article__id__exact={published.article_id}" in page
    queue = login(editor).get(f"{QUEUE}?article__id__exact={published.article_id}")
    assert len(queue.context["cl"].result_list) == 3
    board_page = login(workflow.board[0]).get(revision_url(published)).content.decode()
    assert "open-reports-count" not in board_page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_costs_the_same_queries_with_more_reports_and_articles(
    workflow, editor, login, django_assert_max_num_queries
):
    client = login(editor)
    receive(workflow.published())
    few = _queries(client, QUEUE)
    for _ in range(3):
        revision = workflow.published()
        for _ in range(3):
            services.reader_report_acknowledge(report=receive(revision), actor=editor)
    assert ReaderReport.objects.count() == 10
    with django_assert_max_num_queries(few):
        assert client.get(QUEUE).status_code == 200
    report = ReaderReport.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(report_url(report)).status_code == 200


def test_the_office_counts_the_reports_to_answer_and_links_to_them(published, editor, login):
    closed = receive(published, message="Closed already.")
    services.reader_report_dismiss(report=closed, actor=editor, note="Fine as it is.")
    services.reader_report_acknowledge(report=receive(published, message="Looking."), actor=editor)
    receive(published, message="Brand new.")
    client = login(editor)

    office = client.get(reverse("admin:index")).content.decode()
    listed = client.get(f"{QUEUE}?queue=open").content.decode()

    assert f'<a href="{QUEUE}?queue=open">Readers&#x27; reports to answer</a>' in office
    row = office[office.index('class="queue-open"') :]
    assert ">2<" in row[: row.index("</tr>")]
    assert "Looking." in listed
    assert "Brand new." in listed
    assert "Closed already." not in listed
