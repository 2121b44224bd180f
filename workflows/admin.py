from django.contrib import admin

from .models import Approval, AuditEntry, RouteTemplate, Substitution


@admin.register(RouteTemplate)
class RouteTemplateAdmin(admin.ModelAdmin):
    list_display = ["process", "organization", "restart", "initiator_may_add", "max_stages"]
    list_filter = ["process", "organization"]


@admin.register(Substitution)
class SubstitutionAdmin(admin.ModelAdmin):
    list_display = ["person", "substitute", "starts_on", "ends_on", "reason"]
    autocomplete_fields = ["person", "substitute"]


class ReadOnly(admin.ModelAdmin):
    """The approval record is written by the processes only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Approval)
class ApprovalAdmin(ReadOnly):
    list_display = ["document", "kind", "status", "initiator", "created_at"]
    list_filter = ["kind", "status"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ["at", "document", "action", "actor", "on_behalf_of"]
    list_filter = ["action"]
