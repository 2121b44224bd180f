"""Files a killed request left in MEDIA are swept (issue #20): `sweep_media` deletes the files
no row refers to, older than --min-age, and --dry-run only reports them."""

import os
import re
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from documents import services
from documents.models import DocumentVersion

pytestmark = pytest.mark.django_db


def _age(path, hours=2):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def _orphan_of_a_rolled_back_upload(org_tree, media):
    """What a request killed before its commit leaves: the file of a version whose row never
    committed (the rollback here stands for the killed worker)."""
    before = {p for p in media.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError), transaction.atomic():
        services.create_document(
            organization=org_tree["centre"], name="lost.txt", data="Потерянный документ".encode()
        )
        raise RuntimeError("the worker died here")
    (left,) = {p for p in media.rglob("*") if p.is_file()} - before
    return left


def test_orphans_are_reported_then_deleted_and_kept_files_stay(org_tree, settings, capsys):
    media = settings.MEDIA_ROOT
    kept = services.create_document(
        organization=org_tree["centre"], name="kept.txt", data="Нужный документ".encode()
    )
    kept_path = media / DocumentVersion.objects.get(document=kept).file.name
    orphan = _orphan_of_a_rolled_back_upload(org_tree, media)
    young = media / "documents" / "young.bin"
    young.write_bytes(b"still being stored")
    for path in (kept_path, orphan):
        _age(path)

    call_command("sweep_media", dry_run=True)
    report = capsys.readouterr().out
    assert orphan.relative_to(media).as_posix() in report
    assert "young.bin" not in report and kept_path.name not in report
    assert re.search(r"\b1\b", report.splitlines()[-1]) and orphan.exists()

    call_command("sweep_media")
    assert not orphan.exists()
    assert kept_path.exists() and young.exists()
    assert DocumentVersion.objects.get(document=kept).file.read() == "Нужный документ".encode()
    call_command("sweep_media", min_age=0)
    assert not young.exists() and kept_path.exists()
