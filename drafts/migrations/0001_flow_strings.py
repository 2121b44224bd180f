"""The document approval's flow moved from workflows.flows_document to this app (its URL label
is `document` now, was `flows_document/document`), and its completion is the approval loop's
`after_registration` (was `finish`): the strings Viewflow stored and the links notifications
keep follow (reversible)."""

from django.db import migrations

from workflows.flow_refs import move_flow, move_urls, unmove_flow

OLD, NEW = "workflows/flows_document.DocumentFlow", "drafts/flows.DocumentFlow"
RENAMES = [("finish", "after_registration")]
OLD_URLS, NEW_URLS = "/workflow/flows/flows_document/document/", "/workflow/flows/document/"


def forwards(apps, schema_editor):
    move_flow(schema_editor, OLD, NEW, RENAMES)
    move_urls(schema_editor, OLD_URLS, NEW_URLS)


def backwards(apps, schema_editor):
    unmove_flow(schema_editor, OLD, NEW, RENAMES)
    move_urls(schema_editor, NEW_URLS, OLD_URLS)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0008_kinds_registered"), ("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(forwards, backwards)]
