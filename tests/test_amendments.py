"""Amendments to a regulation: operations, validation, redline, the order's wording, the
consolidated revision with its notes, conflicts, and the revision's round trip through .docx."""

import datetime
from pathlib import Path

import pytest

from documents import amendments, services
from documents.importer import analyse, extract
from documents.models import Amendment, Document
from documents.selectors import document_outline

from .record_helpers import approved

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"

NEW_31 = "Аналитическая деятельность: мониторинг качества образования."
NEW_37 = "Деятельность в сфере дополнительного профессионального образования педагогов."
OPERATIONS = [
    {"op": "set", "clause": "3.1", "text": NEW_31},
    {"op": "add", "clause": "3.7", "text": NEW_37},
    {"op": "replace", "clause": "5.3", "words": "старший методист", "replacement": "заведующий"},
    {"op": "repeal", "clause": "5.7"},
]


@pytest.fixture
def regulation(org_tree):
    path = next(SEEDS.glob("004_*.txt"))
    return approved(  # in force: approved on paper, entered from the archive
        services.create_document(
            organization=org_tree["authority"], name=path.name, data=path.read_bytes()
        )
    )


def clauses(version_or_outline):
    outline = (
        version_or_outline
        if isinstance(version_or_outline, list)
        else document_outline(version_or_outline)
    )
    return {c["number"]: c for s in outline for c in s["clauses"]}


def signed(regulation, operations, *, number="01-12/5", date=datetime.date(2027, 2, 1), **kw):
    """An amendment whose order is signed and registered (as the workflow leaves it)."""
    amendment = services.draft_amendment(regulation, operations, **kw)
    order = Document.objects.create(
        organization=regulation.organization,
        kind=Document.Kind.ORDER,
        title="О внесении изменений",
        number=number,
        date=date,
        status=Document.Status.REGISTERED,
    )
    amendment.order, amendment.status = order, Amendment.Status.SIGNED
    amendment.save()
    return amendment


def test_each_operation_kind_and_the_notes_in_the_new_revision(regulation):
    before = clauses(regulation.current_version)
    amendment = services.apply_amendment(signed(regulation, OPERATIONS))
    assert amendment.status == Amendment.Status.APPLIED
    regulation.refresh_from_db()
    revision = regulation.current_version
    assert revision.number == 2 and amendment.result_version == revision
    after = clauses(revision)
    assert after["3.1"]["text"] == NEW_31
    assert after["3.1"]["note"] == "(п. 3.1 в ред. приказа от 01.02.2027 № 01-12/5)"
    assert after["3.7"]["text"] == NEW_37
    assert after["3.7"]["note"] == "(п. 3.7 введён приказом от 01.02.2027 № 01-12/5)"
    assert "заведующий" in after["5.3"]["text"] and "старший методист" not in after["5.3"]["text"]
    assert after["5.7"]["text"] == "Утратил силу." and after["5.7"]["repealed"]
    assert after["5.7"]["note"].startswith("(п. 5.7 утратил силу")
    # Nothing renumbered; the new clause sits after 3.6, before section 4; others untouched.
    numbers = [c for c in after]
    assert numbers.index("3.7") == numbers.index("3.6") + 1
    assert set(numbers) == set(before) | {"3.7"}
    assert after["2.1"] == {**before["2.1"]}
    assert revision.structure["revision_header"] == "(в ред. приказа от 01.02.2027 № 01-12/5)"
    # The earlier revision stays as it was.
    assert clauses(regulation.versions.get(number=1))["3.1"] == before["3.1"]


def test_validation_lists_every_problem_and_stores_nothing(regulation):
    bad = [
        {"op": "set", "clause": "9.9", "text": "…"},
        {"op": "add", "clause": "3.1", "text": "…"},
        {"op": "replace", "clause": "4.2", "words": "нет таких слов", "replacement": "x"},
        {"op": "repeal", "clause": "абв"},
        {"op": "set", "clause": "1.1", "text": ""},
        {"op": "drop", "clause": "1.1"},
    ]
    with pytest.raises(amendments.AmendmentInvalid) as refused:
        services.draft_amendment(regulation, bad)
    errors = refused.value.errors
    assert len(errors) == 6
    assert "9.9" in errors[0] and "нет пункта" in errors[0]
    assert "уже есть" in errors[1]
    assert "нет таких слов" in errors[2]
    assert not Amendment.objects.exists()
    # Operations apply in order: a clause added first can be changed by the next operation,
    # a repealed one cannot be changed again.
    assert not amendments.check(
        document_outline(regulation.current_version),
        [
            {"op": "add", "clause": "3.7", "text": "Новый пункт."},
            {"op": "replace", "clause": "3.7", "words": "Новый", "replacement": "Другой"},
        ],
    )
    assert amendments.check(
        document_outline(regulation.current_version),
        [{"op": "repeal", "clause": "5.7"}, {"op": "set", "clause": "5.7", "text": "x"}],
    )


def test_redline_and_preview(regulation):
    outline = document_outline(regulation.current_version)
    new = amendments.consolidate(outline, OPERATIONS)
    rows = {row["number"]: row for row in amendments.compare(outline, new)}
    assert set(rows) == {"3.1", "3.7", "5.3", "5.7"}
    assert rows["3.7"]["status"] == "added" and f"<ins>{NEW_37}</ins>" in rows["3.7"]["html"]
    assert rows["5.7"]["status"] == "repealed"
    assert "<del>старший методист,</del>" in rows["5.3"]["html"] or (
        "<del>старший" in rows["5.3"]["html"] and "<ins>заведующий" in rows["5.3"]["html"]
    )
    assert amendments.redline("а б в", "а x в") == "а <del>б</del> <ins>x</ins> в"
    assert amendments.redline("<b>", "<i>") == "<del>&lt;b&gt;</del> <ins>&lt;i&gt;</ins>"


def test_order_wording(regulation):
    text = amendments.order_item(
        "Положение о методической службе", datetime.date(2017, 8, 31), "69/1", OPERATIONS
    )
    assert text == (
        "Внести в Положение о методической службе, утверждённое приказом от 31.08.2017 № 69/1, "
        "следующие изменения:\n"
        f"1) пункт 3.1 изложить в следующей редакции: «{NEW_31}»;\n"
        f"2) дополнить пунктом 3.7 следующего содержания: «{NEW_37}»;\n"
        "3) в пункте 5.3 слова «старший методист» заменить словами «заведующий»;\n"
        "4) пункт 5.7 признать утратившим силу."
    )
    assert (
        amendments.regulation_name("ПОЛОЖЕНИЕ О СЛУЖБЕ В МОСКВЕ") == "Положение о службе в Москве"
    )


def test_second_amendment_in_flight_is_revalidated_and_a_conflict_is_never_applied(regulation):
    first = signed(regulation, [{"op": "set", "clause": "3.1", "text": NEW_31}])
    touching = signed(
        regulation,
        [{"op": "replace", "clause": "3.1", "words": "Аналитическая", "replacement": "Иная"}],
        number="01-12/6",
    )
    elsewhere = signed(regulation, [{"op": "repeal", "clause": "4.2"}], number="01-12/7")
    assert services.apply_amendment(first).status == Amendment.Status.APPLIED
    # Both later ones were drafted against revision 1; the first changed 3.1 since.
    touching = services.apply_amendment(touching)
    assert touching.status == Amendment.Status.CONFLICT
    assert "3.1" in touching.conflict and touching.result_version is None
    regulation.refresh_from_db()
    assert regulation.current_version.number == 2
    assert clauses(regulation.current_version)["3.1"]["text"] == NEW_31
    # An amendment touching other clauses applies on top of the newer revision.
    assert services.apply_amendment(elsewhere).status == Amendment.Status.APPLIED
    regulation.refresh_from_db()
    revision = regulation.current_version
    assert revision.number == 3
    assert clauses(revision)["3.1"]["text"] == NEW_31 and clauses(revision)["4.2"]["repealed"]
    assert revision.structure["revision_header"] == (
        "(в ред. приказов от 01.02.2027 № 01-12/5, от 01.02.2027 № 01-12/7)"
    )


def test_effective_date_later_applies_on_that_day(regulation):
    amendment = signed(regulation, OPERATIONS[:1], effective_date=datetime.date(2027, 3, 1))
    assert services.apply_due_amendments(today=datetime.date(2027, 2, 28)) == 0
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.SIGNED
    assert services.apply_due_amendments(today=datetime.date(2027, 3, 1)) == 1
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.APPLIED


def test_consolidated_revision_round_trips_through_docx(regulation):
    services.apply_amendment(signed(regulation, OPERATIONS))
    regulation.refresh_from_db()
    revision = regulation.current_version
    stored = revision.file.read()
    for data in (stored,):
        again = analyse(extract("revision.docx", data)).as_dict()
        assert again["revision_header"] == revision.structure["revision_header"]
        assert [c for s in again["sections"] for c in s["clauses"]] == [
            c for s in document_outline(revision) for c in s["clauses"]
        ]
        assert again["title"] == regulation.title
        # The header's order reference is not taken for the regulation's own number.
        assert again["number"] != "01-12/5"
