from django.contrib import admin

from .models import Extension, Item, Plan


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["number", "activity", "due_on", "completed_at"]
    readonly_fields = ["completed_at"]
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "unit", "starts_on", "ends_on", "status", "owner"]
    list_filter = ["status", "organization", "period_unit"]
    search_fields = ["title"]
    inlines = [ItemInline]


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["item", "requested_by", "previous_due_on", "due_on", "status"]
    list_filter = ["status"]
