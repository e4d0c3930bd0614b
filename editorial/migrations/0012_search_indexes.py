"""Indexes for the admin's search box on PostgreSQL (editorial.admin.changelist.
IndexedSearchMixin): the words of revision titles, and the start of slugs, user names and
reviewer names. SQLite searches as Django does and needs none of them."""

from django.db import migrations

INDEXES = {
    "revision_title_words": (
        "articles_revision USING gin (to_tsvector('simple'::regconfig, COALESCE(title, '')))"
    ),
    "article_slug_prefix": "articles_article (slug varchar_pattern_ops)",
    "user_username_prefix": "auth_user (username varchar_pattern_ops)",
    "reviewer_name_prefix": "reviewers_reviewer (display_name varchar_pattern_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0011_rereview_audit_actions"),
        ("articles", "0008_revision_last_activity"),
        ("reviewers", "0003_rereview"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, drop)]
