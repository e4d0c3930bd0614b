from articles.models import RevisionState
from editorial.models import AuditEvent
from tests.public_view import public_list


def test_article_goes_from_draft_to_published_and_each_step_is_audited(workflow):
    revision = workflow.published()

    assert revision.state == RevisionState.PUBLISHED
    assert public_list() == [(revision.article.slug, revision.number, revision.content_hash)]
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[0] == "article_created"
    assert actions[-1] == "published"
    assert actions.count("vote_cast") == 2
