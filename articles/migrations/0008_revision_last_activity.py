"""Each revision's last recorded activity, kept on the row so that the editors' list is
ordered from an index; filled from the audit history, or the revision's own creation."""

from django.conf import settings
from django.db import migrations, models


BACKFILL = """
UPDATE articles_revision SET last_activity_at = coalesce(
    (SELECT max(e.created_at) FROM editorial_auditevent e WHERE e.revision_id = articles_revision.id),
    articles_revision.created_at
)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_change_classes_and_public_notices'),
        ('editorial', '0011_rereview_audit_actions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='revision',
            name='last_activity_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='revision',
            index=models.Index(fields=['-last_activity_at', '-id'], name='revision_activity_idx'),
        ),
        migrations.AddIndex(
            model_name='revision',
            index=models.Index(fields=['-updated_at', '-id'], name='revision_updated_idx'),
        ),
    ]
