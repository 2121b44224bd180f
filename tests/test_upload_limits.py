"""The upload limit is checked before the body or the file is read into memory (issue #20: a
300 MB upload grew a worker to 387 MB before the size check)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, make_person, org_tree):
    make_person("m", org_tree["centre"])
    client.login(username="m", password="pw")
    return client


@pytest.fixture
def never_read(monkeypatch):
    """Reading a received file's bytes fails the test (its size must be enough to refuse it);
    the server streams uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a TemporaryUploadedFile."""

    def fail(self):
        raise AssertionError("the upload was read before its size was checked")

    monkeypatch.setattr(TemporaryUploadedFile, "read", property(fail))


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(member, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    for url in ("/api/v1/documents/", "/documents/upload/"):
        response = member.post(
            url, data=b"x" * 10, content_type="application/octet-stream", CONTENT_LENGTH="300000000"
        )
        assert response.status_code == 413
        assert "1 МБ" in response.content.decode()
    assert member.get("/api/v1/documents/").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/documents/", "/documents/upload/"])
def test_a_file_over_the_limit_is_refused_by_its_size(member, settings, never_read, url):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # streamed to a temporary file
    big = SimpleUploadedFile("big.txt", "а".encode() * (700 * 1024))
    response = member.post(url, {"file": big, "visibility": "organization"})
    assert response.status_code == (400 if url.startswith("/api/") else 200)
    assert "1 МБ" in response.content.decode()
    assert Document.objects.count() == 0
