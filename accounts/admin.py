from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from accounts.models import AuditEvent, Institution, User


@admin.register(Institution)
class InstitutionAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "institution", "profession", "is_active")
    list_filter = ("groups", "profession", "is_active", "institution")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "sex", "preferred_language")}),
        (_("Work"), {"fields": ("institution", "profession")}),
        (_("Roles"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only for every role, administrators included."""

    list_display = ("created_at", "action", "user_id", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
