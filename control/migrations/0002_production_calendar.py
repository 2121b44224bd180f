"""The production calendar shipped for 2026 and 2027 (the administrator edits it in the admin
when the government's decree on moved days is published)."""

import datetime

from django.db import migrations

# 2026: holidays of art. 112 of the Labour Code and Постановление Правительства РФ от
# 24.09.2025 № 1466 (3 January moved to 9 January, 4 January to 31 December).
# 2027: art. 112 only (a holiday on a weekend moves to the next working day; the January
# weekend holidays wait for the decree).
DAYS_OFF = {
    2026: [
        ("01-01", "Новогодние каникулы"), ("01-02", "Новогодние каникулы"),
        ("01-05", "Новогодние каникулы"), ("01-06", "Новогодние каникулы"),
        ("01-07", "Рождество Христово"), ("01-08", "Новогодние каникулы"),
        ("01-09", "Перенос с 3 января"), ("02-23", "День защитника Отечества"),
        ("03-09", "Перенос с 8 марта"), ("05-01", "Праздник Весны и Труда"),
        ("05-11", "Перенос с 9 мая"), ("06-12", "День России"),
        ("11-04", "День народного единства"), ("12-31", "Перенос с 4 января"),
    ],
    2027: [
        ("01-01", "Новогодние каникулы"), ("01-04", "Новогодние каникулы"),
        ("01-05", "Новогодние каникулы"), ("01-06", "Новогодние каникулы"),
        ("01-07", "Рождество Христово"), ("01-08", "Новогодние каникулы"),
        ("02-23", "День защитника Отечества"), ("03-08", "Международный женский день"),
        ("05-03", "Перенос с 1 мая"), ("05-10", "Перенос с 9 мая"),
        ("06-14", "Перенос с 12 июня"), ("11-04", "День народного единства"),
    ],
}


def ship(apps, schema_editor):
    CalendarDay = apps.get_model("control", "CalendarDay")
    for year, days in DAYS_OFF.items():
        for day, note in days:
            date = datetime.date.fromisoformat(f"{year}-{day}")
            CalendarDay.objects.get_or_create(date=date, defaults={"kind": "holiday", "note": note})


def unship(apps, schema_editor):
    CalendarDay = apps.get_model("control", "CalendarDay")
    for year, days in DAYS_OFF.items():
        dates = [datetime.date.fromisoformat(f"{year}-{day}") for day, _note in days]
        CalendarDay.objects.filter(date__in=dates).delete()


class Migration(migrations.Migration):
    dependencies = [("control", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
