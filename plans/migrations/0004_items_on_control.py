"""Items of plans approved before control of execution existed become its поручения (one
control for everything), done when the item is done."""

from django.db import migrations
from django.utils import timezone


def forward(apps, schema_editor):
    Item = apps.get_model("plans", "Item")
    Assignment = apps.get_model("control", "Assignment")
    made = []
    items = Item.objects.filter(plan__status="approved").select_related("plan")
    for item in items.prefetch_related("responsible"):
        plan = item.plan
        people = [p for p in item.responsible.all() if p.organization_id == plan.organization_id]
        for index, person in enumerate(people):
            done = item.completed_at is not None
            made.append(
                Assignment(
                    organization_id=plan.organization_id,
                    document_id=plan.document_id,
                    source="plan",
                    source_id=item.pk,
                    text=item.activity,
                    executor_id=person.pk,
                    role="responsible" if index == 0 else "co_executor",
                    unit_id=person.unit_id,
                    controller_id=plan.owner_id,
                    author_id=plan.owner_id,
                    deadline=item.due_on,
                    original_deadline=item.original_due_on or item.due_on,
                    status="done" if done else "open",
                    created_at=item.assigned_at or plan.approved_at or timezone.now(),
                    reported_at=item.completed_at,
                    report=item.report,
                    result_document_id=item.result_document_id,
                    completed_on=timezone.localdate(item.completed_at) if done else None,
                    closed_at=item.completed_at,
                    closed_by_id=item.completed_by_id,
                )
            )
    Assignment.objects.bulk_create(made, batch_size=500)


def backward(apps, schema_editor):
    apps.get_model("control", "Assignment").objects.filter(source="plan").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_item_section"),
        ("control", "0002_production_calendar"),
    ]
    operations = [migrations.RunPython(forward, backward)]
