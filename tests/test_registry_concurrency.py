"""Gapless numbering under concurrent registration: 8 threads × 50 registrations."""

import datetime
import sqlite3
import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from documents.models import Document
from orgs.models import Organization, Unit, User
from orgs.roles import Role
from orgs.services import assign_roles
from registry import services
from registry.models import Journal, Nomenclature, Registration, RetentionRule

THREADS, PER_THREAD = 8, 50


@pytest.fixture
def setup(transactional_db, django_db_serialized_rollback):
    # Serialized rollback: the retention rules a data migration loads are there even when an
    # earlier transactional test flushed the tables.
    org = Organization.objects.create(code="c", name="Центр", kind="methodological_centre")
    unit = Unit.objects.create(organization=org, code="01", name="Администрация")
    clerk = User.objects.create_user("clerk", organization=org)
    assign_roles(clerk, [Role.CLERK])  # only the clerk or the head registers
    nomenclature = Nomenclature.objects.create(
        organization=org, year=2026, status=Nomenclature.Status.APPROVED
    )
    services.add_case(
        nomenclature,
        unit=unit,
        title="Приказы",
        retention_rule=RetentionRule.objects.get(title="Приказы по основной деятельности"),
    )
    journal = services.save_journal(
        Journal(
            organization=org,
            name="Приказы",
            kind="orders_main",
            number_template="{n}-од",
            default_case_index="01-01",
        )
    )
    documents = Document.objects.bulk_create(
        Document(organization=org, kind="order", title=f"Приказ {i}", status="approved")
        for i in range(THREADS * PER_THREAD)
    )
    return journal, clerk, documents


def test_parallel_registrations_are_unique_and_gapless(setup):
    journal, clerk, documents = setup
    errors = []
    start = threading.Barrier(THREADS)

    def work(batch):
        try:
            start.wait()
            for document in batch:
                services.register_document(
                    document, journal, user=clerk, on_date=datetime.date(2026, 5, 1)
                )
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(documents[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sequences = sorted(Registration.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))
    numbers = set(Document.objects.values_list("number", flat=True))
    assert numbers == {f"{n}-од" for n in range(1, THREADS * PER_THREAD + 1)}


@pytest.mark.sqlite
def test_sqlite_serialises_writers(tmp_path):
    """The embedded database takes the write lock at BEGIN (transaction_mode IMMEDIATE), so a
    second writer waits for the first instead of reading a counter that is about to change."""
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.vendor == "sqlite"
    path = tmp_path / "lock.sqlite3"
    first = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    second = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    first.execute("CREATE TABLE counter (last INTEGER)")
    first.execute("INSERT INTO counter VALUES (0)")
    first.execute("BEGIN IMMEDIATE")
    first.execute("UPDATE counter SET last = last + 1")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("BEGIN IMMEDIATE")  # blocked until the first commits
    first.execute("COMMIT")
    second.execute("BEGIN IMMEDIATE")
    assert second.execute("SELECT last FROM counter").fetchone() == (1,)
    second.execute("COMMIT")
