"""The tantivy index has a new layout (layout 2: pairs of neighbouring lemmas as terms), kept
in a directory of its own: every document goes through the outbox once more, so the drain (the
worker or the embedded schedule) fills the new index in the background after an upgrade."""

from django.conf import settings
from django.db import migrations

CHUNK = 10_000


def forwards(apps, schema_editor):
    if settings.SEARCH_BACKEND != "tantivy":
        return  # the other engines' entries are unchanged
    Document = apps.get_model("documents", "Document")
    IndexTask = apps.get_model("search", "IndexTask")
    ids = Document.objects.exclude(status="destroyed").order_by("pk").values_list("pk", flat=True)
    chunk = []
    for pk in ids.iterator(chunk_size=CHUNK):
        chunk.append(IndexTask(document_id=pk, action="index"))
        if len(chunk) == CHUNK:
            IndexTask.objects.bulk_create(chunk)
            chunk = []
    IndexTask.objects.bulk_create(chunk)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_bank_grants")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
