"""The archive in the admin: what its records hold, to read. They change only through the
archive's pages and services (approvals, protocols, transfers, destruction), never here."""

from django.contrib import admin

from .models import DestructionAct, Event, Inventory, Review, Transfer


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Inventory)
class InventoryAdmin(ReadOnly):
    list_display = ("organization", "year", "kind", "status", "number", "date", "approved_on")
    list_filter = ("status", "kind", "organization")


@admin.register(DestructionAct)
class DestructionActAdmin(ReadOnly):
    list_display = ("organization", "document", "status", "number", "date", "destroyed_at")
    list_filter = ("status", "organization")


@admin.register(Transfer)
class TransferAdmin(ReadOnly):
    list_display = ("organization", "number", "date", "archive_name", "created_by")


@admin.register(Review)
class ReviewAdmin(ReadOnly):
    list_display = ("case", "decision", "years", "number", "date", "decided_by")


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("at", "organization", "actor", "action", "details")
    list_filter = ("action", "organization")
