"""A board vote that acknowledges a retraction (approving a reinstatement), a reader's report
linked to the correction it opened, and the audit action for opening one."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_change_classes_and_public_notices'),
        ('editorial', '0009_reminders'),
    ]

    operations = [
        migrations.AddField(
            model_name='boardvote',
            name='acknowledges_retraction',
            field=models.BooleanField(default=False, help_text='On a revision that reinstates a retracted article: the member approved knowing of the retraction and its reason.'),
        ),
        migrations.AddField(
            model_name='readerreport',
            name='correction',
            field=models.ForeignKey(blank=True, help_text='The correction opened from this report; publishing it resolves the report.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='correcting_reports', to='articles.revision'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('article_created', 'Article created'), ('draft_edited', 'Draft edited'), ('revision_started', 'Revision started'), ('submitted', 'Submitted'), ('withdrawn', 'Withdrawn'), ('reviewer_assigned', 'Reviewer assigned'), ('assignment_accepted', 'Assignment accepted'), ('assignment_declined', 'Assignment declined'), ('assignment_cancelled', 'Assignment cancelled'), ('review_completed', 'Review completed'), ('review_started', 'Review started'), ('vote_cast', 'Vote cast'), ('approved', 'Approved'), ('changes_requested', 'Changes requested'), ('rejected', 'Rejected'), ('publication_scheduled', 'Publication scheduled'), ('published', 'Published'), ('superseded', 'Superseded'), ('unpublished', 'Unpublished'), ('board_recused', 'Board member recused'), ('due_date_extended', 'Review due date extended'), ('reviewer_profile_created', 'Reviewer profile created'), ('reviewer_profile_updated', 'Reviewer profile updated'), ('specialty_created', 'Specialty created'), ('specialty_renamed', 'Specialty renamed'), ('person_created', 'Account created'), ('person_updated', 'Account details updated'), ('password_set', 'Password set by an administrator'), ('role_granted', 'Role granted'), ('role_revoked', 'Role revoked'), ('api_token_issued', 'API token issued'), ('api_token_revoked', 'API token revoked'), ('publication_refused', 'Public rendering refused'), ('second_factor_enrolled', 'Second factor set up'), ('second_factor_reset', 'Second factor reset by an administrator'), ('recovery_code_used', 'Recovery code used to sign in'), ('audit_key_rotated', 'Audit signing key rotated'), ('reader_report_acknowledged', "Reader's report acknowledged"), ('reader_report_resolved', "Reader's report resolved"), ('reader_report_dismissed', "Reader's report dismissed"), ('reader_report_emails_erased', "Readers' e-mail addresses erased"), ('reader_report_correction_opened', "Correction opened from a reader's report")], max_length=40),
        ),
    ]
