"""Storing documents: versions kept byte for byte, never overwritten or deleted; the command."""

import hashlib
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from documents import services
from documents.importer import ImportRejected
from documents.models import Clause, Document, DocumentVersion, ImmutableVersionError
from documents.storage import CLAUSE_COLUMNS
from search import services as search_services
from search.backends import get_backend

from .docx_factory import new_document, to_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "documents" / "seeds"
REGULATION = "ПОЛОЖЕНИЕ\nо совете\n\n1. Общие положения\n1.1. Первый пункт.\n1.2. Второй пункт.\n"


@pytest.fixture
def centre(org_tree):
    return org_tree["centre"]


def test_create_document_keeps_file_byte_for_byte_with_hash(centre, make_person):
    author = make_person("m", centre)
    data = REGULATION.encode()
    document = services.create_document(organization=centre, name="п.txt", data=data, author=author)
    version = document.current_version
    assert (document.kind, document.title) == ("regulation", "ПОЛОЖЕНИЕ о совете")
    assert document.author == author and version.created_by == author
    assert version.number == 1 and version.original_name == "п.txt"
    assert version.sha256 == hashlib.sha256(data).hexdigest() and version.size == len(data)
    with version.file.open("rb") as handle:
        assert handle.read() == data
    assert list(
        Clause.objects.filter(version=version).values_list("number", "section__number")
    ) == [("1.1", "1"), ("1.2", "1")]


def test_new_version_leaves_the_old_one(centre):
    document = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    first = document.current_version
    second = services.add_version(
        document,
        name="b.txt",
        data=REGULATION.replace("Второй", "Изменённый").encode(),
        comment="правка",
    )
    document.refresh_from_db()
    assert document.current_version == second and second.number == 2
    first.refresh_from_db()
    assert first.clauses.get(number="1.2").text == "Второй пункт."
    assert second.clauses.get(number="1.2").text == "Изменённый пункт."
    with first.file.open("rb") as handle:
        assert handle.read() == REGULATION.encode()


def test_identical_new_version_is_refused(centre):
    document = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    with pytest.raises(ImportRejected, match="совпадает с версией 1"):
        services.add_version(document, name="a.txt", data=REGULATION.encode())
    assert document.versions.count() == 1


def test_bad_new_version_changes_nothing(centre):
    document = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    with pytest.raises(ImportRejected):
        services.add_version(document, name="b.docx", data=b"garbage")
    document.refresh_from_db()
    assert document.versions.count() == 1 and document.current_version.number == 1


def test_versions_and_documents_cannot_be_changed_or_deleted(centre):
    document = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    version = document.current_version
    version.text = "подмена"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(PermissionError):
        document.delete()
    version = DocumentVersion.objects.get(pk=version.pk)
    version.is_archived = True
    version.save(update_fields=["is_archived"])  # the one allowed change
    assert DocumentVersion.objects.get(pk=version.pk).is_archived


def test_import_same_file_twice_is_reported_not_duplicated(centre, tmp_path):
    path = tmp_path / "reg.txt"
    path.write_text(REGULATION, encoding="utf-8")
    first = services.import_file(path, organization=centre)
    again = services.import_file(path, organization=centre)
    assert not first.duplicate and again.duplicate
    assert again.document == first.document
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_command_json_output_for_seed_004(centre, capsys):
    path = next(SEEDS.glob("004_*.txt"))
    call_command("import_documents", str(path), "--organization", "imc", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == []
    (doc,) = data["documents"]
    assert set(doc) >= {
        "id",
        "source",
        "kind",
        "title",
        "number",
        "date",
        "approval",
        "sections",
        "plan_items",
        "text_chars",
    }
    assert doc["kind"] == "regulation" and doc["number"] is None and doc["date"] is None
    assert doc["approval"] == {
        "stamp": "УТВЕРЖДАЮ",
        "position": "Начальник Управления образования муниципального образования – "
        "Сасовский муниципальный район Рязанской области",
        "name": "И.Н. Серёгина",
        "order_number": "69/1",
        "order_date": "2017-08-31",
    }
    assert [s["number"] for s in doc["sections"]] == ["1", "2", "3", "4", "5", "6"]
    clauses = [c["number"] for s in doc["sections"] for c in s["clauses"]]
    assert len(clauses) == 20 and clauses[0] == "1.1" and clauses[-1] == "6.1"
    assert set(doc["sections"][0]["clauses"][0]) == {"number", "text", "note", "repealed"}
    assert 10_000 < doc["text_chars"] < 20172  # characters, not the file's bytes


@pytest.mark.django_db
def test_command_rejects_bad_files_with_exit_2_and_imports_the_rest(centre, tmp_path, capsys):
    good = tmp_path / "good.docx"
    document = new_document()
    document.add_paragraph("ПРИКАЗ")
    document.add_paragraph("15.03.2022 № 01-12/45")
    document.add_paragraph("О проведении мониторинга")
    document.add_paragraph("1. Провести мониторинг.")
    good.write_bytes(to_bytes(document))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_documents", str(good), str(bad), "--organization", "imc", "--json")
    assert exit_info.value.code == 2
    data = json.loads(capsys.readouterr().out)
    assert [d["source"] for d in data["documents"]] == [str(good)]
    # A draft: the number and date are what the file shows, not a registration.
    assert data["documents"][0]["status"] == "draft" and data["documents"][0]["number"] is None
    assert data["documents"][0]["in_file"] == {"number": "01-12/45", "date": "2022-03-15"}
    assert data["errors"][0]["source"] == str(bad) and "ZIP" in data["errors"][0]["error"]
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_command_says_when_a_file_was_imported_before(centre, tmp_path, capsys):
    path = tmp_path / "reg.txt"
    path.write_text(REGULATION, encoding="utf-8")
    call_command("import_documents", str(path), "--organization", "imc")
    call_command("import_documents", str(path), "--organization", "imc")
    out = capsys.readouterr().out
    assert "загружен как документ" in out and "уже загружен как документ" in out
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_command_needs_a_known_organisation(org_tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("import_documents", "x.txt", "--organization", "nope")
    assert error.value.returncode == 2
    org_tree["school"].parent = None
    org_tree["school"].save()
    with pytest.raises(CommandError, match="--organization"):
        call_command("import_documents", "x.txt")  # two top-level organisations: which one?


@pytest.mark.django_db
def test_command_defaults_to_the_top_level_organisation(org_tree, tmp_path, capsys):
    path = tmp_path / "reg.txt"
    path.write_text(REGULATION, encoding="utf-8")
    call_command("import_documents", str(path), "--json")
    assert Document.objects.get().organization == org_tree["authority"]


@pytest.mark.django_db
def test_load_demo_imports_the_seeds_once(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    # Not the demo approval's draft, nor the demo correspondence's incoming letters, nor the
    # demo archive's documents of past years (registered in their cases).
    seeds = Document.objects.filter(
        approvals__isnull=True, letter__isnull=True, registrations__isnull=True
    )
    assert seeds.count() == 5
    kinds = sorted(seeds.values_list("kind", flat=True))
    assert kinds == ["conclusion", "regulation", "regulation", "regulation", "regulation"]
    regulation = seeds.get(organization__code="uo", kind="regulation")
    assert regulation.current_version.clauses.count() == 20
    # Real documents of paper days, entered from the archive: approved, dated as they say.
    assert {(d.status, d.from_archive) for d in seeds} == {("approved", True)}
    assert seeds.get(kind="conclusion").current_version.structure["date"] == "2019-08-28"


def test_admin_archives_a_version_and_changes_nothing_else(client, centre):
    from orgs.models import User

    document = services.create_document(organization=centre, name="a.txt", data=REGULATION.encode())
    version = document.current_version
    User.objects.create_superuser("root", password="pw")
    client.login(username="root", password="pw")
    assert client.get(f"/admin/documents/document/{document.pk}/change/").status_code == 200
    url = f"/admin/documents/documentversion/{version.pk}/change/"
    response = client.post(url, {"is_archived": "on", "comment": "подмена"})
    assert response.status_code == 302
    version = DocumentVersion.objects.get(pk=version.pk)
    assert version.is_archived and version.comment == ""
    assert (
        client.post(
            f"/admin/documents/documentversion/{version.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )


# --- written the fast way (bench/import_docx.py) -------------------------------------------------


def test_clause_rows_name_every_column_of_the_model():
    assert set(CLAUSE_COLUMNS) == {
        f.column for f in Clause._meta.concrete_fields if not f.primary_key
    }


def test_clauses_are_stored_in_order_with_their_sections(centre):
    document = services.create_document(organization=centre, name="p.txt", data=REGULATION.encode())
    clauses = list(document.current_version.clauses.order_by("order"))
    assert [(c.number, c.text, c.section.number, c.order, c.repealed) for c in clauses] == [
        ("1.1", "Первый пункт.", "1", 0, False),
        ("1.2", "Второй пункт.", "1", 1, False),
    ]


def test_one_drain_of_the_search_outbox_per_transaction(centre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = services.create_document(
            organization=centre, name="p.txt", data=REGULATION.encode()
        )
    assert [c for c in callbacks if c is search_services._kick] == [search_services._kick]
    # That one drain indexed both queued changes (the document, its first version).
    assert get_backend().indexed_versions() == {document.pk: document.current_version_id}
    assert search_services.drain_outbox() == {"done": 0, "failed": 0, "waiting": 0}


def test_a_change_inside_a_savepoint_adds_no_second_drain(
    centre, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            document = services.create_document(
                organization=centre, name="p.txt", data=REGULATION.encode()
            )
            with transaction.atomic():  # a savepoint under the kick already registered
                search_services.enqueue(document.pk)
    assert [c for c in callbacks if c is search_services._kick] == [search_services._kick]


def test_a_kick_dropped_with_a_rolled_back_savepoint_is_registered_again(
    centre, django_capture_on_commit_callbacks
):
    from django.db import transaction

    connection = transaction.get_connection()
    assert not [e for e in connection.run_on_commit if e[1] is search_services._kick]
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            try:
                with transaction.atomic():  # its kick goes with it
                    Document.objects.create(organization=centre, title="Положение о совете")
                    raise RuntimeError("undone")
            except RuntimeError:
                pass
            Document.objects.create(organization=centre, title="Положение о школе")
    assert [c for c in callbacks if c is search_services._kick] == [search_services._kick]
