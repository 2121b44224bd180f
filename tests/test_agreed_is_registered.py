"""A property of every process (conclusion, order, amendment, plan, outgoing letter) and both
ways of revising a returned document (the edited form; an uploaded .docx): the registered
version's clauses and tables are those of the version the last round agreed, and its file's
text differs from the agreed file's only by the requisites the record added (stamp, signature,
date and number).

Hypothesis writes the correction; every example runs the whole process through the pages as
the real roles."""

import collections
import io
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.gost import BLANK_REGISTRATION, registration_line, signature_text
from conclusions.flows import ExpertConclusionFlow
from correspondence.documents import BLANK_REGISTRATION as LETTER_BLANK
from correspondence.flows import LetterFlow
from documents.models import Document, DocumentVersion
from documents.rendering import stamp_lines
from documents.selectors import document_outline
from orders.flows import AmendmentFlow, OrderFlow
from plans.flows import PlanFlow
from plans.models import Plan
from plans.periods import Period
from plans.services import add_item, create_plan
from workflows.models import Approval

from .docx_factory import to_bytes
from .workflow_helpers import CONCLUSION, ORDER, act, client_for, decide, open_task, rows

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"
WORDS = st.lists(
    st.sampled_from(
        "уточнить сроки проведения мониторинга результаты олимпиады методического совета "
        "дополнить перечень заданий «ФГОС» № 5 2026/2027 учебный год".split()
    ),
    min_size=2,
    max_size=8,
).map(lambda words: " ".join(words).capitalize() + ".")
EXAMPLES = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- each process: how it starts, who returns it, how it is revised ---------------------------


def _start_conclusion(s, text):
    data = {**CONCLUSION, "experts": [s["methodist"].pk], "theses": text}
    return _started(ExpertConclusionFlow, s["methodist"], data)


def _start_order(s, text):
    form = {**ORDER, **rows("items", text, "Провести семинар.")}
    return _started(OrderFlow, s["methodist"], form)


def _start_amendment(s, text):
    data = {"regulation": s["regulation"].pk, "control": "Контроль оставляю за собой."}
    data.update(_rows({"op": "set", "clause": "3.1", "text": text}))
    return _started(AmendmentFlow, s["methodist"], data)


def _start_plan(s, text):
    deputy = s["deputy"]
    plan = create_plan(owner=deputy, title=f"План {text}", period=Period("school", "year", 2026))
    add_item(plan, user=deputy, activity=text, due_text="май", responsible=[s["methodist"]])
    add_item(plan, user=deputy, activity="Семинар", due_text="март", responsible=[s["senior"]])
    return _started(PlanFlow, deputy, {"plan": plan.pk})


def _start_letter(s, text):
    from registry import services as registry_services
    from registry.models import Journal

    centre = s["methodist"].organization
    if not Journal.objects.filter(organization=centre, kind=Journal.Kind.OUTGOING).exists():
        registry_services.save_journal(
            Journal(
                organization=centre,
                name="Исходящие",
                kind=Journal.Kind.OUTGOING,
                number_template="{n}-исх",
                default_case_index="01-01",
            )
        )
    data = {
        "partner_organization": centre.parent_id,
        "addressee": "Начальнику Управления образования",
        "title": "О проведении мониторинга",
        "text": text,
    }
    return _started(LetterFlow, s["methodist"], data)


def _started(flow, user, data):
    response = client_for(user).post(flow.start.reverse("execute"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Approval.objects.filter(initiator=user).latest("pk")


def _rows(*changes, name="operations"):
    return rows(name, *changes)


PROCESSES = {
    # kind: (start, who decides first (returns), who decides after)
    "conclusion": (_start_conclusion, ["deputy"], ["head"]),
    "order": (_start_order, [], ["head"]),
    "amendment": (_start_amendment, [], ["senior", "head"]),
    "plan": (_start_plan, [], ["head"]),
    "letter": (_start_letter, [], ["head"]),
}


def _return(s, approval, kind):
    _start, before, after = PROCESSES[kind]
    for name in before:
        assert decide(s[name], approval).status_code == 302
    assert decide(s[after[0]], approval, "return", "Уточните формулировку.").status_code == 302
    return open_task(approval.initiator, approval, purpose="revision")


def _agree(s, approval, kind):
    _start, before, after = PROCESSES[kind]
    for name in before + after:
        assert decide(s[name], approval).status_code == 302


def _revise_by_form(s, approval, kind, step, text):
    user = approval.initiator
    if kind == "plan":
        item = approval.document.plan.items.order_by("order").first()
        edited = client_for(user).post(
            f"/plans/items/{item.pk}/edit/",
            {"activity": text, "due_text": "апрель", "responsible": [s["methodist"].pk]},
        )
        assert edited.status_code == 302, edited.content.decode()[:2000]
        return act(user, step, {"mode": "file", "comment": "Пункты исправлены"})
    form = approval.form
    if kind == "conclusion":
        fields = {f"edit-{k}": v for k, v in CONCLUSION.items()}
        fields.update({"edit-experts": [s["methodist"].pk], "edit-conclusion": text})
    elif kind == "order":
        fields = {
            "edit-title": form["title"],
            "edit-preamble": form["preamble"],
            **rows("edit-items", text, "Провести семинар для педагогов."),
            "edit-control": form["control"],
        }
    elif kind == "letter":
        fields = {
            "edit-partner_organization": form["partner_organization"],
            "edit-addressee": form["addressee"],
            "edit-title": form["title"],
            "edit-text": text,
        }
    else:
        fields = {"edit-control": form["control"], "edit-preamble": text}
        fields.update(_rows({"op": "set", "clause": "3.1", "text": text}, name="edit-operations"))
    return act(user, step, {"mode": "form", **fields})


def _revise_by_upload(s, approval, kind, step, text):
    user = approval.initiator
    response = client_for(user).get(f"/documents/{approval.document_id}/download/")
    out = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    if kind == "plan":
        cell = out.tables[-1].rows[1].cells[1]  # the first item's activity
        cell.text = text
    else:
        paragraph = next(p for p in out.paragraphs if p.text.startswith(("1.", "4.", "Тезисы")))
        paragraph.add_run(f" {text}")
    upload = SimpleUploadedFile("исправлено.docx", to_bytes(out))
    return act(user, step, {"mode": "file", "comment": "Исправлено"}, {"file": upload})


# --- the property ----------------------------------------------------------------------------


def _lines(version) -> collections.Counter:
    with version.file.open("rb") as handle:
        out = docx.Document(io.BytesIO(handle.read()))
    texts = [p.text for p in out.paragraphs]
    texts += [c.text for t in out.tables for r in t.rows for c in r.cells]
    return collections.Counter(line for text in texts for line in text.split("\n") if line)


def _requisite_lines(document, requisites) -> set[str]:
    lines = set()
    if requisites.get("approval"):
        lines |= set(stamp_lines(document, requisites["approval"]))
    if requisites.get("signature"):
        lines.add(signature_text(requisites["signature"]))
    if requisites.get("registration"):
        registration = requisites["registration"]
        lines |= {registration_line(registration, tab=True), registration_line(registration)}
    return lines


def _assert_registered_is_agreed(approval, text):
    approval.refresh_from_db()
    document = Document.objects.get(pk=approval.document_id)
    assert approval.status in (Approval.Status.DONE, Approval.Status.APPROVED)
    assert document.status == Document.Status.REGISTERED and document.number
    last_round = approval.steps.filter(purpose="decision", round=approval.round)
    agreed = {step.version_id for step in last_round}
    assert len(agreed) == 1
    agreed = DocumentVersion.objects.get(pk=agreed.pop())
    final = document.current_version
    assert final.structure["base_version"] == agreed.number
    # Clauses and tables: equal.
    assert document_outline(final, with_tables=True) == document_outline(agreed, with_tables=True)
    assert final.structure.get("tables") == agreed.structure.get("tables")
    assert [i.activity for i in final.plan_items.all()] == [
        i.activity for i in agreed.plan_items.all()
    ]
    # The file's text: only the requisites differ (and the blank they fill).
    added, removed = _lines(final) - _lines(agreed), _lines(agreed) - _lines(final)
    allowed = _requisite_lines(document, final.structure["requisites"])
    assert set(added) <= allowed, set(added) - allowed
    assert set(removed) <= {BLANK_REGISTRATION, LETTER_BLANK, ""}, removed
    assert text in "\n".join(_lines(final))


@pytest.mark.parametrize("kind", list(PROCESSES))
@pytest.mark.parametrize("path", ["form", "upload"])
@given(first=WORDS, correction=WORDS)
@EXAMPLES
def test_the_registered_version_is_the_agreed_one(setting, kind, path, first, correction):
    s = setting
    approval = PROCESSES[kind][0](s, first)
    step = _return(s, approval, kind)
    if kind in ("amendment", "letter") and path == "upload":
        # The amending order is built from its changes, which are what takes effect, and a
        # letter from its form: a file cannot stand in for them, so the upload is refused and
        # nothing is stored.
        versions = DocumentVersion.objects.count()
        upload = SimpleUploadedFile("v.docx", b"PK\x03\x04 not looked at")
        response = act(approval.initiator, step, {"mode": "file"}, {"file": upload})
        assert response.status_code == 200
        if kind == "amendment":
            assert "перечня изменений" in response.content.decode()
        assert DocumentVersion.objects.count() == versions
        return
    revise = _revise_by_form if path == "form" else _revise_by_upload
    response = revise(s, approval, kind, step, correction)
    assert response.status_code == 302, response.content.decode()[:3000]
    _agree(s, approval, kind)
    _assert_registered_is_agreed(approval, correction)
    if kind == "plan":
        plan = Plan.objects.get(document=approval.document_id)
        assert plan.status == Plan.Status.APPROVED
        assert correction in [item.activity for item in plan.items.all()]


def test_refused_revisions_store_nothing(setting, settings):
    from .test_lifecycle import snapshot

    s = setting
    plan_approval = _start_plan(s, "Мониторинг адаптации.")
    plan_step = _return(s, plan_approval, "plan")
    conclusion = _start_conclusion(s, "Тезисы.")
    conclusion_step = _return(s, conclusion, "conclusion")
    before = snapshot(settings)
    # A corrected plan naming somebody who is not on the staff: its items could not be
    # assigned, so the file is refused before anything is stored.
    response = client_for(plan_approval.initiator).get(
        f"/documents/{plan_approval.document_id}/download/"
    )
    out = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    out.tables[-1].rows[1].cells[3].text = "Неизвестный И.И."
    upload = SimpleUploadedFile("план.docx", to_bytes(out))
    refused = act(plan_approval.initiator, plan_step, {"mode": "file"}, {"file": upload})
    assert refused.status_code == 200 and "Неизвестный" in refused.content.decode()
    # A .txt cannot carry the stamp and the number.
    upload = SimpleUploadedFile("заключение.txt", "ЗАКЛЮЧЕНИЕ\nТекст".encode())
    refused = act(conclusion.initiator, conclusion_step, {"mode": "file"}, {"file": upload})
    assert refused.status_code == 200 and ".docx" in refused.content.decode()
    assert snapshot(settings) == before
    for step in (plan_step, conclusion_step):  # both tasks wait for a good correction
        step.refresh_from_db()
        assert step.decided_at is None


@pytest.mark.parametrize("kind", ["conclusion", "order"])
def test_a_draft_of_an_earlier_wording_is_stamped_as_it_was_agreed(setting, kind, monkeypatch):
    """A generator's wording changes while documents are on approval (issue 18 changes what
    conclusions and orders say): the documents agreed in the earlier wording are stamped and
    registered in it, not rebuilt in the new one."""
    from documents import requisites

    s = setting
    approval = PROCESSES[kind][0](s, "Уточнить сроки проведения мониторинга.")
    generator = approval.document.current_version.structure["generator"]
    build = requisites.GENERATORS[generator]

    def reworded(form, document, given):
        generated = build(form, document, given)
        for section in generated.content["sections"]:
            section["text"] = section["text"].upper()
            for clause in section["clauses"]:
                clause["text"] = clause["text"].upper()
        return generated

    monkeypatch.setitem(requisites.GENERATORS, generator, reworded)
    monkeypatch.setitem(
        requisites.GENERATOR_VERSIONS, generator, requisites.GENERATOR_VERSIONS[generator] + 1
    )
    _agree(s, approval, kind)
    _assert_registered_is_agreed(approval, "Уточнить сроки проведения мониторинга.")
