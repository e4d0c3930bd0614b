"""Reminders sent by editorial_tick, each recorded once (one_reminder_per_key)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_sealed_renderings'),
        ('editorial', '0008_reader_reports'),
    ]

    operations = [
        migrations.CreateModel(
            name='Reminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('invitation_unanswered', 'Invitation unanswered'), ('review_due_soon', 'Review due soon'), ('review_overdue', 'Review overdue'), ('ready_for_review', 'Ready for review'), ('approved_unpublished', 'Approved, not yet published'), ('rereview_due', 'Re-review due')], max_length=30)),
                ('key', models.CharField(max_length=200)),
                ('recipients', models.JSONField(default=list, help_text='The ids of the people written to.')),
                ('sent_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('revision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='articles.revision')),
            ],
            options={
                'ordering': ['-sent_at'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'key'), name='one_reminder_per_key')],
            },
        ),
    ]
