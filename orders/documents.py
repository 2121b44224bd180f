"""The order the processes write (the order, the amending order), built from its form: title
«О …», preamble, ПРИКАЗЫВАЮ, numbered items (an amending order's item lists the changes), the
control clause, the executors; the signature once signed."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import KIND_HEADINGS, para, text, write_outline
from common.text import lines
from documents.models import Document
from documents.rendering import closing, opening
from documents.requisites import Generated

# Stored in every generated version's structure: never renamed (it predates this app).
GENERATOR = "workflows.order"


def order_content(form) -> dict:
    items = list(form["items"])
    clauses = [
        {"number": str(i), "text": item}
        for i, item in enumerate(items, start=1)
    ]
    if form.get("control"):
        clauses.append({"number": str(len(items) + 1), "text": form["control"]})
    sections = [{"number": None, "title": "", "text": "", "clauses": clauses}]
    if form.get("executors"):
        sections.append(
            {
                "number": None,
                "title": "",
                "text": f"Ответственные за исполнение: {', '.join(form['executors'])}.",
                "clauses": [],
            }
        )
    return {
        "preamble": "\n".join(lines(form.get("preamble"))),
        "sections": sections,
        "tables": [],
        "plan_items": [],
    }


def build_order(form, document, requisites) -> Generated:
    content = order_content(form)
    out = opening(document, requisites, KIND_HEADINGS[Document.Kind.ORDER], None)
    para(
        out,
        form["title"],
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=6,
        space_after=12,
    )
    for line in content["preamble"].split("\n"):
        if line:
            text(out, line)
    para(out, "ПРИКАЗЫВАЮ:", space_before=6, space_after=6)
    write_outline(out, content["sections"], content["tables"], centred_headings=False)
    return Generated(closing(out, document, requisites), content)
