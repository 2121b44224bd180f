"""A bank publication opens its document by grants of the documents app now (visibility is
data): one per organisation it is meant for, or one for everyone; none while restricted."""

from django.db import migrations


def forwards(apps, schema_editor):
    Publication = apps.get_model("search", "Publication")
    Grant = apps.get_model("documents", "Grant")
    rows = []
    for publication in Publication.objects.filter(restricted=False).prefetch_related(
        "organizations"
    ):
        organizations = [o.pk for o in publication.organizations.all()]
        common = {"document_id": publication.document_id, "source": "bank"}
        common["source_id"] = publication.pk
        rows += [Grant(organization_id=pk, **common) for pk in organizations] or [
            Grant(everyone=True, **common)
        ]
    Grant.objects.bulk_create(rows, batch_size=1000)


def backwards(apps, schema_editor):
    apps.get_model("documents", "Grant").objects.filter(source="bank").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_phrase_keys"),
        ("documents", "0004_grants"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
