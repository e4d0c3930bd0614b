"""The database, on PostgreSQL and on SQLite, refuses what only a bypass of the services could
do: a state move the workflow does not make, content changed after submission, a live
revision that is not published. Its triggers are written out in migrations; these tests
keep them equal to the registry and to CONTENT_FIELDS."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import CONTENT_FIELDS, Article, Revision, RevisionState
from editorial.workflow import ACTIONS
from editorial.workflow.action import REVISION
from tests.migration_code import migration_module
from tests.workflow import BODY, reach

GUARDS = migration_module("articles", "_state_machine_trigger")
AUDIT = migration_module("editorial", "_keyed_audit")
CHANGES = migration_module("articles", "_change_classes_and_public_notices")
CHECKS = migration_module("articles", "_revision_checks")
PROVENANCE = migration_module("articles", "_revision_provenance")
VERSIONS = migration_module("articles", "_revision_audience_versions")


def _registry_moves() -> set[tuple[str, str]]:
    return {
        (str(source), str(action.target))
        for action in ACTIONS.values()
        if action.machine == REVISION and action.target is not None
        for source in action.source
    }


def test_the_trigger_allows_exactly_the_revision_machine_of_the_registry():
    # Fails when the registry changes: write a migration that brings the triggers up to date.
    assert len(set(GUARDS.TRANSITIONS)) == len(GUARDS.TRANSITIONS)
    assert set(GUARDS.TRANSITIONS) == _registry_moves()
    assert not [move for move in GUARDS.TRANSITIONS if move[1] == RevisionState.DRAFT]
    assert {a for a, b in GUARDS.TRANSITIONS if b == RevisionState.PUBLISHED} == {"approved"}


def test_the_frozen_columns_are_the_content_fields_and_what_is_derived_from_them():
    # Fails when CONTENT_FIELDS changes: write a migration that brings the triggers up to date.
    derived, identity = ("content_hash", "body_html"), ("article_id", "number")
    assert (*CONTENT_FIELDS, *derived, *identity) == GUARDS.FROZEN_COLUMNS
    assert set(GUARDS.FROZEN_COLUMNS) <= {f.column for f in Revision._meta.concrete_fields}


def test_every_guard_trigger_exists_after_all_migrations(db):
    # SQLite drops a table's triggers when a migration rebuilds the table.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                *GUARDS.SQLITE_TRIGGERS,
                *AUDIT.SQLITE_TRIGGERS,
                *CHANGES.SQLITE_TRIGGERS,
                *CHECKS.SQLITE_TRIGGERS,
                *PROVENANCE.SQLITE_TRIGGERS,
                *VERSIONS.SQLITE_TRIGGERS,
            }
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = {
                "editorial_auditevent_append_only",
                "articles_revision_guard",
                "articles_reference_frozen",
                "articles_article_live_revision",
                "articles_revision_change_frozen",
                "articles_revision_checks_frozen",
                "articles_revision_provenance_frozen",
                "articles_revision_audience_frozen",
            }
        assert {name for (name,) in cursor.fetchall()} == expected


class Moved(Exception):
    """Undoes a move the database allowed, so the next one starts from the same state."""


def _refusals(revision: Revision) -> dict[str, str]:
    """Each state the database refuses to move ``revision`` to, with its reason."""
    refused = {}
    for target in RevisionState.values:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE articles_revision SET state = %s WHERE id = %s", [target, revision.pk]
                )
                raise Moved
        except IntegrityError as refusal:
            refused[target] = str(refusal)
        except Moved:
            pass
    return refused


@pytest.mark.parametrize(
    "state", ["draft", "submitted", "under_review", "approved", "published", "retracted"]
)
def test_the_database_refuses_every_state_move_the_workflow_does_not_make(workflow, state):
    revision = reach(workflow, state)
    allowed = {b for a, b in _registry_moves() if a == state} | {state}

    refused = _refusals(revision)

    assert set(refused) == set(RevisionState.values) - allowed
    assert all("not a workflow transition" in reason for reason in refused.values())


def test_a_revision_is_created_only_as_a_draft(workflow):
    draft = workflow.draft()
    born_published = Revision(
        article=draft.article, number=2, state="published", created_by=workflow.author
    )

    with (
        pytest.raises(IntegrityError, match="every revision starts as a draft"),
        transaction.atomic(),
    ):
        Revision.objects.bulk_create([born_published])

    assert list(draft.article.revisions.all()) == [draft]


def test_the_two_step_bypass_through_draft_is_refused(workflow):
    revision = workflow.published()

    # Back to draft, where content may change, then on to published in the same statement.
    with (
        pytest.raises(IntegrityError, match="not a workflow transition"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE articles_revision SET state = 'draft' WHERE id = %s", [revision.pk])
    with (
        pytest.raises(IntegrityError, match="submitted content is frozen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE articles_revision SET body = 'Unapproved dose [1].', state = 'published' "
            "WHERE id = %s",
            [revision.pk],
        )

    revision.refresh_from_db()
    assert (revision.state, revision.body) == ("published", BODY)


@pytest.mark.parametrize(
    ("column", "value"),
    [(name, "changed") for name in CONTENT_FIELDS]
    + [("content_hash", "0" * 64), ("body_html", "<p>changed</p>"), ("number", 7)],
)
def test_the_database_refuses_a_change_to_any_frozen_column(workflow, column, value):
    revision = workflow.submitted()

    with (
        pytest.raises(IntegrityError, match="submitted content is frozen"),
        transaction.atomic(),
    ):
        Revision.objects.filter(pk=revision.pk).update(**{column: value})


def test_a_submitted_revision_cannot_be_moved_to_another_article(workflow):
    revision, other = workflow.submitted(), workflow.draft()

    with pytest.raises(IntegrityError, match="content is frozen"), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(article_id=other.article_id)


def test_the_live_revision_must_be_a_published_revision_of_its_article(workflow):
    published, approved, elsewhere = workflow.published(), workflow.approved(), workflow.published()
    article = Article.objects.filter(pk=published.article_id)

    for candidate in (approved, elsewhere):
        with (
            pytest.raises(IntegrityError, match="must be one of its published revisions"),
            transaction.atomic(),
        ):
            article.update(live_revision=candidate)

    article.update(live_revision=None)
    article.update(live_revision=published)
    assert article.get().live_revision == published
