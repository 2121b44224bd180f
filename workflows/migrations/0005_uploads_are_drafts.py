"""Statuses the old importer took from a file's text are undone: a document that is approved
or registered without an approval of the system and without an entry in a journal becomes a
draft again (what the file says stays in its version's structure, shown as «в файле»), and
the change is in its audit log. A clerk enters the real ones from the archive. A document
returned for revision gets the status that says so."""

from django.db import migrations

NOTE = (
    "Проект: статус «{status}» и номер «{number}» были взяты из текста файла, а не из "
    "согласования и журнала регистрации. Если документ был утверждён или зарегистрирован до "
    "начала работы системы, внесите его из архива."
)


def forwards(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Approval = apps.get_model("workflows", "Approval")
    AuditEntry = apps.get_model("workflows", "AuditEntry")
    Registration = apps.get_model("registry", "Registration")
    labels = {"approved": "утверждён", "registered": "зарегистрирован"}
    approved_here = Approval.objects.filter(status__in=["approved", "done"]).values(
        "document_id"
    )
    registered_here = Registration.objects.filter(status="registered").values("document_id")
    stale = (
        Document.objects.filter(status__in=["approved", "registered"], from_archive=False)
        .exclude(pk__in=approved_here)
        .exclude(pk__in=registered_here)
    )
    for document in stale.iterator():
        AuditEntry.objects.create(
            document=document,
            action="status",
            details=NOTE.format(
                status=labels[document.status], number=document.number or "—"
            ),
        )
        document.status, document.number, document.date = "draft", "", None
        document.save(update_fields=["status", "number", "date"])
    returned = Approval.objects.filter(status="on_revision").values("document_id")
    Document.objects.filter(pk__in=returned, status="on_approval").update(status="returned")


def backwards(apps, schema_editor):
    # The old code reads "returned" as nothing it knows; the drafts stay drafts (the numbers
    # were never registrations).
    Document = apps.get_model("documents", "Document")
    Document.objects.filter(status="returned").update(status="on_approval")


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_lifecycle"),
        ("documents", "0003_lifecycle"),
        ("registry", "0002_retention_rules"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
