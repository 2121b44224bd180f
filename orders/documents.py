"""The order the processes write (the order, the amending order), built from its form: title
«О …», preamble, ПРИКАЗЫВАЮ, numbered items (an amending order's item lists the changes), the
control clause, the executors; the signature once signed."""

from docx.enum.text import WD_ALIGN_PARAGRAPH

from common.gost import KIND_HEADINGS, para, text, write_outline
from common.russian import person_gender, person_in_case
from common.text import lines
from documents.models import Document
from documents.rendering import closing, opening
from documents.requisites import Generated

# Stored in every generated version's structure: never renamed (it predates this app).
GENERATOR = "workflows.order"


# Raised with every change of what the generator writes from the same form (documents.
# requisites.GENERATOR_VERSIONS): 2 names the executors in a numbered item before the control
# clause, in the accusative, and closes the preamble with a comma before ПРИКАЗЫВАЮ.
WORDING = 2


def order_content(form) -> dict:
    items = list(form["items"])
    if form.get("executors"):
        items.append(executors_item(form["executors"]))
    if form.get("control"):
        items.append(form["control"])
    clauses = [{"number": str(i), "text": item} for i, item in enumerate(items, start=1)]
    return {
        "preamble": _preamble(form.get("preamble")),
        "sections": [{"number": None, "title": "", "text": "", "clauses": clauses}],
        "tables": [],
        "plan_items": [],
    }


def executors_item(names) -> str:
    """«Назначить ответственными за исполнение настоящего приказа О.А. Иванову, А.С.
    Петрова.»: the people in the accusative, the word agreeing with them."""
    people = [person_in_case(name, "accs") for name in names]
    if len(people) > 1:
        word = "ответственными"
    else:
        word = "ответственной" if person_gender(names[0]) == "femn" else "ответственным"
    return f"Назначить {word} за исполнение настоящего приказа {', '.join(people)}."


def _preamble(text) -> str:
    """The preamble leads into ПРИКАЗЫВАЮ: its last line ends with a comma."""
    parts = lines(text)
    if parts and parts[-1][-1:] not in ",.:;!?":
        parts[-1] += ","
    return "\n".join(parts)


def build_order(form, document, requisites) -> Generated:
    content = order_content(form)
    out = opening(document, requisites, KIND_HEADINGS[Document.Kind.ORDER], None, order=True)
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
