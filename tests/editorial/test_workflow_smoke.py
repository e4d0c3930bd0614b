from articles.models import RevisionState
from articles.selectors import published_articles
from editorial.models import AuditEvent


def test_article_goes_from_draft_to_published_and_each_step_is_audited(workflow):
    revision = workflow.published()

    assert revision.state == RevisionState.PUBLISHED
    article = published_articles().get()
    assert article.live_revision == revision
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[0] == "article_created"
    assert actions[-1] == "published"
    assert actions.count("vote_cast") == 2
