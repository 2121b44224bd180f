"""Test settings: the production settings module, read from a test environment."""

import os
import tempfile
from pathlib import Path

# Tests never read a developer's local .env.
os.environ["READ_DOT_ENV"] = "0"
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
# The test client speaks plain HTTP.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Production settings refuse the console e-mail backend; the test run keeps mail in memory (and
# so do the deployment checks it starts in child processes).
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from config.settings import *  # noqa: E402,F403

# Hashing demo passwords with PBKDF2 dominates the suite's run time otherwise.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files of the test run go to a throw-away directory.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="reglament-test-media-"))
# On SQLite the test database is a file, so threads in concurrency tests share it (an in-memory
# database is private to its connection). Its own directory, so two checkouts' runs at the same
# time do not share (and corrupt) one file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _TEST_DB = Path(tempfile.mkdtemp(prefix="reglament-test-db-")) / "test.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB)}  # noqa: F405
# The tantivy index of the run (conftest gives each test its own directory beneath).
SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="reglament-test-index-"))
# Tests read the index right after a commit (tests/test_search_outbox.py drives the background
# drain of the embedded mode).
SEARCH_OUTBOX_DRAIN = "inline"
