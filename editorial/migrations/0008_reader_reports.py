"""Readers' reports, and the Editors' permission to open their queue in the admin (which
reports each editor reads is editorial.policy's)."""

import django.core.validators
import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models

EDITORS_MAY = ("view_readerreport",)


def grant_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="editorial", codename__in=EDITORS_MAY)
    )


def revoke_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="editorial", codename__in=EDITORS_MAY
            )
        )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_sealed_renderings'),
        ('editorial', '0007_keyed_audit'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('article_created', 'Article created'), ('draft_edited', 'Draft edited'), ('revision_started', 'Revision started'), ('submitted', 'Submitted'), ('withdrawn', 'Withdrawn'), ('reviewer_assigned', 'Reviewer assigned'), ('assignment_accepted', 'Assignment accepted'), ('assignment_declined', 'Assignment declined'), ('assignment_cancelled', 'Assignment cancelled'), ('review_completed', 'Review completed'), ('review_started', 'Review started'), ('vote_cast', 'Vote cast'), ('approved', 'Approved'), ('changes_requested', 'Changes requested'), ('rejected', 'Rejected'), ('publication_scheduled', 'Publication scheduled'), ('published', 'Published'), ('superseded', 'Superseded'), ('unpublished', 'Unpublished'), ('board_recused', 'Board member recused'), ('due_date_extended', 'Review due date extended'), ('reviewer_profile_created', 'Reviewer profile created'), ('reviewer_profile_updated', 'Reviewer profile updated'), ('specialty_created', 'Specialty created'), ('specialty_renamed', 'Specialty renamed'), ('person_created', 'Account created'), ('person_updated', 'Account details updated'), ('password_set', 'Password set by an administrator'), ('role_granted', 'Role granted'), ('role_revoked', 'Role revoked'), ('api_token_issued', 'API token issued'), ('api_token_revoked', 'API token revoked'), ('publication_refused', 'Public rendering refused'), ('second_factor_enrolled', 'Second factor set up'), ('second_factor_reset', 'Second factor reset by an administrator'), ('recovery_code_used', 'Recovery code used to sign in'), ('audit_key_rotated', 'Audit signing key rotated'), ('reader_report_acknowledged', "Reader's report acknowledged"), ('reader_report_resolved', "Reader's report resolved"), ('reader_report_dismissed', "Reader's report dismissed"), ('reader_report_emails_erased', "Readers' e-mail addresses erased")], max_length=40),
        ),
        migrations.CreateModel(
            name='ReaderReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('factual_error', 'A factual error'), ('out_of_date', 'Out of date'), ('unclear', 'Unclear or hard to follow'), ('question', 'A question'), ('other', 'Something else')], max_length=20)),
                ('message', models.TextField(help_text="The reader's words, stored and shown to editors as plain text.", max_length=5000, validators=[django.core.validators.RegexValidator('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]', code='control_characters', inverse_match=True, message='Use plain text: no control characters other than line breaks and tabs.'), django.core.validators.MaxLengthValidator(5000)])),
                ('email', models.EmailField(blank=True, help_text='For a reply; erased once the report has been closed a while.', max_length=254)),
                ('state', django_fsm.FSMField(choices=[('new', 'New'), ('acknowledged', 'Acknowledged'), ('resolved', 'Resolved'), ('dismissed', 'Dismissed')], db_index=True, default='new', max_length=50, protected=True)),
                ('resolution_note', models.TextField(blank=True, help_text="The editors' note on what was done; never shown publicly.")),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('acknowledged_at', models.DateTimeField(blank=True, null=True)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('email_erased_at', models.DateTimeField(blank=True, null=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reader_reports', to='articles.article')),
                ('handled_by', models.ForeignKey(blank=True, help_text='The editor who last moved the report on.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('revision', models.ForeignKey(help_text='The revision the public was reading when the report was sent.', on_delete=django.db.models.deletion.PROTECT, related_name='reader_reports', to='articles.revision')),
            ],
            options={
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['article', 'state'], name='report_article_state')],
            },
            bases=(django_fsm.ConcurrentTransitionMixin, models.Model),
        ),
        migrations.RunPython(grant_editors, revoke_editors),
    ]
