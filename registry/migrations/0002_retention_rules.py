import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "retention.json"


def load(apps, schema_editor):
    RetentionRule = apps.get_model("registry", "RetentionRule")
    for entry in json.loads(DATA.read_text(encoding="utf-8")):
        RetentionRule.objects.get_or_create(
            article=entry["article"], title=entry["title"],
            defaults={k: entry[k] for k in ("years", "epk", "note", "needs_check")},
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
