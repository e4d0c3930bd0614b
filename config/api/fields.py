"""Input rules every API serializer shares: unknown fields refused, times need an offset."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_filters import filters
from django_filters.fields import IsoDateTimeField
from rest_framework import serializers

NAIVE_TIME = (
    "Give the time with its UTC offset, for example 2026-03-01T09:00:00Z or "
    "2026-03-01T10:00:00+01:00; a time without one is ambiguous."
)
BAD_TIME = (
    "Give an ISO 8601 time with its UTC offset, for example 2026-03-01T09:00:00Z "
    "(in a query string, write + as %2B)."
)
OUT_OF_RANGE_TIME = "Give a time between the years 1 and 9999 in UTC."
UNKNOWN_FIELD = "This field is not recognised."
MAX_REPORTED_UNKNOWN = 10


class StrictFieldsMixin:
    """Refuse fields the serializer does not know, instead of silently ignoring them:
    a pipeline that misspells `summary_patient` should hear about it."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(str(key) for key in data if key not in writable)
            if unknown:
                raise serializers.ValidationError(
                    {name[:100]: [UNKNOWN_FIELD] for name in unknown[:MAX_REPORTED_UNKNOWN]}
                )
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


def _in_utc_range(parsed: datetime) -> bool:
    """Whether an aware time can be stored: in UTC it must still fall within years 1-9999
    (9999-12-31T23:59-05:00 does not, and the database would fail on it)."""
    try:
        parsed.astimezone(UTC)
    except OverflowError:
        return False
    return True


class AwareDateTimeField(serializers.DateTimeField):
    """A date-time that must carry its offset; a naive one is refused, never guessed."""

    default_error_messages = {"naive": NAIVE_TIME, "invalid": BAD_TIME, "range": OUT_OF_RANGE_TIME}

    def to_internal_value(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None
            if parsed is not None and timezone.is_naive(parsed):
                self.fail("naive")
            if parsed is not None and not _in_utc_range(parsed):
                self.fail("range")
        else:
            self.fail("invalid")
        return super().to_internal_value(value)


class AwareDateTimeFormField(IsoDateTimeField):
    # Django form messages are %-formatted: the literal % of "%2B" must be doubled.
    default_error_messages = {"invalid": BAD_TIME.replace("%", "%%")}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if timezone.is_naive(parsed):
            raise forms.ValidationError(NAIVE_TIME, code="naive")
        if not _in_utc_range(parsed):
            raise forms.ValidationError(OUT_OF_RANGE_TIME, code="range")
        return parsed


class AwareDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = AwareDateTimeFormField
