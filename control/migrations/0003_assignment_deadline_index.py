# The lists of поручения in the order they are shown (deadline, id): a head's first page is read
# from this index instead of sorting every visible row.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("control", "0002_production_calendar")]

    operations = [
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(fields=["deadline", "id"], name="control_ass_deadlin_c45590_idx"),
        ),
    ]
