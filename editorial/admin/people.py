"""People and reference data in the admin: reviewer profiles and specialties (kept by the
editors), accounts and their roles (kept by the site's administrators), and the public profiles
reviewers and board members keep themselves (read here).

Every save goes to a service, which audits it and rebuilds the public renderings that show
what changed; nothing here writes a row itself. API tokens have their own page (tokens.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Specialty
from reviewers.models import BOARD_GROUP, PublicProfile, Reviewer

from .. import policy, selectors, services
from ..services.people import PERSON_FIELDS, PROFILE_FIELDS
from .changelist import OddParametersMixin

User = get_user_model()


class EditorsKeep:
    """Reviewer profiles and specialties are the editors' (and superusers') to add and
    change; nobody deletes them."""

    def has_add_permission(self, request) -> bool:
        return policy.can_keep_reviewer_records(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return policy.can_keep_reviewer_records(request.user)


@admin.register(Reviewer)
class ReviewerAdmin(OddParametersMixin, EditorsKeep, admin.ModelAdmin):
    list_display = ("display_name", "credentials", "specialty_list", "is_active",
                    "active_reviews", "max_active_reviews", "on_board")  # fmt: skip
    list_filter = ("is_active", "specialties")
    search_fields = ("display_name", "credentials", "user__username", "user__email")
    filter_horizontal = ("specialties",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("specialties", "user__groups")
            .annotate(active_count=selectors.open_review_count())
        )

    def has_view_permission(self, request, obj=None) -> bool:
        # The directory (board membership, load, e-mail) is for those who assign reviewers,
        # as in the API; a reviewer's own profile is the editors' to keep.
        return policy.can_list_reviewers(request.user)

    def get_readonly_fields(self, request, obj=None):
        # Re-pointing a profile would hand its reviews and public credit to someone else.
        return ("user",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None) -> bool:
        # A reviewer's past reviews stay attributed; mark them inactive instead.
        return False

    def save_model(self, request, obj: Reviewer, form, change: bool) -> None:
        data = form.cleaned_data
        fields = {name: data[name] for name in PROFILE_FIELDS if name in data}
        if change:
            saved = services.reviewer_profile_update(
                actor=request.user, reviewer=obj, specialties=data["specialties"], **fields
            )
        else:
            saved = services.reviewer_profile_create(
                actor=request.user, user=data["user"], specialties=data["specialties"], **fields
            )
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change: bool) -> None:
        """The specialties were saved by the service."""

    @admin.display(description="specialties")
    def specialty_list(self, obj: Reviewer) -> str:
        return ", ".join(s.name for s in obj.specialties.all()) or "—"

    @admin.display(description="active reviews", ordering="active_count")
    def active_reviews(self, obj: Reviewer) -> int:
        return obj.active_count

    @admin.display(description="board", boolean=True)
    def on_board(self, obj: Reviewer) -> bool:
        return any(group.name == BOARD_GROUP for group in obj.user.groups.all())


@admin.register(Specialty)
class SpecialtyAdmin(OddParametersMixin, EditorsKeep, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None) -> bool:
        # Articles and reviewer profiles point at specialties; retire one by renaming it.
        return False

    def save_model(self, request, obj: Specialty, form, change: bool) -> None:
        data = form.cleaned_data
        if change:
            saved = services.specialty_rename(
                actor=request.user, specialty=obj, name=data["name"], slug=data["slug"]
            )
        else:
            saved = services.specialty_create(
                actor=request.user, name=data["name"], slug=data["slug"]
            )
        obj.pk = saved.pk


admin.site.unregister(User)
# Authenticator secrets and recovery codes are never shown, and change only through the
# audited services: the person sets theirs up at sign-in; an administrator resets it below.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(User)
class PersonAdmin(OddParametersMixin, UserAdmin):
    """Accounts: names, e-mail, whether active and their role groups change through the
    services, so each change is audited (granting the board included)."""

    def formfield_for_manytomany(self, db_field, request, **kwargs: Any):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=policy.ROLE_GROUPS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # Permissions come with the role groups, never one person at a time.
    fieldsets = tuple(
        (
            name,
            {**options, "fields": tuple(f for f in options["fields"] if f != "user_permissions")},
        )
        for name, options in UserAdmin.fieldsets
    )

    readonly_fields = ("last_login", "date_joined")
    list_display = (*UserAdmin.list_display, "second_factor")
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_second_factor=Exists(confirmed))

    @admin.display(description="second factor", boolean=True, ordering="has_second_factor")
    def second_factor(self, obj) -> bool:
        return obj.has_second_factor

    @admin.action(description="Reset the second factor (a lost phone): set up anew at sign-in")
    def reset_second_factor(self, request, queryset) -> None:
        if not policy.can_administer_accounts(request.user):
            raise PermissionDenied
        reset = [p.get_username() for p in queryset
                 if services.second_factor_reset(actor=request.user, person=p)]  # fmt: skip
        self.message_user(request, f"Second factor reset: {', '.join(reset) or 'nobody had one'}.")

    def has_change_permission(self, request, obj=None) -> bool:
        return policy.can_administer_accounts(request.user)

    def has_add_permission(self, request) -> bool:
        return policy.can_administer_accounts(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts stay, attributed in the history; deactivate them instead.
        return False

    def user_change_password(self, request, id, form_url=""):
        """The administrator's password form, saved through the audited service."""
        person = self.get_object(request, unquote(id))
        if request.method != "POST" or person is None or not self.has_change_permission(request):
            return super().user_change_password(request, id, form_url)
        form = self.change_password_form(person, request.POST)
        if not form.is_valid():
            return super().user_change_password(request, id, form_url)
        usable = form.cleaned_data.get("usable_password", "true") != "false"
        services.person_set_password(
            actor=request.user,
            person=person,
            password=form.cleaned_data["password1"] if usable else None,
        )
        if person.pk == request.user.pk:
            update_session_auth_hash(request, User.objects.get(pk=person.pk))
        messages.success(request, "Password changed.")
        return HttpResponseRedirect(reverse("admin:auth_user_change", args=[person.pk]))

    def save_model(self, request, obj, form, change: bool) -> None:
        if not change:
            # The add form's user, its password already hashed by the form.
            services.person_create(actor=request.user, person=obj)
            return
        data = form.cleaned_data
        fields = {name: data[name] for name in PERSON_FIELDS if name in data}
        services.person_update(actor=request.user, person=obj, **fields)

    def save_related(self, request, form, formsets, change: bool) -> None:
        wanted = {g.name for g in form.cleaned_data.get("groups", [])}
        groups = form.cleaned_data.pop("groups", None)
        super().save_related(request, form, formsets, change)
        if groups is None:
            return
        person = form.instance
        had = set(person.groups.filter(name__in=policy.ROLE_GROUPS).values_list("name", flat=True))
        for role in sorted(wanted - had):
            services.role_grant(actor=request.user, person=person, role=role)
        for role in sorted(had - wanted):
            services.role_revoke(actor=request.user, person=person, role=role)


@admin.register(PublicProfile)
class PublicProfileAdmin(OddParametersMixin, admin.ModelAdmin):
    """What each reviewer and board member shows the public, for the editors to read. Only the
    person fills it in and consents (in the workspace); an editor may take a page down, at the
    person's request or for what should not be shown, which is audited."""

    list_display = ("slug", "person", "shown", "consented_at", "affiliation", "orcid")
    list_filter = (("consented_at", admin.EmptyFieldListFilter),)
    search_fields = ("slug", "user__username", "affiliation", "orcid")
    list_select_related = ("user",)
    readonly_fields = ("user", "slug", "public_page", "affiliation", "orcid", "declared_interests",
                       "consented_at", "withdrawn_at", "updated_at")  # fmt: skip
    fields = readonly_fields
    actions = ["take_down"]

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_keep_reviewer_records(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="person", ordering="user__username")
    def person(self, obj: PublicProfile) -> str:
        return obj.user.get_full_name() or obj.user.get_username()

    @admin.display(description="shown", boolean=True, ordering="consented_at")
    def shown(self, obj: PublicProfile) -> bool:
        return obj.is_public

    @admin.display(description="public page")
    def public_page(self, obj: PublicProfile) -> str:
        if not obj.is_public:
            return "Not shown: the person has not agreed."
        url = reverse("public-reviewer-page", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.action(description="Take the selected public profiles down (audited)")
    def take_down(self, request, queryset) -> None:
        if not policy.can_keep_reviewer_records(request.user):
            raise PermissionDenied
        taken = [
            p.slug
            for p in queryset.select_related("user").filter(consented_at__isnull=False)
            if services.public_profile_withdraw(
                actor=request.user, person=p.user, reason="Taken down by the editors."
            )
        ]
        self.message_user(request, f"Taken down: {', '.join(taken) or 'none was shown'}.")
