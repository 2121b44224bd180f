"""The plan's flow moved from workflows.flows to this app, and its node after registration is
the approval loop's `after_registration` (was `assignment`): the strings Viewflow stored for
running and finished processes follow (reversible)."""

from django.db import migrations

from workflows.flow_refs import move_flow, unmove_flow

OLD, NEW = "workflows/flows.PlanFlow", "plans/flows.PlanFlow"
RENAMES = [("assignment", "after_registration")]


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("workflows", "0008_kinds_registered"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, editor: move_flow(editor, OLD, NEW, RENAMES),
            lambda apps, editor: unmove_flow(editor, OLD, NEW, RENAMES),
        )
    ]
