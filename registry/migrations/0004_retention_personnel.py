from django.db import migrations, models


def mark_personnel(apps, schema_editor):
    # Article 434 of the Перечень (order of Росархив № 236): orders on personnel, 50/75 years.
    apps.get_model("registry", "RetentionRule").objects.filter(article="434").update(personnel=True)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_retention_items")]

    operations = [
        migrations.AddField(
            model_name="retentionrule",
            name="personnel",
            field=models.BooleanField(default=False, verbose_name="documents on personnel"),
        ),
        migrations.RunPython(mark_personnel, migrations.RunPython.noop),
    ]
