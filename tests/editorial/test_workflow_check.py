"""The start-up check holds the registry and everything that follows it together: it is
quiet now, and speaks up when a transition, a service, an endpoint, a button or a notice
disagrees with the registry."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from editorial import checks, workflow
from editorial.admin.actions import (
    ASSIGNMENT_BUTTONS,
    REPORT_BUTTONS,
    REREVIEW_BUTTONS,
    REVISION_BUTTONS,
)
from editorial.api.revisions import RevisionViewSet
from editorial.models import AuditAction


def test_the_registry_and_its_followers_agree_now():
    assert checks.workflow_agrees() == []


def test_manage_py_check_fails_when_they_disagree(monkeypatch):
    changed = dataclasses.replace(workflow.action("unpublish"), source=frozenset({"approved"}))
    monkeypatch.setitem(workflow.ACTIONS, "unpublish", changed)

    with pytest.raises(SystemCheckError, match=r"editorial\.E001"):
        call_command("check")


def test_a_registry_source_the_model_does_not_allow_is_reported(monkeypatch):
    changed = dataclasses.replace(workflow.action("unpublish"), source=frozenset({"approved"}))
    monkeypatch.setitem(workflow.ACTIONS, "unpublish", changed)

    assert checks.fsm_problems() == [
        "Action unpublish goes ['approved'] -> retracted; Revision.unpublish goes "
        "['published'] -> ['retracted']."
    ]


def test_a_model_transition_no_action_declares_is_reported(monkeypatch):
    monkeypatch.delitem(workflow.ACTIONS, "supersede")

    assert "Revision.supersede is a transition no action declares." in checks.fsm_problems()


def _new_action(**changes) -> workflow.Action:
    base = workflow.Action(
        "remind",
        machine=workflow.ASSIGNMENT,
        source=frozenset({"invited"}),
        who=lambda user, obj: True,
        refusal="Only editors.",
        audit=AuditAction.DUE_DATE_EXTENDED,
        label="Remind the reviewer",
        done="reminded",
        service="assignment_remind",
    )
    return dataclasses.replace(base, **changes)


def test_a_new_action_without_service_endpoint_or_button_is_reported(monkeypatch):
    monkeypatch.setitem(workflow.ACTIONS, "remind", _new_action())

    assert "Action remind has no service (assignment_remind)." in checks.service_problems()
    assert "Action remind has no API endpoint." in checks.api_problems()
    assert "Action remind has no admin button." in checks.admin_problems()


def test_a_button_the_registry_does_not_offer_is_reported():
    buttons = {**REVISION_BUTTONS, **ASSIGNMENT_BUTTONS, **REPORT_BUTTONS, **REREVIEW_BUTTONS}
    buttons["edit"] = dataclasses.replace(REVISION_BUTTONS["publish"], action="edit")

    assert checks.admin_problems(buttons) == [
        "The admin button edit takes edit, which the registry does not offer in the admin."
    ]


def test_a_missing_button_is_reported():
    buttons = {k: b for k, b in REVISION_BUTTONS.items() if k != "unpublish"}

    problems = checks.admin_problems(
        {**buttons, **ASSIGNMENT_BUTTONS, **REPORT_BUTTONS, **REREVIEW_BUTTONS}
    )

    assert problems == ["Action unpublish has no admin button."]


def test_an_endpoint_whose_input_differs_from_the_registry_is_reported():
    class Drifted(RevisionViewSet):
        inputs = {**RevisionViewSet.inputs, "unpublish": RevisionViewSet.inputs["withdraw"]}

    problems = checks.api_problems([Drifted])

    assert (
        "The API's input for unpublish is ['comment']; the registry declares ['reason']."
        in problems
    )


def test_an_endpoint_for_no_registered_action_is_reported():
    class Extra(RevisionViewSet):
        endpoints = {k: v for k, v in RevisionViewSet.endpoints.items() if k != "publish"}

    problems = checks.api_problems([Extra])

    assert "Extra.publish is an endpoint for no registered action." in problems


def test_a_notice_without_a_message_is_reported(monkeypatch):
    changed = dataclasses.replace(workflow.action("withdraw"), tell="assign_reviewer")
    monkeypatch.setitem(workflow.ACTIONS, "withdraw", changed)

    assert checks.notice_problems() == ["Action withdraw tells someone but has no message."]
