from django.contrib import admin

from .models import Case, Journal, Nomenclature, Registration, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """The list of typical documents: the expert commission keeps it up to date here."""

    list_display = ("article", "title", "years", "epk", "personnel", "note", "needs_check")
    list_filter = ("epk", "personnel", "needs_check")
    search_fields = ("article", "title", "note")


class CaseInline(admin.TabularInline):
    model = Case
    fk_name = "nomenclature"
    fields = (
        "unit",
        "index",
        "title",
        "volumes",
        "retention_rule",
        "epk",
        "note",
        "carried_over",
        "status",
        "closed_on",
    )
    extra = 0
    can_delete = False


@admin.register(Nomenclature)
class NomenclatureAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "status", "order_number", "order_date")
    list_filter = ("status", "organization")
    readonly_fields = ("approved_by", "approved_at")
    inlines = [CaseInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Journal)
class JournalAdmin(admin.ModelAdmin):
    """Saving runs the model's clean(): an unknown placeholder is a form error."""

    list_display = (
        "name",
        "organization",
        "kind",
        "number_template",
        "default_case_index",
        "yearly_reset",
        "is_active",
    )
    list_filter = ("organization", "kind", "is_active")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Journal entries are written by the registration service only."""

    list_display = ("number", "journal", "date", "status", "document", "case")
    list_filter = ("status", "journal")
    search_fields = ("number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
