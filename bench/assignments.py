"""Benchmark: control of execution with 100,000 поручения on PostgreSQL.

    .venv/bin/python bench/assignments.py [--assignments 100000] [--runs 30] [--explain]
        [--keep | --reuse]
        [--database-url postgres://postgres@127.0.0.1:5432/reglament_bench_control]

Creates (or empties) the benchmark database, migrates, and writes in bulk an authority and two
of its schools (about 100 staff each, in units; a head and three deputies controlling), their
letters, and поручения due across the year: resolutions (with co-executors), orders, plan
items and delegated parts, done on time, done late, reported, overdue, open and a few cancelled
as of today. Then measures, first at a tenth of the data and then at all of it, p50/p95 and the
SQL query count of: the discipline report for the year (selectors.discipline, the head of the
authority seeing all three organisations and a school's head), the lists
(selectors.listing mine/control/all, the first page of 50, evaluated), and the Поручения and
discipline pages through the Django test client as a signed-in user. The query counts must not
grow with the data. Goal: p95 <= 100 ms. `--explain` prints EXPLAIN ANALYZE of the report's and
the lists' statements at the end. The database is dropped at the end unless `--keep`;
`--reuse` measures a kept one again without writing.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the project, not bench/ (bench/search.py would shadow the app)

from bench.registration import recreate_database  # noqa: E402

STAFF_PER_ORGANISATION = 100
UNITS_PER_ORGANISATION = 4
# Of the поручения: the authority gives 40 %, each school 30 %.
SHARES = (0.4, 0.3, 0.3)


def setup_people():
    """Three organisations, each with a head, three deputies and about 100 staff in units."""
    from orgs.models import Organization, Unit, User
    from orgs.roles import Role
    from orgs.services import assign_roles

    authority = Organization.objects.create(
        code="uo", name="Управление образования", kind=Organization.Kind.AUTHORITY
    )
    schools = [
        Organization.objects.create(
            code=f"school-{n}", name=f"Школа № {n}", kind=Organization.Kind.SCHOOL, parent=authority
        )
        for n in (1, 2)
    ]
    organisations = []
    for org in (authority, *schools):
        units = [
            Unit.objects.create(organization=org, code=f"{n:02}", name=f"Подразделение {n}")
            for n in range(1, UNITS_PER_ORGANISATION + 1)
        ]
        head = User.objects.create_user(
            f"{org.code}-head",
            password="x",
            organization=org,
            last_name="Руководитель",
            first_name=org.code,
        )
        assign_roles(head, [Role.HEAD])
        deputies = []
        for n in range(3):
            deputy = User.objects.create_user(
                f"{org.code}-deputy{n}",
                password="x",
                organization=org,
                unit=units[n],
                last_name=f"Заместитель{n}",
                first_name=org.code,
            )
            assign_roles(deputy, [Role.DEPUTY_DIRECTOR])
            deputies.append(deputy)
        staff = []
        for n in range(STAFF_PER_ORGANISATION - 4):
            person = User.objects.create_user(
                f"{org.code}-staff{n}",
                password="x",
                organization=org,
                unit=units[n % len(units)],
                last_name=f"Сотрудник{n:03}",
                first_name=org.code,
                position="Методист",
            )
            assign_roles(person, [Role.METHODIST])
            staff.append(person)
        organisations.append({"org": org, "head": head, "deputies": deputies, "staff": staff})
    return organisations


def load_people():
    """The organisations of an earlier run (--reuse), as setup_people made them."""
    from orgs.models import Organization, User

    organisations = []
    for org in Organization.objects.order_by("pk"):
        people = User.objects.filter(organization=org).order_by("pk")
        organisations.append(
            {
                "org": org,
                "head": people.get(username=f"{org.code}-head"),
                "deputies": list(people.filter(username__contains="-deputy")),
                "staff": list(people.filter(username__contains="-staff")),
            }
        )
    return organisations


def letters_of(organisations, per_organisation=3000):
    from documents.models import Document

    for entry in organisations:
        entry["letters"] = Document.objects.bulk_create(
            Document(
                organization=entry["org"],
                kind=Document.Kind.LETTER,
                title=f"О представлении информации № {n}",
                number=f"01-10/{n}",
                status=Document.Status.REGISTERED,
                visibility=Document.Visibility.RESTRICTED,
            )
            for n in range(per_organisation)
        )


def _state(rng, deadline, today):
    """status, completed_on, reported day for a поручение due on `deadline`."""
    roll = rng.random()
    if roll < 0.02:
        return "cancelled", None, None
    if deadline < today:
        if roll < 0.80:
            if rng.random() < 0.85:
                done = deadline - datetime.timedelta(days=rng.randint(0, 10))
            else:
                done = min(deadline + datetime.timedelta(days=rng.randint(1, 20)), today)
            return "done", done, done
        if roll < 0.83:
            return (
                "reported",
                None,
                min(deadline + datetime.timedelta(days=rng.randint(-5, 5)), today),
            )
        return "open", None, None
    if roll < 0.75:
        return "open", None, None
    if roll < 0.85:
        return "reported", None, today - datetime.timedelta(days=rng.randint(0, 5))
    return "done", today - datetime.timedelta(days=rng.randint(0, 10)), None


def populate(start, count, organisations, today, batch=5000):
    """`count` поручения more (seeded by `start`), in bulk."""
    from django.utils import timezone

    from control.models import Assignment, Resolution

    rng = random.Random(start)
    year_start = today.replace(month=1, day=1)
    span = (today.replace(month=12, day=31) - year_start).days + 1
    noon = datetime.time(10, 0)
    tz = timezone.get_current_timezone()

    def moment(day):
        return datetime.datetime.combine(day, noon, tzinfo=tz)

    for entry in organisations:
        # Some people get far more than others (a Zipf-like share).
        entry["weights"] = [1 / (i + 1) ** 0.6 for i in range(len(entry["staff"]))]
    made = 0
    while made < count:
        size = min(batch, count - made)
        rows, resolutions = [], []
        for _n in range(size):
            entry = rng.choices(organisations, weights=SHARES)[0]
            executor = rng.choices(entry["staff"], weights=entry["weights"])[0]
            controller = entry["head"] if rng.random() < 0.5 else rng.choice(entry["deputies"])
            # 5 % into the next year: outside the year's report.
            deadline = year_start + datetime.timedelta(days=rng.randrange(int(span * 1.05)))
            source = rng.choices(
                ("resolution", "order", "plan", "delegation"), weights=(60, 20, 12, 8)
            )[0]
            letter = rng.choice(entry["letters"]) if source != "plan" else None
            # The order's approval, the plan's item (their pages are linked by it).
            source_id = rng.randint(1, 5000) if source in ("order", "plan") else None
            status, completed_on, reported_on = _state(rng, deadline, today)
            created = moment(
                max(
                    deadline - datetime.timedelta(days=rng.randint(3, 30)),
                    year_start - datetime.timedelta(days=30),
                )
            )
            row = Assignment(
                organization=entry["org"],
                document=letter,
                source=source,
                source_id=source_id,
                text=f"Подготовить информацию по письму ({start + made + len(rows)})",
                executor=executor,
                role="co_executor" if rng.random() < 0.15 else "responsible",
                unit_id=executor.unit_id,
                controller=(rng.choice(entry["staff"]) if source == "delegation" else controller),
                author=controller,
                deadline=deadline,
                original_deadline=deadline
                - datetime.timedelta(days=rng.choice((0, 0, 0, 0, 7, 14))),
                status=status,
                created_at=created,
                reported_at=moment(reported_on) if reported_on else None,
                report="Исполнено." if reported_on else "",
                completed_on=completed_on,
                closed_at=moment(completed_on + datetime.timedelta(days=1))
                if status == "done"
                else None,
                closed_by=controller if status == "done" else None,
            )
            if source == "resolution":
                resolutions.append(
                    (
                        len(rows),
                        Resolution(
                            document=letter,
                            author=controller,
                            text=row.text,
                            deadline=deadline,
                            controller=controller,
                            created_at=created,
                        ),
                    )
                )
            rows.append(row)
        for index, resolution in zip(
            [i for i, _r in resolutions],
            Resolution.objects.bulk_create([r for _i, r in resolutions]),
            strict=True,
        ):
            rows[index].resolution, rows[index].source_id = resolution, resolution.pk
        Assignment.objects.bulk_create(rows)
        made += size
    # Delegated parts hang from a поручение of their controller (who executes it).
    parts = list(
        Assignment.objects.filter(source="delegation", parent__isnull=True).values_list(
            "pk", "controller_id", "organization_id"
        )
    )
    parents = {}
    for pk, executor_id in Assignment.objects.exclude(source="delegation").values_list(
        "pk", "executor_id"
    ):
        parents.setdefault(executor_id, pk)
    delegated = [
        Assignment(pk=pk, parent_id=parents[controller_id], source_id=parents[controller_id])
        for pk, controller_id, _org in parts
        if controller_id in parents
    ]
    Assignment.objects.bulk_update(delegated, ["parent_id", "source_id"], batch_size=2000)


def timed(function, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()  # warm-up
    timings, queries = [], set()
    for _n in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        queries.add(len(captured.captured_queries))
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], sorted(queries)


def fresh(user):
    """The user as a request has it: its roles not read yet."""
    user.__dict__.pop("_roles", None)
    return user


def cases(organisations, today):
    from django.test import Client

    from control import selectors

    authority, school = organisations[0], organisations[1]
    year = {"start": today.replace(month=1, day=1), "end": today.replace(month=12, day=31)}
    busiest = authority["staff"][0]  # the heaviest weight: the most поручения
    deputy = authority["deputies"][0]

    def report(user):
        return lambda: selectors.discipline(fresh(user), **year, today=today)

    def listing(user, which):
        return lambda: list(selectors.listing(fresh(user), which=which, today=today)[:50])

    def page(user, url):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    return {
        "discipline, head of the authority (3 orgs)": report(authority["head"]),
        "discipline, head of a school": report(school["head"]),
        "listing mine (busiest executor)": listing(busiest, "mine"),
        "listing control (head of the authority)": listing(authority["head"], "control"),
        "listing control (a deputy)": listing(deputy, "control"),
        "listing all (head of the authority)": listing(authority["head"], "all"),
        "listing all (head of a school)": listing(school["head"], "all"),
        "page /control/ (busiest executor)": page(busiest, "/control/"),
        "page /control/?which=all (head of the authority)": page(
            authority["head"], "/control/?which=all"
        ),
        "page /control/discipline/ (head of the authority)": page(
            authority["head"], "/control/discipline/"
        ),
    }


def explain(organisations, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from control import selectors

    authority = organisations[0]
    year = {"start": today.replace(month=1, day=1), "end": today.replace(month=12, day=31)}
    for label, function in (
        (
            "discipline (head of the authority)",
            lambda: selectors.discipline(fresh(authority["head"]), **year, today=today),
        ),
        (
            "listing all (head of the authority)",
            lambda: list(
                selectors.listing(fresh(authority["head"]), which="all", today=today)[:50]
            ),
        ),
        (
            "listing mine (busiest executor)",
            lambda: list(
                selectors.listing(fresh(authority["staff"][0]), which="mine", today=today)[:50]
            ),
        ),
    ):
        with CaptureQueriesContext(connection) as captured:
            function()
        print(f"\n== {label}")
        for query in captured.captured_queries:
            if "control_assignment" not in query["sql"]:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))
            print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a kept database again (no writing)"
    )
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/reglament_bench_control",
    )
    args = parser.parse_args()

    if not args.reuse:
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
        SEARCH_INDEX_DIR=tempfile.mkdtemp(prefix="reglament-bench-index-"),
        # Production settings refuse the console e-mail backend; the bench sends none.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import get_resolver
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings, DEBUG off
    _ = get_resolver().url_patterns
    today = timezone.localdate()
    if args.reuse:
        organisations = load_people()
        stages = [("as kept", 0, 0)]
    else:
        organisations = setup_people()
        letters_of(organisations)
        first = args.assignments // 10
        stages = [("10%", 0, first), ("100%", first, args.assignments - first)]
    people = sum(len(o["staff"]) + 4 for o in organisations)
    print(
        f"PostgreSQL, {len(organisations)} organisations, {people} people; today "
        f"{today:%d.%m.%Y}; {args.runs} runs each (after one warm-up)"
    )
    from control.models import Assignment

    for label, start, count in stages:
        started = time.perf_counter()
        if count:
            populate(start, count, organisations, today)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        total = Assignment.objects.count()
        print(
            f"\n{total:,} assignments ({label}; written in {time.perf_counter() - started:.0f} s)"
        )
        for name, function in cases(organisations, today).items():
            p50, p95, queries = timed(function, args.runs)
            print(f"  {name:<52} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  queries {queries}")
    if args.explain:
        explain(organisations, today)
    if not (args.keep or args.reuse):
        connection.close()
        drop_database(args.database_url)


def drop_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(parts.path.lstrip("/")))
        )


if __name__ == "__main__":
    main()
