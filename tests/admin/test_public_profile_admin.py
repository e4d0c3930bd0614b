"""Public profiles in the admin: the editors read them (nobody edits them there: only the
person does, in the workspace) and may take a page down, which is audited."""

from __future__ import annotations

from django.urls import reverse

from editorial import services
from editorial.models import AuditEvent
from reviewers.models import PublicProfile

from ..signin import signed_in

CHANGELIST = reverse("admin:reviewers_publicprofile_changelist")


def _shown(person, **details):
    return services.public_profile_update(actor=person, person=person, consent=True, **details)


def test_editors_read_profiles_and_nobody_edits_them_here(workflow, client):
    profile = _shown(workflow.reviewers[0].user, affiliation="Royal Infirmary")
    editor = signed_in(workflow.editor)
    change = reverse("admin:reviewers_publicprofile_change", args=[profile.pk])

    listed = editor.get(CHANGELIST)
    page = editor.get(change)

    assert listed.status_code == 200
    assert profile.slug in listed.content.decode()
    assert page.status_code == 200
    assert "Royal Infirmary" in page.content.decode()
    assert f'href="/reviewers/{profile.slug}/"' in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert editor.post(change, {"affiliation": "Changed"}).status_code == 403
    assert editor.get(reverse("admin:reviewers_publicprofile_add")).status_code == 403
    assert PublicProfile.objects.get().affiliation == "Royal Infirmary"


def test_reviewers_and_the_board_do_not_browse_them(workflow):
    _shown(workflow.reviewers[0].user)
    for person in (workflow.reviewers[1].user, workflow.board[0]):
        assert signed_in(person).get(CHANGELIST).status_code == 403


def test_an_editor_takes_a_page_down_with_the_action(workflow, client):
    person = workflow.reviewers[0].user
    slug = workflow.published().article.slug
    profile = _shown(person)
    assert f"/reviewers/{profile.slug}/" in client.get(f"/articles/{slug}/").content.decode()

    response = signed_in(workflow.editor).post(
        CHANGELIST, {"action": "take_down", "_selected_action": [profile.pk]}, follow=True
    )

    assert f"Taken down: {profile.slug}." in response.content.decode()
    assert client.get(f"/reviewers/{profile.slug}/").status_code == 404
    assert f"/reviewers/{profile.slug}/" not in client.get(f"/articles/{slug}/").content.decode()
    event = AuditEvent.objects.get(action="public_profile_withdrawn")
    assert (event.actor, event.data["by"]) == (workflow.editor, "editors")


def test_a_board_member_finds_their_own_profile_from_the_admin(workflow):
    link = f'href="{reverse("workspace:profile")}"'
    assert link in signed_in(workflow.board[0]).get(reverse("admin:index")).content.decode()
    assert link not in signed_in(workflow.editor).get(reverse("admin:index")).content.decode()
