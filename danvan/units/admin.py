"""Admin screens for units, people and their roles.

Saving goes through the services, so that tree paths stay right and every role change is
written to the audit log, exactly as when the same change is made elsewhere.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.services import role_assign, role_revoke, unit_create, unit_move, unit_update


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "code", "kind", "parent", "admin_code", "is_remote_area", "is_active"]
    list_filter = ["kind", "is_active", "is_remote_area"]
    search_fields = ["name", "search_name", "code", "admin_code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "created_at", "updated_at"]
    fields = [
        "code",
        "name",
        "kind",
        "parent",
        "admin_code",
        "is_remote_area",
        "is_active",
        "path",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["parent"]
    list_per_page = 50
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Unit | None = None) -> Any:
        # The code is the unit's identity (paths, imports, links): fixed once created.
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "code"] if obj is not None else readonly

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Unit], search_term: str
    ) -> tuple[QuerySet[Unit], bool]:
        # Diacritics are optional: "phu dong" finds "Xã Phù Đổng" through ``search_name``.
        from danvan.units.folding import fold_for_search

        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold_for_search(search_term)
        if folded:
            queryset |= self.model.objects.filter(search_name__contains=folded)
        return queryset, may_have_duplicates

    def save_model(
        self, request: HttpRequest, obj: Unit, form: forms.ModelForm[Unit], change: bool
    ) -> None:
        if not change:
            created = unit_create(
                actor=request.user,
                code=obj.code,
                name=obj.name,
                kind=obj.kind,
                parent=obj.parent,
                admin_code=obj.admin_code,
                is_remote_area=obj.is_remote_area,
            )
            obj.pk = created.pk
            obj.path = created.path
            obj._state.adding = False
            return
        stored = Unit.objects.get(pk=obj.pk)
        if "parent" in form.changed_data and obj.parent is not None:
            stored = unit_move(actor=request.user, unit=stored, new_parent=obj.parent)
        unit_update(
            actor=request.user,
            unit=stored,
            name=obj.name,
            kind=obj.kind,
            admin_code=obj.admin_code,
            is_remote_area=obj.is_remote_area,
            is_active=obj.is_active,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Unit | None = None) -> bool:
        # Units are deactivated, never deleted: petitions and roles keep pointing at them.
        return False


class RoleAssignmentInlineForm(forms.ModelForm[RoleAssignment]):
    class Meta:
        model = RoleAssignment
        fields = ["unit", "role", "title", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Another unit or role is another assignment: end this one and add a new row.
            self.fields["unit"].disabled = True
            self.fields["role"].disabled = True


class RoleAssignmentInlineFormSet(
    BaseInlineFormSet[RoleAssignment, User, forms.ModelForm[RoleAssignment]]
):
    def get_queryset(self) -> QuerySet[RoleAssignment]:
        # Ended roles stay in the database as history; the inline shows the current ones.
        return super().get_queryset().filter(is_active=True)


class RoleAssignmentInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    form = RoleAssignmentInlineForm
    formset = RoleAssignmentInlineFormSet
    fields = ["unit", "role", "title", "is_active"]
    autocomplete_fields = ["unit"]
    extra = 0
    can_delete = False
    verbose_name = _("role")
    verbose_name_plural = _("roles in units")


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")},
        ),
    )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not RoleAssignment:
            super().save_formset(request, form, formset, change)
            return
        user: User = form.instance
        new_objects: list[RoleAssignment] = []
        changed_objects: list[tuple[RoleAssignment, list[str]]] = []
        for inline_form in formset.forms:
            if not inline_form.has_changed() or not inline_form.is_valid():
                continue
            data = inline_form.cleaned_data
            existing = inline_form.instance if inline_form.instance.pk else None
            if existing is None:
                if data.get("is_active", True):
                    new_objects.append(
                        role_assign(
                            actor=request.user,
                            user=user,
                            unit=data["unit"],
                            role=data["role"],
                            title=data.get("title", ""),
                        )
                    )
                continue
            if not data.get("is_active", True):
                role_revoke(actor=request.user, assignment=existing)
            else:
                role_assign(
                    actor=request.user,
                    user=user,
                    unit=existing.unit,
                    role=existing.role,
                    title=data.get("title", ""),
                )
            changed_objects.append((existing, inline_form.changed_data))
        # What the admin's change message (history) reads.
        formset.new_objects = new_objects
        formset.changed_objects = changed_objects
        formset.deleted_objects = []


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    """Read-only history of every role ever given; changes are made on the person's page."""

    list_display = ["user", "role", "unit", "title", "is_active", "created_at", "updated_at"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name", "unit__code"]
    list_select_related = ["user", "unit"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: RoleAssignment | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: RoleAssignment | None = None
    ) -> bool:
        return False
