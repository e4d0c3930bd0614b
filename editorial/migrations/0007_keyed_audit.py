"""Keyed audit: events name the key that signed them (HMAC-SHA256 under AUDIT_KEY).

Events already recorded keep their plain SHA-256 hashes and an empty key_id; they are not
re-signed (re-signing a chain is exactly what keyed audit exists to make impossible).
Instead this migration seals them: when the history is not empty, it appends one
`audit_key_rotated` event, signed with the AUDIT_KEY configured when it runs, naming the
empty (unkeyed) key before it. The verifier accepts unkeyed events only at the start of
the chain and only when such an event seals them.

On SQLite, triggers refuse UPDATE and DELETE of audit rows, as the PostgreSQL trigger of
0003 does. SQLite drops a table's triggers when a migration rebuilds the table; a later
migration that alters this table must create them again (a test checks they exist).

The signing code below is a copy, not an import, so this migration means the same thing
whatever editorial.audit becomes; it must stay byte-for-byte what the verifier computes.
Unapplying is refused once keyed events exist: it would drop the key ids they need to
verify (for a development database, delete it and seed it again).
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

KEY_ID_MESSAGE = b"imprimatur audit key id"

SQLITE_CREATE = [
    """
    CREATE TRIGGER IF NOT EXISTS editorial_auditevent_no_update
    BEFORE UPDATE ON editorial_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit history is append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS editorial_auditevent_no_delete
    BEFORE DELETE ON editorial_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit history is append-only: DELETE refused'); END
    """,
]
SQLITE_TRIGGERS = ["editorial_auditevent_no_update", "editorial_auditevent_no_delete"]


def sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def seal_unkeyed_history(apps, schema_editor):
    AuditEvent = apps.get_model("editorial", "AuditEvent")
    head = AuditEvent.objects.using(schema_editor.connection.alias).order_by("-sequence").first()
    if head is None or head.key_id:
        return
    secret = settings.AUDIT_KEY.encode()
    key_id = hmac.new(secret, KEY_ID_MESSAGE, hashlib.sha256).hexdigest()[:16]
    seal = AuditEvent(
        sequence=head.sequence + 1,
        previous_hash=head.hash,
        created_at=timezone.now(),
        actor=None,
        action="audit_key_rotated",
        article=None,
        revision=None,
        from_state="",
        to_state="",
        comment="Keyed audit begins: the events before this one were hashed without a key.",
        data={"previous_key_id": "", "key_id": key_id, "unkeyed_through": head.sequence},
        key_id=key_id,
    )
    fields = {
        "sequence": seal.sequence,
        "created_at": seal.created_at.isoformat(),
        "actor": None,
        "action": seal.action,
        "article": None,
        "revision": None,
        "from_state": "",
        "to_state": "",
        "comment": seal.comment,
        "data": seal.data,
        "key_id": key_id,
    }
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    seal.hash = hmac.new(
        secret, seal.previous_hash.encode() + canonical.encode(), hashlib.sha256
    ).hexdigest()
    seal.save(using=schema_editor.connection.alias, force_insert=True)


def refuse_to_drop_key_ids(apps, schema_editor):
    AuditEvent = apps.get_model("editorial", "AuditEvent")
    if AuditEvent.objects.using(schema_editor.connection.alias).exclude(key_id="").exists():
        raise RuntimeError(
            "The audit history holds keyed events; unapplying keyed audit would drop the key "
            "ids they need to verify. The history is append-only: this is not undone (a "
            "development database can be deleted and seeded again)."
        )


class Migration(migrations.Migration):

    dependencies = [
        ('editorial', '0006_voted_content_hash'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='key_id',
            field=models.CharField(blank=True, default='', editable=False, help_text='Which AUDIT_KEY signed this event; empty for events from before keyed audit.', max_length=32),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('article_created', 'Article created'), ('draft_edited', 'Draft edited'), ('revision_started', 'Revision started'), ('submitted', 'Submitted'), ('withdrawn', 'Withdrawn'), ('reviewer_assigned', 'Reviewer assigned'), ('assignment_accepted', 'Assignment accepted'), ('assignment_declined', 'Assignment declined'), ('assignment_cancelled', 'Assignment cancelled'), ('review_completed', 'Review completed'), ('review_started', 'Review started'), ('vote_cast', 'Vote cast'), ('approved', 'Approved'), ('changes_requested', 'Changes requested'), ('rejected', 'Rejected'), ('publication_scheduled', 'Publication scheduled'), ('published', 'Published'), ('superseded', 'Superseded'), ('unpublished', 'Unpublished'), ('board_recused', 'Board member recused'), ('due_date_extended', 'Review due date extended'), ('reviewer_profile_created', 'Reviewer profile created'), ('reviewer_profile_updated', 'Reviewer profile updated'), ('specialty_created', 'Specialty created'), ('specialty_renamed', 'Specialty renamed'), ('person_created', 'Account created'), ('person_updated', 'Account details updated'), ('password_set', 'Password set by an administrator'), ('role_granted', 'Role granted'), ('role_revoked', 'Role revoked'), ('api_token_issued', 'API token issued'), ('api_token_revoked', 'API token revoked'), ('publication_refused', 'Public rendering refused'), ('second_factor_enrolled', 'Second factor set up'), ('second_factor_reset', 'Second factor reset by an administrator'), ('recovery_code_used', 'Recovery code used to sign in'), ('audit_key_rotated', 'Audit signing key rotated')], max_length=40),
        ),
        migrations.RunPython(sqlite_triggers, drop_sqlite_triggers),
        migrations.RunPython(seal_unkeyed_history, refuse_to_drop_key_ids),
    ]
