"""The plan's document: its table under the approval stamp «УТВЕРЖДЕН», built from the rows
taken into the form when the plan is sent or revised (documents.rendering.render_revision)."""

from documents.rendering import render_revision
from documents.requisites import Generated
from workflows.sheet import signer

from .rendering import due_words, responsible_words

# Stored in every generated version's structure: never renamed (it predates this app).
GENERATOR = "workflows.plan"


def plan_rows(plan) -> list[dict]:
    """The plan's items as the rows of its document (taken into the form when it is sent or
    revised, so the approved document is built from the items as they were agreed)."""
    return [
        {
            "number": item.number,
            "activity": item.activity,
            "due": due_words(item),
            "responsible": responsible_words(item),
            "result_form": item.result_form,
            "section": item.section,
        }
        for item in plan.items.prefetch_related("responsible").order_by("order", "pk")
    ]


def build_plan(form, document, requisites) -> Generated:
    rows = [dict(row) for row in form["rows"]]
    content = {"preamble": "", "sections": [], "tables": [], "plan_items": rows}
    data = render_revision(
        document,
        structure={},
        outline=[],
        plan_items=rows,
        stamp=requisites.get("approval"),
        registration=requisites.get("registration"),
        executor=document.author,
    )
    return Generated(data, content)


def plan_stamp(step) -> dict:
    """«УТВЕРЖДЕН», the head's position, name and the date of the decision."""
    return {"stamp": "УТВЕРЖДАЮ", **signer(step)}
