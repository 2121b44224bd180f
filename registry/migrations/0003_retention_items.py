"""The item of the article where the list gives one (issue 18): orders on main activity are
ст. 19а of the Перечень (Росархив order of 20.12.2019 № 236); the item for orders on
administrative matters is left to the expert commission (marked to be checked). Only rows
still as 0002 loaded them are changed: an organisation's own edits stay."""

from django.db import migrations

CHANGES = [
    # (title, article before, fields after)
    ("Приказы по основной деятельности", "19", {"article": "19а"}),
    (
        "Приказы по административно-хозяйственным вопросам",
        "19",
        {"needs_check": True, "note": "Пункт статьи 19 уточняется экспертной комиссией"},
    ),
]


def forwards(apps, schema_editor):
    RetentionRule = apps.get_model("registry", "RetentionRule")
    for title, article, fields in CHANGES:
        RetentionRule.objects.filter(title=title, article=article).update(**fields)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_retention_rules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
