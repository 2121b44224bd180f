from django.db import migrations

# Seed 004 §3.2 (normative-legal, scientific-methodical, methodical and other information) and
# seed 002 §2.2, §2.8, §2.9 (databases of services, olympiad results, advanced experience).
CATEGORIES = [
    ("normative", "Нормативно-правовая информация"),
    ("scientific", "Научно-методическая информация"),
    ("methodical", "Методическая информация"),
    ("experience", "Передовой педагогический опыт"),
    ("monitoring", "Результаты мониторинга"),
    ("olympiads", "Результаты олимпиад"),
    ("services", "Базы данных услуг"),
    ("other", "Другая информация"),
]


def load(apps, schema_editor):
    BankCategory = apps.get_model("search", "BankCategory")
    for order, (code, name) in enumerate(CATEGORIES):
        BankCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("search", "0003_bank")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
