"""The lifecycle of a document: its transitions and who may make each, the audit entry of
every one, entries from the archive (page and command), «Новая редакция», and refusals that
leave nothing half-stored (no version, no file, no journal entry, no counter step)."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from documents import lifecycle, services
from documents.models import Document, DocumentVersion
from registry.models import Counter, Registration
from workflows.models import AuditEntry

from .record_helpers import approved, keeper
from .workflow_helpers import client_for

pytestmark = pytest.mark.django_db

D = datetime.date
ORDER_TEXT = "ПРИКАЗ\n15.03.2022 № 01-12/45\nО мониторинге\n\n1. Провести мониторинг."


def upload(org, text=ORDER_TEXT, name="o.txt", **fields):
    return services.create_document(organization=org, name=name, data=text.encode(), **fields)


def snapshot(settings):
    """Everything a refusal must leave as it was."""
    root = Path(settings.MEDIA_ROOT)
    return (
        DocumentVersion.objects.count(),
        Document.objects.count(),
        Registration.objects.count(),
        sorted(Counter.objects.values_list("last", flat=True)),
        sorted(str(p) for p in root.rglob("*") if p.is_file()),
        list(Document.objects.order_by("pk").values_list("status", "number")),
    )


def statuses_logged(document):
    return list(
        AuditEntry.objects.filter(document=document, action="status").values_list(
            "details", flat=True
        )
    )


def test_status_changes_only_through_the_transitions_with_an_audit_entry(people, org_tree):
    document = upload(org_tree["centre"], author=people["methodist"])
    assert document.status == "draft"
    # The approval's transitions are the process's: nobody makes them by hand.
    for name in ("submit", "approve"):
        assert not lifecycle.allowed(document, name, actor=people["head"])
    with pytest.raises(lifecycle.LifecycleRefused, match="процесс согласования"):
        lifecycle.submit(document, actor=people["head"], process=None)
    # A draft order is registered only once approved.
    with pytest.raises(lifecycle.LifecycleRefused, match="после утверждения"):
        lifecycle.register(document, number="1", date=D(2026, 1, 1), actor=people["clerk"])
    # Repealing is the head's, archiving the clerk's, each from where it applies.
    lifecycle.enter_from_archive(
        document, actor=people["clerk"], number="01-12/45", date=D(2022, 3, 15)
    )
    with pytest.raises(lifecycle.LifecycleRefused, match="руководитель"):
        lifecycle.repeal(document, actor=people["clerk"], reason="Приказ № 5")
    lifecycle.repeal(document, actor=people["head"], reason="Приказ от 01.12.2026 № 5")
    with pytest.raises(lifecycle.LifecycleRefused, match="не может быть"):
        lifecycle.repeal(document, actor=people["head"], reason="ещё раз")
    lifecycle.archive(document, actor=people["clerk"])
    document.refresh_from_db()
    assert document.status == "archived"
    logged = statuses_logged(document)
    assert logged == [
        "Проект → Зарегистрирован",
        "Зарегистрирован → Утратил силу: Приказ от 01.12.2026 № 5",
        "Утратил силу → В архиве",
    ]
    entry = AuditEntry.objects.get(document=document, action="archive_entry")
    assert entry.actor == people["clerk"] and "01-12/45" in entry.details


def test_kinds_registered_on_receipt_go_from_draft_to_registered(people, org_tree, journal):
    from registry.services import cancel, register_document

    letter = upload(org_tree["centre"], "Письмо\nО предоставлении сведений", kind="other")
    entry = register_document(letter, journal, user=people["clerk"], on_date=D(2026, 4, 1))
    letter.refresh_from_db()
    assert letter.status == "registered" and letter.number == entry.number
    # Nothing approved it in the system: the stored file stays as it came.
    assert letter.versions.count() == 1
    cancel(entry, user=people["clerk"], reason="Ошибка")
    letter.refresh_from_db()
    assert (letter.status, letter.number) == ("draft", "")


def test_archive_entry_page_is_the_clerks_and_marks_the_document(people, org_tree, settings):
    document = upload(org_tree["centre"], author=people["methodist"])
    url = f"/documents/{document.pk}/archive-entry/"
    assert client_for(people["methodist"]).get(url).status_code == 403
    page = client_for(people["clerk"]).get(url).content.decode()
    assert 'value="01-12/45"' in page and 'value="2022-03-15"' in page  # what the file says
    before = snapshot(settings)
    refused = client_for(people["clerk"]).post(url, {"number": "01-12/45", "date": ""})
    assert refused.status_code == 200 and "и номер, и дату" in refused.content.decode()
    assert snapshot(settings) == before
    done = client_for(people["clerk"]).post(
        url, {"number": "01-12/45", "date": "2022-03-15", "reason": "дело 01-01 за 2022 год"}
    )
    assert done.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.number, document.from_archive) == (
        "registered",
        "01-12/45",
        True,
    )
    assert not Registration.objects.exists()  # no journal, no counter touched
    page = client_for(people["methodist"]).get(f"/documents/{document.pk}/").content.decode()
    assert "внесён из архива" in page and "История документа" in page
    # Once entered, the page offers it no more and the lifecycle refuses it.
    assert client_for(people["clerk"]).post(url, {"number": "", "date": ""}).status_code == 200


def test_import_documents_from_the_archive_is_explicit(people, org_tree, tmp_path, capsys):
    path = tmp_path / "order.txt"
    path.write_text(ORDER_TEXT, encoding="utf-8")
    args = ["import_documents", str(path), "--organization", org_tree["centre"].code, "--json"]
    with pytest.raises(Exception) as refused:
        call_command(*args, "--from-archive")
    assert getattr(refused.value, "returncode", None) == 2  # --user is required
    with pytest.raises(SystemExit) as exit_info:
        call_command(*args, "--from-archive", "--user", people["methodist"].username)
    assert exit_info.value.code == 2 and not Document.objects.exists()
    assert "делопроизводитель" in json.loads(capsys.readouterr().out)["errors"][0]["error"]
    call_command(*args, "--from-archive", "--user", people["clerk"].username)
    data = json.loads(capsys.readouterr().out)["documents"][0]
    assert (data["status"], data["number"], data["date"], data["from_archive"]) == (
        "registered",
        "01-12/45",
        "2022-03-15",
        True,
    )
    entry = AuditEntry.objects.get(action="archive_entry")
    assert entry.actor == people["clerk"] and "order.txt" in entry.details
    # A file that shows neither a number with a date nor a stamp is not entered.
    blank = tmp_path / "blank.txt"
    blank.write_text("Памятка\nТекст без реквизитов.", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command(
            "import_documents",
            str(blank),
            "--organization",
            org_tree["centre"].code,
            "--from-archive",
            "--user",
            people["clerk"].username,
        )
    assert Document.objects.count() == 1


def test_a_new_revision_replaces_the_old_once_registered(people, org_tree, journal, settings):
    from registry.services import register_document

    old = approved(upload(org_tree["centre"], author=people["methodist"]))
    page = client_for(people["methodist"]).get(f"/documents/{old.pk}/").content.decode()
    assert "Новая редакция" in page
    response = client_for(people["methodist"]).post(f"/documents/{old.pk}/new-revision/")
    draft = Document.objects.get(supersedes=old)
    assert response.status_code == 302 and response["Location"] == f"/documents/{draft.pk}/"
    assert (draft.status, draft.author, draft.current_version.sha256) == (
        "draft",
        people["methodist"],
        old.current_version.sha256,
    )
    before = snapshot(settings)
    again = client_for(people["methodist"]).post(f"/documents/{old.pk}/new-revision/")
    assert again.status_code == 302 and snapshot(settings) == before  # one at a time
    # The draft takes versions; once approved and registered, the old one is superseded.
    services.add_version(
        draft,
        name="v2.txt",
        data=ORDER_TEXT.replace("мониторинг", "анализ").encode(),
        author=people["methodist"],
    )
    approved(draft)
    register_document(draft, journal, user=people["clerk"], on_date=D(2026, 5, 1))
    old.refresh_from_db()
    assert old.status == "superseded"
    assert "новая редакция" in statuses_logged(old)[-1]


def test_refusals_leave_nothing_half_stored(people, org_tree, journal, settings):
    api = APIClient()
    draft = upload(org_tree["centre"], author=people["methodist"])
    registered = approved(upload(org_tree["centre"], "ПРИКАЗ\nО другом\n\n1. Текст.", "p.txt"))
    from registry.services import register_document

    register_document(registered, journal, user=people["clerk"], on_date=D(2026, 3, 1))
    before = snapshot(settings)
    api.force_authenticate(people["clerk"])
    # Registering a draft order: 409, no number taken.
    response = api.post(f"/api/v1/documents/{draft.pk}/register", {"journal": journal.pk})
    assert response.status_code == 409 and "после утверждения" in response.json()["detail"]
    # A new version of a registered order: 409.
    api.force_authenticate(people["head"])
    response = api.post(
        f"/api/v1/documents/{registered.pk}/versions/",
        {"file": SimpleUploadedFile("v.txt", b"new")},
        format="multipart",
    )
    assert response.status_code == 409
    # A damaged file as a new version of a draft: 400.
    api.force_authenticate(people["methodist"])
    response = api.post(
        f"/api/v1/documents/{draft.pk}/versions/",
        {"file": SimpleUploadedFile("v.docx", b"PK\x03\x04broken")},
        format="multipart",
    )
    assert response.status_code == 400
    # Text with a control character: 400.
    response = api.post(
        "/api/v1/documents/",
        {"file": SimpleUploadedFile("a.txt", "Текст".encode()), "comment": "x\x07y"},
        format="multipart",
    )
    assert response.status_code == 400
    # Entering from the archive what is no draft: refused.
    with pytest.raises(lifecycle.LifecycleRefused):
        lifecycle.enter_from_archive(registered, actor=keeper())
    assert snapshot(settings) == before


# serialized_rollback: the rows data migrations load (retention rules) come back afterwards,
# for the transactional tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_undoes_statuses_taken_from_a_files_text(org_tree):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("workflows", "0004_lifecycle"), ("documents", "0003_lifecycle")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldDocument = old.get_model("documents", "Document")
    stale = OldDocument.objects.create(
        organization_id=org_tree["centre"].pk,
        kind="order",
        title="Приказ из файла",
        number="01-01/777",
        status="approved",
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("workflows", "0005_uploads_are_drafts")])
    document = Document.objects.only("status", "number").get(pk=stale.pk)
    assert (document.status, document.number) == ("draft", "")
    note = AuditEntry.objects.get(document=document, action="status").details
    assert "01-01/777" in note and "из текста файла" in note
    # Every app forward again: the tests that follow need the whole schema (the documents
    # app's later tables, such as its grants, were left unapplied).
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_admin_changes_no_status_number_or_date(client, people, org_tree):
    from orgs.models import User

    document = approved(upload(org_tree["centre"]))
    User.objects.create_superuser("root", password="pw")
    client.login(username="root", password="pw")
    url = f"/admin/documents/document/{document.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Подмена",
            "kind": "order",
            "status": "registered",
            "number": "01-01/999",
            "visibility": "all",
            "versions-TOTAL_FORMS": 1,
            "versions-INITIAL_FORMS": 1,
        },
    )
    assert response.status_code in (200, 302)
    document.refresh_from_db()
    assert (document.status, document.number, document.title) == (
        "approved",
        "",
        "ПРИКАЗ О мониторинге",
    )
    assert client.get("/admin/documents/document/add/").status_code == 403
