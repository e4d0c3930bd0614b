"""What every workflow endpoint shares: who is asking, and running one registry action.

Each viewset that exposes a machine's actions lists them in `endpoints` (registry action
name -> viewset method) and their input serializers in `inputs`; `editorial.checks`
compares both with the registry at start-up.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from .. import services, workflow


def reload(queryset: QuerySet, obj: Model) -> Model:
    """The object after a change, read again with everything its representation needs."""
    return queryset.get(pk=obj.pk)


def actor(request: Request) -> Any:
    return request.user


class WorkflowEndpoints:
    """Mixed into a viewset: run the registry's action on the object of the URL."""

    endpoints: dict[str, str] = {}
    inputs: dict[str, type] = {}

    def run_action(self, request: Request, name: str) -> Any:
        """Validate the input, then hand it to the action's one service; a refusal comes
        back from the service's guard in the registry's order (404, 403, 409, 400)."""
        act = workflow.action(name)
        obj = self.get_object()
        data = self.inputs[name](data=request.data)
        data.is_valid(raise_exception=True)
        service = getattr(services, act.service)
        return service(**{act.machine: obj}, actor=actor(request), **data.validated_data)
