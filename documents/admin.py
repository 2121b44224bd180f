from django.contrib import admin

from .models import Document, DocumentVersion, Recognition

# What a version shows; all of it is read-only (only the archive flag changes, in its own admin).
VERSION_FIELDS = (
    "number",
    "original_name",
    "size",
    "sha256",
    "created_by",
    "created_at",
    "comment",
)


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = VERSION_FIELDS + ("is_archived",)
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Documents are edited through their versions; admin can correct metadata only. Status,
    number and date come from the lifecycle and the registry, never from a form here; an
    approved document's title and kind are the record's too."""

    list_display = ("title", "kind", "number", "date", "organization", "status", "visibility")
    list_filter = ("kind", "status", "visibility", "organization")
    search_fields = ("title", "number")
    readonly_fields = (
        "organization",
        "status",
        "number",
        "date",
        "from_archive",
        "supersedes",
        "current_version",
        "author",
        "created_at",
        "updated_at",
    )
    raw_id_fields = ("unit",)
    inlines = [VersionInline]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status != Document.Status.DRAFT:
            fields = (*fields, "title", "kind", "unit")
        return fields

    def has_add_permission(self, request):
        return False  # documents come in as uploads or from processes

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Versions are immutable; the only change allowed is the archive flag."""

    list_display = ("document", "number", "original_name", "size", "created_at", "is_archived")
    list_filter = ("is_archived",)
    fields = ("document",) + VERSION_FIELDS + ("is_archived",)
    readonly_fields = ("document",) + VERSION_FIELDS

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.save(update_fields=["is_archived"])


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    """What became of each scan's recognition (an error to act on: Tesseract missing, a page
    that timed out); written only by documents.services.recognition."""

    list_display = ("version", "status", "pages", "page_count", "created_at", "finished_at")
    list_filter = ("status",)
    readonly_fields = (
        "version",
        "status",
        "pages",
        "page_count",
        "error",
        "text",
        "created_at",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
