"""A start-up system check: the workflow registry and everything that should follow it agree.

It fails (`manage.py check`, and so every test run and server start) when the model's
django-fsm transitions and the registry disagree, when an action has no service, when an
action the registry offers through the API has no endpoint or its endpoint reads other input
than the registry declares, when an action offered in the admin has no button, or when an
endpoint, a button or a notice serves an action the registry does not know.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core import checks

from . import workflow

ID = "editorial.E{:03d}"


def _error(number: int, message: str) -> checks.Error:
    return checks.Error(message, id=ID.format(number), obj="editorial.workflow")


def fsm_problems() -> list[str]:
    """Where each machine's django-fsm transitions and the registry's actions differ."""
    problems = []
    for machine, model in workflow.models_with_machines():
        declared: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for transition in model._meta.get_field("state").get_all_transitions(model):
            sources, targets = declared[transition.name]
            sources.add(str(transition.source))
            targets.add(str(transition.target))
        registered = {
            a.transition: a for a in workflow.ACTIONS.values() if a.machine == machine
            and a.transition
        }  # fmt: skip
        for name in sorted(set(declared) - set(registered)):
            problems.append(f"{model.__name__}.{name} is a transition no action declares.")
        for name, act in sorted(registered.items()):
            if name not in declared:
                problems.append(f"Action {act.name} names {model.__name__}.{name}, which is "
                                "not a transition.")  # fmt: skip
                continue
            sources, targets = declared[name]
            if sources != set(act.source) or targets != {act.target}:
                problems.append(
                    f"Action {act.name} goes {sorted(act.source)} -> {act.target}; "
                    f"{model.__name__}.{name} goes {sorted(sources)} -> {sorted(targets)}."
                )
    return problems


def service_problems() -> list[str]:
    from . import services

    problems = []
    for act in workflow.ACTIONS.values():
        if act.via is not None:
            if act.via not in workflow.ACTIONS or act.interfaces - {workflow.API, workflow.ADMIN}:
                problems.append(f"Action {act.name} is taken via unknown action {act.via}.")
        elif act.service is None or not callable(getattr(services, act.service, None)):
            problems.append(f"Action {act.name} has no service ({act.service}).")
    return problems


def _api_viewsets() -> list[Any]:
    from .api.articles import ArticleViewSet
    from .api.assignments import AssignmentViewSet
    from .api.rereviews import ReReviewViewSet
    from .api.revisions import RevisionViewSet

    return [ArticleViewSet, RevisionViewSet, AssignmentViewSet, ReReviewViewSet]


def api_problems(viewsets: list[Any] | None = None) -> list[str]:
    problems = []
    served: dict[str, Any] = {}
    for viewset in viewsets if viewsets is not None else _api_viewsets():
        endpoints = set(viewset.endpoints.values())
        for extra in viewset.get_extra_actions():
            if extra.__name__ not in endpoints:
                problems.append(f"{viewset.__name__}.{extra.__name__} is an endpoint for no "
                                "registered action.")  # fmt: skip
        for name, method in viewset.endpoints.items():
            act = workflow.ACTIONS.get(name)
            if act is None or workflow.API not in act.interfaces or not act.offered:
                problems.append(f"{viewset.__name__} serves {name}, which the registry does "
                                "not offer through the API.")  # fmt: skip
                continue
            served[name] = viewset
            if not callable(getattr(viewset, method, None)):
                problems.append(f"{viewset.__name__}.{method} (for {name}) does not exist.")
            fields = set(viewset.inputs[name]().fields) if name in viewset.inputs else None
            if fields != set(act.needs) | set(act.optional):
                problems.append(
                    f"The API's input for {name} is {sorted(fields or [])}; the registry "
                    f"declares {sorted(set(act.needs) | set(act.optional))}."
                )
    for act in workflow.ACTIONS.values():
        if act.offered and workflow.API in act.interfaces and act.name not in served:
            problems.append(f"Action {act.name} has no API endpoint.")
    return problems


def admin_problems(buttons: dict[str, Any] | None = None) -> list[str]:
    from .admin.actions import (
        ASSIGNMENT_BUTTONS,
        PAGES,
        REPORT_BUTTONS,
        REREVIEW_BUTTONS,
        REVISION_BUTTONS,
    )

    if buttons is None:
        buttons = {**REVISION_BUTTONS, **ASSIGNMENT_BUTTONS, **REPORT_BUTTONS, **REREVIEW_BUTTONS}
    problems = []
    pressed = {b.action for b in buttons.values()} | set(PAGES)
    for key, button in buttons.items():
        act = workflow.ACTIONS.get(button.action)
        if act is None or workflow.ADMIN not in act.interfaces or not act.offered:
            problems.append(f"The admin button {key} takes {button.action}, which the "
                            "registry does not offer in the admin.")  # fmt: skip
    for act in workflow.ACTIONS.values():
        if act.offered and workflow.ADMIN in act.interfaces and act.name not in pressed:
            problems.append(f"Action {act.name} has no admin button.")
    return problems


def notice_problems() -> list[str]:
    from .notifications import MESSAGES

    told = {a.name for a in workflow.ACTIONS.values() if a.tell}
    problems = [f"Action {name} tells someone but has no message." for name in told - set(MESSAGES)]
    problems += [f"A message for {name}, which tells no one." for name in set(MESSAGES) - told]
    for act in workflow.ACTIONS.values():
        if (
            act.tell not in (None, "author", "reviewer", "editor")
            and act.tell not in workflow.ACTIONS
        ):
            problems.append(f"Action {act.name} tells those who may {act.tell}: no such action.")
    return sorted(problems)


@checks.register()
def workflow_agrees(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    found = []
    for number, problems in enumerate(
        (fsm_problems(), service_problems(), api_problems(), admin_problems(), notice_problems()),
        start=1,
    ):
        found += [_error(number, problem) for problem in problems]
    return found
