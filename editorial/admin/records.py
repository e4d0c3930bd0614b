"""What is recorded and only read in the admin: articles, board votes, the audit history."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from articles.models import Article

from .. import policy, selectors
from ..models import AuditEvent, BoardVote
from .changelist import IndexedSearchMixin, OddParametersMixin, clamped
from .paginator import EstimatedCountPaginator


class ReadOnlyAdmin(IndexedSearchMixin, OddParametersMixin, admin.ModelAdmin):
    """Nobody adds, changes or deletes these here, superusers included. The lists never
    count the whole table, and count a long selection only up to a point (the rest is
    PostgreSQL's estimate); they search through indexes."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator

    class Media:
        css = {"all": ("editorial/admin.css",)}

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("sequence", "created_at", "actor", "action", "article", "revision_number",
                    "from_state", "to_state", "comment_text")  # fmt: skip
    list_filter = ("action", "created_at")
    search_fields = ("article__slug", "comment", "actor__username")
    prefix_paths = ("article__slug", "actor__username")
    list_select_related = ("actor", "article", "revision")
    list_per_page = 100
    # Newest first, as people read a history; no count of the whole table on every page.
    ordering = ("-sequence",)
    show_full_result_count = False

    def get_queryset(self, request):
        """Never the history of an article the user wrote: it names its reviewers."""
        return selectors.audit_event_list(request.user)

    def get_ordering(self, request) -> list[str]:
        return ["-sequence"]

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_oversee(request.user) and super().has_view_permission(request, obj)

    @admin.display(description="revision", ordering="revision__number")
    def revision_number(self, obj: AuditEvent):
        return obj.revision.number if obj.revision else None

    @admin.display(description="comment")
    def comment_text(self, obj: AuditEvent) -> str:
        return clamped(obj.comment) if obj.comment else ""


@admin.register(BoardVote)
class BoardVoteAdmin(ReadOnlyAdmin):
    list_display = ("revision", "member", "decision", "comment_text", "created_at")
    list_filter = ("decision",)
    ordering = ("-created_at", "-pk")
    search_fields = ("revision__article__slug", "member__username")
    prefix_paths = ("revision__article__slug", "member__username")
    list_select_related = ("revision__article", "member")

    def get_queryset(self, request):
        """Never the votes on an article the user wrote."""
        return selectors.vote_list(request.user)

    @admin.display(description="comment")
    def comment_text(self, obj: BoardVote) -> str:
        return clamped(obj.comment) if obj.comment else ""

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_oversee(request.user) and super().has_view_permission(request, obj)


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("slug", "specialty", "created_by", "live_state", "first_published_at",
                    "last_reviewed_on", "next_review_due")  # fmt: skip
    list_filter = ("specialty", "next_review_due")
    search_fields = ("slug", "revisions__title")
    full_text_path = "revisions__title"
    prefix_paths = ("slug",)
    list_select_related = ("specialty", "created_by", "live_revision")

    def get_queryset(self, request):
        return selectors.article_list(request.user)

    @admin.display(description="live revision")
    def live_state(self, obj: Article) -> str:
        return f"r{obj.live_revision.number}" if obj.live_revision else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An article is read through its latest revision's page, which lists the others."""
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        latest = article.revisions.order_by("-number").values_list("pk", flat=True).first()
        return HttpResponseRedirect(reverse("admin:articles_revision_change", args=[latest]))
