"""The expert conclusion's flow moved from workflows.flows to this app, and the node after
registration is the approval loop's `after_registration` (was `publication`): the strings
Viewflow stored for running and finished processes follow (reversible)."""

from django.db import migrations

from workflows.flow_refs import move_flow, unmove_flow

OLD, NEW = "workflows/flows.ExpertConclusionFlow", "conclusions/flows.ExpertConclusionFlow"
RENAMES = [("publication", "after_registration")]


class Migration(migrations.Migration):
    dependencies = [("workflows", "0008_kinds_registered"), ("viewflow", "0015_task_scheduled")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: move_flow(editor, OLD, NEW, RENAMES),
            lambda apps, editor: unmove_flow(editor, OLD, NEW, RENAMES),
        )
    ]
