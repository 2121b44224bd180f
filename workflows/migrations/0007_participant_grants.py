"""Approval participants read the draft by a grant of the documents app now (visibility is
data): one grant per participant of every approval."""

from django.db import migrations


def forwards(apps, schema_editor):
    Approval = apps.get_model("workflows", "Approval")
    Grant = apps.get_model("documents", "Grant")
    through = Approval.participants.through
    Grant.objects.bulk_create(
        [
            Grant(document_id=document_id, user_id=user_id, source="approval", source_id=pk)
            for pk, document_id, user_id in through.objects.values_list(
                "approval_id", "approval__document_id", "user_id"
            )
        ],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    apps.get_model("documents", "Grant").objects.filter(source="approval").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0006_document_process"),
        ("documents", "0004_grants"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
