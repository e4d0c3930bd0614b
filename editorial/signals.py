"""Rebuild public renderings when a name they show changes.

This is cache upkeep, not domain logic: the renderings copy reviewers' names and
credentials, so a saved profile or user name must refresh them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from reviewers.models import Reviewer

from .services.public_snapshots import public_snapshots_refresh_for_person

SHOWN_REVIEWER_FIELDS = {"display_name", "credentials"}
SHOWN_USER_FIELDS = {"first_name", "last_name"}


def _shows(update_fields: Any, shown: set[str]) -> bool:
    return update_fields is None or bool(shown & set(update_fields))


def reviewer_saved(sender: Any, instance: Reviewer, created: bool, update_fields: Any,
                   raw: bool = False, **kwargs: Any) -> None:  # fmt: skip
    if not created and not raw and _shows(update_fields, SHOWN_REVIEWER_FIELDS):
        public_snapshots_refresh_for_person(user_id=instance.user_id)


def user_saved(sender: Any, instance: Any, created: bool, update_fields: Any,
               raw: bool = False, **kwargs: Any) -> None:  # fmt: skip
    if not created and not raw and _shows(update_fields, SHOWN_USER_FIELDS):
        public_snapshots_refresh_for_person(user_id=instance.pk)


def connect() -> None:
    post_save.connect(reviewer_saved, sender=Reviewer, dispatch_uid="public-reviewer-saved")
    post_save.connect(user_saved, sender=get_user_model(), dispatch_uid="public-user-saved")
