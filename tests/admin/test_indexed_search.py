"""The admin's search box: words of a title, the start of a slug or a name, within what the
user may see; on PostgreSQL through indexes whose expressions the searches really match."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Revision

CHANGELIST = reverse("admin:articles_revision_changelist")
AUDIT = reverse("admin:editorial_auditevent_changelist")


def test_search_finds_a_title_word_and_a_slug_start(workflow, login):
    first, second = workflow.draft(slug="asthma-in-children"), workflow.draft()
    client = login(workflow.editor)

    by_word = client.get(CHANGELIST, {"q": "pressure"}).content.decode()
    by_slug = client.get(CHANGELIST, {"q": "asthma"}).content.decode()
    nothing = client.get(CHANGELIST, {"q": "zebra"}).content.decode()

    assert first.title in by_word
    assert second.title in by_word
    assert first.title in by_slug
    assert second.title not in by_slug
    assert first.title not in nothing
    assert second.title not in nothing


def test_search_stays_within_what_the_user_may_see(workflow, login):
    """A reviewer's search finds the revision they were invited to review and not another
    one that matches the same words."""
    invited = workflow.draft(slug="asthma-invited")
    (assignment,) = workflow.assigned(invited, n=1)
    workflow.submitted(workflow.draft(slug="asthma-not-invited"))
    client = login(assignment.reviewer.user)

    found = client.get(CHANGELIST, {"q": "asthma"})

    assert found.status_code == 200
    assert [r.article.slug for r in found.context["cl"].result_list] == ["asthma-invited"]


def test_the_audit_history_is_searched_by_article_and_person(workflow, login):
    workflow.draft(slug="gout-basics")
    client = login(workflow.editor)
    html = client.get(AUDIT, {"q": "gout"}).content.decode()
    assert "gout-basics" in html
    assert "gout-basics" not in client.get(AUDIT, {"q": "nobody-such"}).content.decode()


@pytest.mark.postgres
def test_the_title_search_uses_its_index(workflow):
    workflow.draft()
    words = SearchVector("title", config="simple")
    query = SearchQuery("pressure", config="simple", search_type="websearch")
    matched = Revision.objects.annotate(words=words).filter(words=query).order_by()
    sql, params = matched.values_list("pk", flat=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "revision_title_words" in plan


@pytest.mark.postgres
def test_the_prefix_searches_use_their_indexes(workflow):
    workflow.draft(slug="asthma-in-children")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM articles_article WHERE slug LIKE 'asthma%%'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_slug_prefix" in plan or "articles_article_slug" in plan


@pytest.mark.postgres
def test_the_article_search_reads_the_revision_titles_through_their_index(workflow, login):
    """The articles' search box looks for words of their revisions' titles: on the revision
    table, where the index is, not through an outer join that cannot use it."""
    workflow.draft(slug="asthma-in-children")
    client = login(workflow.editor)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("admin:articles_article_changelist"), {"q": "pressure"})
    assert "asthma-in-children" in html.content.decode()
    (search,) = [q["sql"] for q in captured.captured_queries if "to_tsvector" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + search.replace("%", "%%"))
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "revision_title_words" in plan
