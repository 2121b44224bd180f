"""The outgoing letter on the organisation's letter blank (ГОСТ Р 7.0.97-2025, requisites of a
letter): the organisation's name and its reference data at the top left, the date and number
(blank until registered) and «На № … от …» under them, the addressee at the top right, the
heading to the text, the text, the signature once signed, the executor with the phone."""

import docx

from common import gost
from common.russian import ru_date
from common.text import lines, xml_safe
from documents.rendering import executor_note, qr_payload
from documents.requisites import Generated

# Stored in every generated version's structure: never renamed.
GENERATOR = "correspondence.letter"
# Raised with every change of what the generator writes from the same form.
WORDING = 1
# The date and number line of a letter not registered yet (the registry fills it).
BLANK_REGISTRATION = "____________ № ____________"


def letter_content(form) -> dict:
    paragraphs = lines(form.get("text") or "")
    return {
        "preamble": "",
        "sections": [
            {"number": None, "title": "", "text": "\n".join(paragraphs), "clauses": []}
        ],
        "tables": [],
        "plan_items": [],
    }


def reference_lines(organization) -> list[str]:
    """The reference data under the organisation's name (requisite 09)."""
    found = [organization.address]
    contacts = ", ".join(
        p for p in (f"тел. {organization.phone}" if organization.phone else "", organization.email)
        if p
    )
    return [line for line in (*found, contacts) if line]


def reply_line(form) -> str:
    if not form.get("reply_number") and not form.get("reply_date"):
        return ""
    parts = ["На №", form.get("reply_number") or "________"]
    if form.get("reply_date"):
        parts += ["от", ru_date(form["reply_date"])]
    return " ".join(parts)


def build_letter(form, document, requisites) -> Generated:
    content = letter_content(form)
    out = docx.Document()
    gost.page_setup(out)
    organization = document.organization
    table = out.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(xml_safe(organization.name)).bold = True
    for line in reference_lines(organization):
        gost.para(None, line, container=left, size=11)
    registration = requisites.get("registration")
    gost.para(
        None,
        gost.registration_line(registration) if registration else BLANK_REGISTRATION,
        container=left,
        space_before=6,
    )
    if reply_line(form):
        gost.para(None, reply_line(form), container=left)
    gost.fill_cell(right, lines(form.get("addressee") or "") or [""])
    gost.para(out, "")
    if form.get("title"):
        gost.para(out, form["title"], space_before=6, space_after=12)
    for line in content["sections"][0]["text"].split("\n"):
        if line:
            gost.text(out, line)
    if requisites.get("signature"):
        gost.signature_block(out, requisites["signature"])
    if document.pk:
        gost.add_qr(out, qr_payload(document))
    executor = document.author
    if executor is not None:
        executor_note(out, executor)
    return Generated(gost.saved(out), content)
