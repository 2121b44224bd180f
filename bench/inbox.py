"""Benchmark: the inbox with 100,000 processes across 200 users, on PostgreSQL.

    .venv/bin/python bench/inbox.py [--processes 100000] [--users 200] [--requests 40]
        [--database-url postgres://postgres@127.0.0.1:5432/reglament_inbox_bench]

Creates (or empties) the benchmark database, migrates, and writes the rows the expert-conclusion
flow writes for each process (process, start/split/join tasks, the decision task and its
approval step; a fifth of them still open), in bulk. Then, as sampled users, requests Viewflow's
inbox page, our dashboard and the API task list through the Django test client and prints
p50/p95 and the SQL query count of each, first at a tenth of the data and then at all of it
(the query count must not grow with the data). Goal: p95 <= 100 ms.
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the project, not bench/ (bench/search.py would shadow the app)

from bench.registration import recreate_database  # noqa: E402


def populate(start, count, users, organization, flow_class, batch=5000):
    from django.utils import timezone
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import PROCESS, STATUS
    from viewflow.workflow.token import Token

    from documents.models import Document
    from workflows.models import Approval, ApprovalStep

    rng = random.Random(start)
    now = timezone.now()
    for offset in range(start, start + count, batch):
        size = min(batch, start + count - offset)
        open_flags = [rng.random() < 0.2 for _ in range(size)]
        authors = [rng.choice(users) for _ in range(size)]
        approvers = [rng.choice([u for u in users if u != a]) for a in authors]
        documents = Document.objects.bulk_create(
            Document(
                organization=organization,
                kind=Document.Kind.CONCLUSION,
                title=f"Экспертное заключение № {offset + i}",
                status=Document.Status.ON_APPROVAL if open_flags[i] else Document.Status.APPROVED,
                visibility=Document.Visibility.PARTICIPANTS,
                author=authors[i],
            )
            for i in range(size)
        )
        processes = Process.objects.bulk_create(
            Process(
                flow_class=flow_class,
                status=PROCESS.NEW if open_flags[i] else PROCESS.DONE,
                created=now,
            )
            for i in range(size)
        )
        approvals = Approval.objects.bulk_create(
            Approval(
                process=processes[i],
                kind="conclusion",
                document=documents[i],
                initiator=authors[i],
                route=[{"participants": [approvers[i].pk], "days": 3}],
                restart="all",
                status=Approval.Status.IN_PROGRESS if open_flags[i] else Approval.Status.DONE,
            )
            for i in range(size)
        )
        tasks = []
        for i, process in enumerate(processes):
            for node, status, owner in (
                (flow_class.start, STATUS.DONE, authors[i]),
                (flow_class.stage, STATUS.DONE, None),
                (
                    flow_class.decide,
                    STATUS.ASSIGNED if open_flags[i] else STATUS.DONE,
                    approvers[i],
                ),
            ):
                tasks.append(
                    Task(
                        process=process,
                        flow_task=node,
                        flow_task_type=node.task_type,
                        status=status,
                        owner=owner,
                        token=Token("start"),
                        created=now,
                        finished=None if status == STATUS.ASSIGNED else now,
                    )
                )
        tasks = Task.objects.bulk_create(tasks)
        decide_tasks = tasks[2::3]
        steps = ApprovalStep.objects.bulk_create(
            ApprovalStep(
                approval=approvals[i],
                assignee=approvers[i],
                task=decide_tasks[i],
                due_at=now,
                decided_at=None if open_flags[i] else now,
                decision="" if open_flags[i] else "agree",
            )
            for i in range(size)
        )
        for task, step in zip(decide_tasks, steps, strict=True):
            task.data = {"step": step.pk}
        Task.objects.bulk_update(decide_tasks, ["data"])
        through = Approval.participants.through
        through.objects.bulk_create(
            [through(approval=approvals[i], user=approvers[i]) for i in range(size)]
        )


def measure(users, requests, slowest=0):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pages = {
        "inbox page (/workflow/inbox/)": "/workflow/inbox/",
        "dashboard (/workflow/dashboard/)": "/workflow/dashboard/",
        "API task list (/api/v1/tasks/)": "/api/v1/tasks/",
    }
    rng = random.Random(7)
    sample = rng.sample(users, min(10, len(users)))
    clients = []
    for user in sample:
        client = Client()
        client.force_login(user)
        clients.append(client)
    results = {}
    for name, url in pages.items():
        for client in clients:  # warm-up
            assert client.get(url).status_code == 200
        timings, queries, per_query = [], set(), {}
        for n in range(requests):
            client = clients[n % len(clients)]
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            queries.add(len(captured.captured_queries))
            for query in captured.captured_queries:
                # Server-side cursors get a fresh name each time: group them by their SELECT.
                sql = re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH HOLD FOR ', "", query["sql"])
                per_query.setdefault(sql[:300], []).append(float(query["time"]) * 1000)
        timings.sort()
        results[name] = (
            statistics.median(timings),
            timings[int(0.95 * (len(timings) - 1))],
            sorted(queries),
        )
        if slowest:
            print(f"  slowest SQL of {name} (mean ms):")
            ranked = sorted(per_query.items(), key=lambda item: -statistics.mean(item[1]))
            for sql, times in ranked[:slowest]:
                print(f"    {statistics.mean(times):6.1f}  {sql}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--slowest", type=int, default=0, help="print the N slowest SQL statements of each page"
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/reglament_inbox_bench"
    )
    args = parser.parse_args()

    recreate_database(args.database_url)
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        READ_DOT_ENV="0",
        STATIC_ROOT=tempfile.mkdtemp(prefix="reglament-bench-static-"),
        # Production settings refuse the console e-mail backend; the bench sends none.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import get_resolver

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings, DEBUG off
    _ = get_resolver().url_patterns
    from conclusions.flows import ExpertConclusionFlow
    from orgs.models import Organization, User
    from orgs.services import assign_roles

    organization = Organization.objects.create(code="bench", name="Bench", kind="school")
    users = []
    for n in range(args.users):
        user = User.objects.create_user(
            username=f"user{n}", password="x", organization=organization, position="Методист"
        )
        assign_roles(user, ["methodist"])
        users.append(user)

    first = args.processes // 10
    print(f"PostgreSQL, {args.users} users; {args.requests} requests per page, 10 sampled users")
    for label, start, count in (("10%", 0, first), ("100%", first, args.processes - first)):
        started = time.perf_counter()
        populate(start, count, users, organization, ExpertConclusionFlow)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = start + count
        print(f"\n{total:,} processes ({label}; written in {time.perf_counter() - started:.0f} s)")
        for name, (p50, p95, queries) in measure(users, args.requests, args.slowest).items():
            print(f"  {name:<34} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  queries {queries}")


if __name__ == "__main__":
    main()
