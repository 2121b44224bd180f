"""The order's and the amendment's flows moved from workflows.flows to this app; in the approval
loop the signing node is `approved` (was `signed`) and each flow's node after registration is
`after_registration` (was `needs_acknowledgement`, `enactment`): the strings Viewflow stored
for running and finished processes follow (reversible)."""

from django.db import migrations

from workflows.flow_refs import move_flow, unmove_flow

FLOWS = [
    (
        "workflows/flows.OrderFlow",
        "orders/flows.OrderFlow",
        [("signed", "approved"), ("needs_acknowledgement", "after_registration")],
    ),
    (
        "workflows/flows.AmendmentFlow",
        "orders/flows.AmendmentFlow",
        [("signed", "approved"), ("enactment", "after_registration")],
    ),
]


def forwards(apps, schema_editor):
    for old, new, renames in FLOWS:
        move_flow(schema_editor, old, new, renames)


def backwards(apps, schema_editor):
    for old, new, renames in FLOWS:
        unmove_flow(schema_editor, old, new, renames)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0008_kinds_registered"), ("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(forwards, backwards)]
