"""Benchmark: concurrent registrations in one journal on PostgreSQL.

    .venv/bin/python bench/registration.py [--workers 8] [--per-worker 250]
        [--database-url postgres://postgres@127.0.0.1:5432/reglament_bench]

Creates (or empties) the benchmark database, runs the migrations, then lets N threads register
documents in one journal through registry.services.register_document. Prints registrations per
second, p50/p99 latency, whether the numbers are exactly 1..N without gaps, and where the CPU
of a registration went (Linux: the machine, the workers' registering threads, their search
drain threads, the rest — the database server, mostly). Production settings (DEBUG off),
indexing on, no broker: each process's background thread drains the outbox.
Goal: >= 200 registrations/s with 8 workers and zero gaps.
"""

import argparse
import datetime
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def recreate_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _cpu_seconds():
    """(machine busy, machine idle + I/O wait) in CPU seconds so far (Linux)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:8]]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - fields[3] - fields[4]) / ticks, (fields[3] + fields[4]) / ticks


def _worker(document_ids, journal_id, clerk_id, barrier, results):
    from django.db import connections

    from documents.models import Document
    from orgs.models import User
    from registry import services
    from registry.models import Journal

    connections.close_all()  # never share the parent's connection
    journal = Journal.objects.select_related("organization").get(pk=journal_id)
    clerk = User.objects.get(pk=clerk_id)
    documents = list(Document.objects.filter(pk__in=document_ids))
    mine, error = [], None
    barrier.wait()
    cpu = time.thread_time()
    try:
        for document in documents:
            started = time.perf_counter()
            services.register_document(
                document, journal, user=clerk, on_date=datetime.date(2026, 6, 1)
            )
            mine.append(time.perf_counter() - started)
    except Exception as exc:
        error = repr(exc)
    results.put((mine, error, time.thread_time() - cpu))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--per-worker", type=int, default=250)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/reglament_bench"
    )
    args = parser.parse_args()

    recreate_database(args.database_url)
    import tempfile

    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench-only",
        ALLOW_CONSOLE_EMAIL="1",
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="reglament-bench-index-"),
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from documents.models import Document
    from orgs.models import Organization, Unit, User
    from registry import services
    from registry.models import Journal, Nomenclature, Registration, RetentionRule
    from search.backends import get_backend

    call_command("migrate", verbosity=0)
    org = Organization.objects.create(code="bench", name="Bench", kind="other")
    unit = Unit.objects.create(organization=org, code="01", name="Администрация")
    clerk = User.objects.create_user("clerk", organization=org)
    from orgs.roles import Role
    from orgs.services import assign_roles

    assign_roles(clerk, [Role.CLERK])  # only the clerk or the head registers
    nomenclature = Nomenclature.objects.create(
        organization=org, year=2026, status=Nomenclature.Status.APPROVED
    )
    services.add_case(
        nomenclature,
        unit=unit,
        title="Приказы",
        retention_rule=RetentionRule.objects.filter(years=None).first(),
    )
    journal = services.save_journal(
        Journal(
            organization=org,
            name="Приказы",
            kind="orders_main",
            number_template="{case}/{n}",
            default_case_index="01-01",
        )
    )
    total = args.workers * args.per_worker
    documents = Document.objects.bulk_create(
        Document(organization=org, kind="order", title=f"Приказ {i}", status="approved")
        for i in range(total)
    )
    connections.close_all()

    # Workers are processes, as web workers are in production (threads would mostly measure
    # the GIL).
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    barrier = context.Barrier(args.workers + 1)
    ids = [d.pk for d in documents]
    workers = [
        context.Process(
            target=_worker, args=(ids[i :: args.workers], journal.pk, clerk.pk, barrier, results)
        )
        for i in range(args.workers)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    cpu_before, children_before = _cpu_seconds(), os.times()
    latencies, errors, registering_cpu = [], [], 0.0
    for _ in workers:
        mine, error, cpu = results.get()
        latencies.extend(mine)
        registering_cpu += cpu
        if error:
            errors.append(error)
    elapsed = time.perf_counter() - started
    cpu_after = _cpu_seconds()
    for worker in workers:
        worker.join()
    children = os.times()
    workers_cpu = (children.children_user + children.children_system) - (
        children_before.children_user + children_before.children_system
    )

    sequences = sorted(Registration.objects.values_list("sequence", flat=True))
    gapless = sequences == list(range(1, total + 1))
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    print(f"workers: {args.workers}, registrations: {len(latencies)}, errors: {len(errors)}")
    print(f"throughput: {len(latencies) / elapsed:.0f} registrations/s (goal >= 200)")
    print(f"latency: p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"numbers 1..{total} without gaps or duplicates: {'yes' if gapless else 'NO'}")
    if errors:
        print(f"first error: {errors[0]}")
    busy, idle = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    per = 1000 / max(len(latencies), 1)
    print(
        f"CPU a registration: {busy * per:.1f} ms in all "
        f"(machine {busy / (busy + idle):.0%} busy), "
        f"workers {workers_cpu * per:.1f} ms (registering {registering_cpu * per:.1f} ms, "
        f"the rest their drain threads), "
        f"the rest (the database server, mostly) {(busy - workers_cpu) * per:.1f} ms"
    )
    from search.models import IndexTask
    from search.services import drain_outbox

    waiting = IndexTask.objects.count()
    started = time.perf_counter()
    drain_outbox()  # what the workers' threads had not drained when they stopped
    indexed = len(get_backend().indexed_versions())
    print(
        f"search outbox at the end: {waiting} rows waiting, drained in "
        f"{time.perf_counter() - started:.1f} s; {indexed} of {total} documents indexed"
    )


if __name__ == "__main__":
    main()
