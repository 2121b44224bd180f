"""Benchmark: the archive (#23) of an organisation with years of closed cases, on PostgreSQL.

    .venv/bin/python bench/archive.py [--years 10] [--cases 200] [--documents 20000] [--runs 20]
        [--act-cases 100] [--naive-runs N] [--explain] [--profile] [--keep | --reuse]
        [--database-url postgres://postgres@127.0.0.1:5432/reglament_bench_archive]

Creates (or empties) the benchmark database, migrates, and writes in bulk one organisation (the
methodological centre) with a clerk, a head and an expert commission; the approved
nomenclatures of the past `--years` years, each of `--cases` cases of a mix of retention rules
(permanent, 5 years, 1 year, 5 years ЭПК, on personnel; some carried over two to four years)
closed on 31 December, and the current year's (open); `--documents` registered documents in
them (a document, one or two versions with a small stored file, a registration in its case;
some cancelled numbers between them); the yearly inventories (approved, one on approval, one
cancelled), transfers to the archive, the ЭК's reviews of ЭПК cases and acts of destruction
(carried out: their documents destroyed as documents.services.destruction leaves them;
approved; on approval), so that every state of a closed case appears.

Then measures, first at a tenth of the data (the same years, a tenth of the cases and
documents, in a database written anew) and then at all of it, p50/p95 and the SQL query count
of: selectors.case_states, selectors.report, the archive page's tabs through the Django test
client signed in as the clerk (production settings, DEBUG off), and services.destruction_plan
of an approved act of `--act-cases` expired cases (made for the run); beside case_states, the
naive per-case computation (each case's own queries for its registrations, inventory, act,
transfer and reviews), checked to give the same states. At full size, one services.destroy of
that act (its time, queries, and the documents and files it removed). The query counts are
printed side by side: they must not grow with the data. `--explain` prints EXPLAIN ANALYZE of
case_states' statements, `--profile` a profile of the overview page. The database (and the
stored files) are dropped at the end unless `--keep`; `--reuse` measures a kept one again
without writing (its act takes more of the expired cases, and destroys them).
"""

import argparse
import datetime
import hashlib
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # the project, not bench/ (bench/search.py would shadow the app)

from bench.registration import recreate_database  # noqa: E402

# Shares of a year's cases (after its carried-over ones and the case of inventories and acts).
MIX = (("permanent", 0.22), ("personnel", 0.10), ("five", 0.28), ("one", 0.22), ("epk", 0.18))
RULES = {
    "permanent": "Приказы по основной деятельности",
    "personnel": "Приказы по личному составу",
    "five": "Приказы по административно-хозяйственным вопросам",
    "one": "Планы работы месячные",
    "epk": "Аналитические справки",
}
TITLES = {
    "permanent": "Приказы директора по основной деятельности",
    "personnel": "Приказы по личному составу",
    "five": "Приказы по административно-хозяйственным вопросам",
    "one": "Планы работы на месяц",
    "epk": "Аналитические справки о результатах мониторинга",
}
KINDS = {"permanent": "order", "personnel": "order", "five": "order", "one": "plan", "epk": "note"}
CHAIN_SHARE = 0.03  # of a year's cases, chains of carried-over cases starting that year
CHAIN_LENGTHS = (2, 2, 2, 3, 3, 4)
RECORD_INDEX = "00-01"  # the case of inventories and acts, kept permanently
ARCHIVE_JOURNAL = "Описи дел и акты архива"  # where inventories and acts are registered
TABS = ("overview", "inventory", "transfer", "review", "destruction", "cases", "log")


def media_root(url) -> Path:
    return Path(tempfile.gettempdir()) / f"reglament-bench-media-{urlsplit(url).path.lstrip('/')}"


def drop_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(parts.path.lstrip("/"))
            )
        )


def fresh_database(url):
    """A new empty database, migrated, and an empty media directory."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    drop_database(url)
    recreate_database(url)
    shutil.rmtree(media_root(url), ignore_errors=True)
    media_root(url).mkdir(parents=True)
    call_command("migrate", verbosity=0)


# --- the world -------------------------------------------------------------------------------


def setup_people():
    from archive.models import Commission
    from orgs.models import Organization, Unit, User
    from orgs.roles import Role
    from orgs.services import assign_roles

    org = Organization.objects.create(
        code="imc",
        name="Информационно-методический центр",
        kind=Organization.Kind.METHODOLOGICAL_CENTRE,
    )
    units = [
        Unit.objects.create(organization=org, code=f"{n:02}", name=name)
        for n, name in enumerate(
            ("Администрация", "Методический отдел", "Бухгалтерия", "Отдел кадров"), start=1
        )
    ]

    def person(username, last, role, position, unit):
        user = User.objects.create_user(
            username,
            password="x",
            organization=org,
            unit=unit,
            last_name=last,
            first_name="Анна",
            middle_name="Сергеевна",
            position=position,
        )
        assign_roles(user, [role])
        return user

    people = {
        "clerk": person("clerk", "Смирнова", Role.CLERK, "Делопроизводитель", units[0]),
        "head": person("head", "Иванова", Role.HEAD, "Директор", units[0]),
        "chair": person("chair", "Кузнецова", Role.DEPUTY_DIRECTOR, "Заместитель", units[1]),
        "member": person("member", "Попова", Role.SENIOR_METHODIST, "Старший методист", units[1]),
    }
    commission = Commission.objects.create(
        organization=org,
        chair=people["chair"],
        secretary=people["clerk"],
        order="Приказ от 10.01.2016 № 01-01/2",
    )
    commission.members.set([people["member"]])
    return org, units, people


def load_people():
    from orgs.models import Organization, Unit, User

    org = Organization.objects.get(code="imc")
    units = list(Unit.objects.filter(organization=org).order_by("code"))
    people = {p.username: p for p in User.objects.filter(organization=org)}
    return org, units, people


class Writer:
    """The bulk writes of one world: counters of the journals, the files on disk."""

    def __init__(self, org, units, people, media, today, rng):
        from registry.models import Journal

        self.org, self.units, self.people, self.media = org, units, people, media
        self.today, self.rng = today, rng
        self.journal = Journal.objects.create(
            organization=org,
            name="Приказы и документы",
            kind=Journal.Kind.ORDERS_MAIN,
            number_template="{case}/{n}",
        )
        self.internal = Journal.objects.create(
            organization=org,
            name=ARCHIVE_JOURNAL,
            kind=Journal.Kind.ARCHIVE,
            number_template="{n}-ЭК",
            yearly_reset=False,
        )
        self.internal_last = 0
        self.events = []

    def store(self, name_hint, data) -> tuple[str, str]:
        sha = hashlib.sha256(data).hexdigest()
        name = f"documents/{sha[:2]}/{sha}.txt"
        path = self.media / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return name, sha

    def documents(self, rows):
        """Documents with their versions (stored files): rows of (Document, versions)."""
        from django.db import connection

        from documents.models import Document, DocumentVersion

        made = Document.objects.bulk_create([d for d, _n in rows], batch_size=2000)
        versions = []
        for document, count in rows:
            for number in range(1, count + 1):
                data = (
                    f"{document.title}\nРедакция {number}\n\n1. Принять к сведению.\n"
                    f"({document.pk}-{number})\n"
                ).encode()
                name, sha = self.store(document.title, data)
                versions.append(
                    DocumentVersion(
                        document=document,
                        number=number,
                        file=name,
                        original_name=f"{document.kind}-{document.pk}-{number}.txt",
                        size=len(data),
                        sha256=sha,
                        text=data.decode(),
                        created_by=self.people["clerk"],
                    )
                )
        DocumentVersion.objects.bulk_create(versions, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE documents_document d SET current_version_id = v.id FROM ("
                " SELECT DISTINCT ON (document_id) document_id, id FROM documents_documentversion"
                " WHERE document_id = ANY(%s) ORDER BY document_id, number DESC) v"
                " WHERE v.document_id = d.id",
                [[d.pk for d in made]],
            )
        return made

    def record(self, kind, title, day, *, case, registered=True):
        """An inventory's or an act's document, registered in the case of records (or on
        approval, not registered yet)."""
        from documents.models import Document
        from registry.models import Registration

        day = min(day, self.today)
        document = Document(
            organization=self.org,
            unit=self.units[0],
            kind=kind,
            title=title,
            status=Document.Status.REGISTERED if registered else Document.Status.ON_APPROVAL,
            author=self.people["clerk"],
        )
        if registered:
            self.internal_last += 1
            document.number, document.date = f"{self.internal_last}-ЭК", day
        (document,) = self.documents([(document, 1)])
        if registered:
            Registration.objects.create(
                journal=self.internal,
                year=day.year,
                series=0,
                sequence=self.internal_last,
                number=document.number,
                date=day,
                status=Registration.Status.REGISTERED,
                document=document,
                case=case,
                created_by=self.people["clerk"],
            )
        return document

    def event(self, action, details, actor=None):
        from archive.models import Event

        self.events.append(
            Event(organization=self.org, action=action, actor=actor, details=details)
        )


def populate(writer, *, years, cases, documents):
    """The nomenclatures, cases, documents and the archive's records (see the docstring)."""
    from django.db import connection

    from archive import selectors
    from archive.models import (
        ActEntry,
        DestructionAct,
        Event,
        Inventory,
        InventoryEntry,
        Review,
        Transfer,
        TransferredCase,
    )
    from archive.selectors import State
    from documents.models import Destruction, Document, DocumentVersion
    from registry.models import Case, Counter, Nomenclature, Registration, RetentionRule

    org, units, people, today, rng = (
        writer.org,
        writer.units,
        writer.people,
        writer.today,
        writer.rng,
    )
    this_year = today.year
    first_year = this_year - years
    rules = {key: RetentionRule.objects.get(title=title) for key, title in RULES.items()}
    nomenclatures = {
        year: Nomenclature.objects.create(
            organization=org,
            year=year,
            status=Nomenclature.Status.APPROVED,
            order_number=f"01-01/{year}",
            order_date=datetime.date(year - 1, 12, 20),
            approved_by=people["head"],
        )
        for year in range(first_year, this_year + 1)
    }

    # Chains of carried-over cases: each keeps its index through its years.
    chains = []
    for year in range(first_year, this_year):
        for _n in range(max(1, round(cases * CHAIN_SHARE))):
            chains.append(
                {
                    "start": year,
                    "length": rng.choice(CHAIN_LENGTHS),
                    "key": rng.choice(("five", "five", "permanent", "personnel")),
                    "index": f"05-{len(chains) + 1:03}",
                    "cases": [],
                }
            )
    meta = {}  # case pk -> (key, year, chain or None)
    by_pk = {}
    records = {}  # year -> the case of inventories and acts
    for year in range(first_year, this_year + 1):
        closed_on = datetime.date(year, 12, 31)
        past = year < this_year
        rows = []
        running = [c for c in chains if c["start"] <= year < c["start"] + c["length"]]
        for chain in running:
            last = year == chain["start"] + chain["length"] - 1
            rows.append(
                (
                    chain["key"],
                    chain,
                    Case(
                        nomenclature=nomenclatures[year],
                        unit=units[3] if chain["key"] == "personnel" else units[1],
                        index=chain["index"],
                        title=f"{TITLES[chain['key']]} (переходящее дело {chain['index']})",
                        retention_rule=rules[chain["key"]],
                        carried_over=not last,
                        carried_from=chain["cases"][-1] if chain["cases"] else None,
                        note=(f"Переходящее с {year - 1} г." if chain["cases"] else "")
                        + ("" if last else f"; Переходящее на {year + 1} г."),
                        status=Case.Status.CLOSED if past and last else Case.Status.OPEN,
                        closed_on=closed_on if past and last else None,
                    ),
                )
            )
        rows.append(
            (
                "record",
                None,
                Case(
                    nomenclature=nomenclatures[year],
                    unit=units[0],
                    index=RECORD_INDEX,
                    title="Описи дел, акты о выделении к уничтожению документов",
                    retention_rule=rules["permanent"],
                    status=Case.Status.CLOSED if past else Case.Status.OPEN,
                    closed_on=closed_on if past else None,
                ),
            )
        )
        left = max(0, cases - len(rows))
        counts = {key: int(left * share) for key, share in MIX}
        counts["five"] += left - sum(counts.values())
        number = 0
        for key, count in counts.items():
            for _n in range(count):
                number += 1
                unit = units[3] if key == "personnel" else units[1 + number % 3]
                rows.append(
                    (
                        key,
                        None,
                        Case(
                            nomenclature=nomenclatures[year],
                            unit=unit,
                            index=f"{unit.code}-{number:03}",
                            title=f"{TITLES[key]} № {number}",
                            retention_rule=rules[key],
                            status=Case.Status.CLOSED if past else Case.Status.OPEN,
                            closed_on=closed_on if past else None,
                        ),
                    )
                )
        made = Case.objects.bulk_create([case for _k, _c, case in rows])
        for (key, chain, _case), case in zip(rows, made, strict=True):
            case.nomenclature = nomenclatures[year]
            if chain is not None:
                chain["cases"].append(case)
            if key == "record":
                records[year] = case
            meta[case.pk] = (key, year, chain)
            by_pk[case.pk] = case

    # Documents registered in the past years' cases (the records' case gets the archive's).
    filing = [
        case
        for case in by_pk.values()
        if meta[case.pk][1] < this_year and meta[case.pk][0] != "record"
    ]
    weights = [0 if rng.random() < 0.05 else rng.expovariate(1) for _c in filing]
    placed = rng.choices(filing, weights=weights, k=documents)
    rows = []
    for n, case in enumerate(placed):
        key, year, _chain = meta[case.pk]
        day = datetime.date(year, 1, 9) + datetime.timedelta(days=rng.randrange(350))
        rows.append(
            (
                case,
                day,
                Document(
                    organization=org,
                    unit_id=case.unit_id,
                    kind=KINDS[key],
                    title=f"{TITLES[key]}: документ {n + 1}",
                    status=Document.Status.REGISTERED,
                    visibility=Document.Visibility.ORGANIZATION,
                    author=people["clerk"],
                    date=day,
                ),
            )
        )
    rows.sort(key=lambda row: row[1])
    entries, sequences = [], {}
    for case, day, document in rows:
        if rng.random() < 0.02:  # a number reserved and cancelled, never given again
            sequence = sequences[day.year] = sequences.get(day.year, 0) + 1
            entries.append(
                Registration(
                    journal=writer.journal,
                    year=day.year,
                    series=day.year,
                    sequence=sequence,
                    number=f"{case.index}/{sequence}",
                    date=day,
                    status=Registration.Status.CANCELLED,
                    case=case,
                    created_by=people["clerk"],
                    cancel_reason="Ошибочно зарезервирован",
                )
            )
        sequence = sequences[day.year] = sequences.get(day.year, 0) + 1
        document.number = f"{case.index}/{sequence}"
        entries.append(
            Registration(
                journal=writer.journal,
                year=day.year,
                series=day.year,
                sequence=sequence,
                number=document.number,
                date=day,
                status=Registration.Status.REGISTERED,
                document=document,
                case=case,
                created_by=people["clerk"],
            )
        )
    writer.documents([(document, 2 if rng.random() < 0.1 else 1) for _case, _day, document in rows])
    Registration.objects.bulk_create(entries, batch_size=2000)
    Counter.objects.bulk_create(
        Counter(journal=writer.journal, series=year, last=last) for year, last in sequences.items()
    )

    def closed_of(year, *keys):
        """The closed cases of `year` of these kinds (a chain's last case only)."""
        return [
            by_pk[pk]
            for pk, (key, y, chain) in meta.items()
            if y == year < this_year
            and key in keys
            and (chain is None or chain["cases"][-1].pk == pk)
        ]

    # Inventories: the year's permanent cases (and the records' case) and those on personnel.
    numbers = {"permanent": 0, "personnel": 0}
    inventoried = {}
    for year in range(first_year, this_year):
        age = this_year - year
        for kind, keys in (("permanent", ("permanent", "record")), ("personnel", ("personnel",))):
            listed = sorted(closed_of(year, *keys), key=lambda c: c.index)
            if not listed:
                continue
            on_approval = kind == "permanent" and age == 1
            approved_on = datetime.date(year + 1, 2, 10 + (kind == "personnel"))
            label = "постоянного хранения" if kind == "permanent" else "по личному составу"
            if kind == "permanent" and age == 3:
                # An earlier draft of the year's inventory, cancelled.
                cancelled = Inventory.objects.create(
                    organization=org,
                    year=year,
                    kind=kind,
                    status=Inventory.Status.CANCELLED,
                    document=writer.record(
                        "inventory",
                        f"Опись дел {label} за {year} год (проект)",
                        approved_on,
                        case=records[year + 1],
                        registered=False,
                    ),
                )
                Document.objects.filter(pk=cancelled.document_id).update(
                    status=Document.Status.DRAFT
                )
                InventoryEntry.objects.bulk_create(
                    InventoryEntry(inventory=cancelled, case=case, number=n)
                    for n, case in enumerate(listed, start=1)
                )
                writer.event(Event.Action.CANCELLED, f"Опись дел {label} за {year} год (проект)")
            inventory = Inventory.objects.create(
                organization=org,
                year=year,
                kind=kind,
                status=Inventory.Status.ON_APPROVAL if on_approval else Inventory.Status.APPROVED,
                approved_on=None if on_approval else min(approved_on, today),
                number=f"{year - first_year + 1}",
                date=min(approved_on, today) - datetime.timedelta(days=5),
                document=writer.record(
                    "inventory",
                    f"Опись дел {label} за {year} год",
                    approved_on,
                    case=records[min(year + 1, this_year)],
                    registered=not on_approval,
                ),
            )
            InventoryEntry.objects.bulk_create(
                InventoryEntry(inventory=inventory, case=case, number=numbers[kind] + n)
                for n, case in enumerate(listed, start=1)
            )
            numbers[kind] += len(listed)
            writer.event(Event.Action.DRAFTED, inventory.document.title, people["clerk"])
            if not on_approval:
                writer.event(Event.Action.APPROVED, inventory.document.title)
                inventoried.setdefault(year, []).extend(listed)

    # Transfers to the archive: all of a year five or more years back, half of the fourth.
    for year, listed in sorted(inventoried.items()):
        age = this_year - year
        if age < 4:
            continue
        handed = listed if age >= 5 else listed[: len(listed) // 2]
        transfer = Transfer.objects.create(
            organization=org,
            number=f"{year - first_year + 1}",
            date=datetime.date(year + 2, 10, 1),
            archive_name="Архив Информационно-методического центра",
            received_by="Смирнова Т. А.",
            created_by=people["clerk"],
        )
        TransferredCase.objects.bulk_create(
            TransferredCase(transfer=transfer, case=case) for case in handed
        )
        writer.event(Event.Action.TRANSFER, str(transfer), people["clerk"])

    # The ЭК's reviews of ЭПК cases eight or more years back (those of six and seven wait).
    reviews = []
    for year in range(first_year, this_year - 7):
        for case in closed_of(year, "epk"):
            roll = rng.random()
            decided = datetime.date(year + 7, 3, 1)
            common = {
                "case": case,
                "decided_by": people["chair"],
                "number": f"{year - first_year + 1}",
                "date": min(decided, today),
            }
            if roll < 0.05:  # kept a year longer first, then found of no value
                reviews.append(Review(decision=Review.Decision.EXTEND, years=1, **common))
                reviews.append(Review(decision=Review.Decision.DESTROY, **common))
            elif roll < 0.60:
                reviews.append(Review(decision=Review.Decision.DESTROY, **common))
            elif roll < 0.85:
                reviews.append(Review(decision=Review.Decision.EXTEND, years=5, **common))
            else:
                reviews.append(Review(decision=Review.Decision.PERMANENT, **common))
    Review.objects.bulk_create(reviews)
    for review in reviews:
        writer.event(Event.Action.REVIEW, f"{review.case.index}: {review.decision}")

    # Acts of destruction: carried out for the cases eight or more years back, approved for
    # half of those of seven, on approval for a few of six.
    states = selectors.case_states(org, today=today)
    expired = {}
    for state in selectors.by_state(states, State.EXPIRED):
        expired.setdefault(state.year, []).append(state)
    for year, found in sorted(expired.items()):
        age = this_year - year
        if age >= 8:
            chosen, status = found, DestructionAct.Status.DESTROYED
        elif age == 7:
            chosen, status = found[: len(found) // 2], DestructionAct.Status.APPROVED
        elif age == 6:
            chosen, status = found[: max(1, len(found) // 10)], DestructionAct.Status.ON_APPROVAL
        else:
            continue
        act_year = min(year + 8, this_year)
        day = datetime.date(act_year, 2, 1)
        act = DestructionAct.objects.create(
            organization=org,
            status=status,
            number=f"{year - first_year + 1}",
            date=min(day, today),
            approved_on=None if status == DestructionAct.Status.ON_APPROVAL else min(day, today),
            document=writer.record(
                "act",
                f"Акт о выделении к уничтожению документов за {year} год",
                day,
                case=records[act_year],
                registered=status != DestructionAct.Status.ON_APPROVAL,
            ),
        )
        ActEntry.objects.bulk_create(
            ActEntry(act=act, case=state.case, number=n) for n, state in enumerate(chosen, start=1)
        )
        writer.event(Event.Action.DRAFTED, act.document.title, people["clerk"])
        if status == DestructionAct.Status.ON_APPROVAL:
            continue
        writer.event(Event.Action.APPROVED, act.document.title)
        if status != DestructionAct.Status.DESTROYED:
            continue
        # As documents.services.destruction leaves them: status, the files' record, no content.
        act.destroyed_at, act.destroyed_by = timezone_now(), people["clerk"]
        act.save(update_fields=["destroyed_at", "destroyed_by"])
        ids = list(
            selectors.documents_of([c for s in chosen for c in s.chain]).values_list(
                "pk", flat=True
            )
        )
        versions = DocumentVersion.objects.filter(document_id__in=ids)
        files = {}
        for version in versions.order_by("document_id", "number"):
            files.setdefault(version.document_id, []).append(
                {
                    "version": version.number,
                    "name": version.original_name,
                    "size": version.size,
                    "sha256": version.sha256,
                }
            )
            (writer.media / version.file.name).unlink(missing_ok=True)
        label = act.label
        Destruction.objects.bulk_create(
            Destruction(
                document_id=pk, act=label, files=files.get(pk, []), destroyed_by=act.destroyed_by
            )
            for pk in ids
        )
        Document.objects.filter(pk__in=ids).update(status=Document.Status.DESTROYED)
        versions.update(file="", text="", structure={})
        writer.event(
            Event.Action.DESTROYED,
            f"{label}: {len(ids)} documents, {sum(len(f) for f in files.values())} files",
            people["clerk"],
        )
    Event.objects.bulk_create(writer.events)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def make_act(org, people, size, today):
    """An approved, registered act of `size` expired cases (the oldest first), for the run."""
    from archive import selectors
    from archive.models import ActEntry, DestructionAct
    from archive.selectors import State
    from documents.models import Document
    from registry.models import Case, Registration

    states = selectors.by_state(selectors.case_states(org, today=today), State.EXPIRED)
    chosen = sorted(states, key=lambda s: (s.year, s.case.index))[:size]
    internal = org.journals.get(name=ARCHIVE_JOURNAL)
    sequence = (
        Registration.objects.filter(journal=internal).order_by("-sequence").first().sequence + 1
    )
    record_case = Case.objects.get(
        nomenclature__organization=org, nomenclature__year=today.year, index=RECORD_INDEX
    )
    document = Document.objects.create(
        organization=org,
        kind="act",
        title=f"Акт о выделении к уничтожению документов (бенчмарк, {len(chosen)} дел)",
        status=Document.Status.REGISTERED,
        number=f"{sequence}-ЭК",
        date=today,
        author=people["clerk"],
    )
    Registration.objects.create(
        journal=internal,
        year=today.year,
        series=0,
        sequence=sequence,
        number=document.number,
        date=today,
        status=Registration.Status.REGISTERED,
        document=document,
        case=record_case,
        created_by=people["clerk"],
    )
    act = DestructionAct.objects.create(
        organization=org,
        document=document,
        status=DestructionAct.Status.APPROVED,
        approved_on=today,
        number=f"б-{sequence}",
        date=today,
    )
    ActEntry.objects.bulk_create(
        ActEntry(act=act, case=state.case, number=n) for n, state in enumerate(chosen, start=1)
    )
    return act, chosen


# --- the naive alternative ---------------------------------------------------------------------


def naive_case_states(organization, *, today):
    """What one writes first: for each closed case its own queries — the cases it continues,
    its registrations' count and dates, its inventory entry, act entry, transfer and reviews;
    the state decided by the same rules (selectors._state)."""
    from django.db.models import Count, Max, Min

    from archive import selectors
    from archive.models import (
        ActEntry,
        DestructionAct,
        Inventory,
        InventoryEntry,
        Review,
        TransferredCase,
    )
    from registry.models import Case, Registration

    found = []
    cases = (
        Case.objects.filter(nomenclature__organization=organization)
        .select_related("nomenclature", "retention_rule", "unit")
        .order_by("-nomenclature__year", "index")
    )
    for case in cases:
        if not selectors.is_closed(case, today):
            continue
        chain = [case]
        while chain[-1].carried_from_id:
            chain.append(chain[-1].carried_from)
        figures = Registration.objects.filter(
            case__in=chain, status=Registration.Status.REGISTERED
        ).aggregate(n=Count("pk"), first=Min("date"), last=Max("date"))
        entry = (
            InventoryEntry.objects.filter(case=case)
            .exclude(inventory__status=Inventory.Status.CANCELLED)
            .select_related("inventory__document")
            .first()
        )
        act_entry = (
            ActEntry.objects.filter(case=case)
            .exclude(act__status=DestructionAct.Status.CANCELLED)
            .select_related("act__document")
            .first()
        )
        transferred = TransferredCase.objects.filter(case=case).select_related("transfer").first()
        reviews = list(Review.objects.filter(case=case).order_by("decided_at", "pk"))
        state = selectors._state(
            case,
            today=today,
            reviews=reviews,
            inventory=entry.inventory if entry else None,
            act=act_entry.act if act_entry else None,
            transfer=transferred.transfer if transferred else None,
        )
        state.chain = chain
        state.documents = figures["n"]
        state.first_date, state.last_date = figures["first"], figures["last"]
        found.append(state)
    return found


def summary(states):
    return [
        (s.case.pk, s.state, s.documents, s.first_date, s.last_date, s.expires, s.permanent)
        for s in states
    ]


# --- measuring ---------------------------------------------------------------------------------


class Counted:
    """The statements a block runs (counted as they go: no log to overflow)."""

    def __enter__(self):
        from django.db import connection

        self.count = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


def timed(function, runs, warm_up=True):
    if warm_up:
        function()
    timings, queries = [], set()
    for _n in range(runs):
        with Counted() as counted:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        queries.add(counted.count)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[min(len(timings), math.ceil(0.95 * len(timings))) - 1],
        "queries": sorted(queries),
        "runs": runs,
    }


def page(user, url):
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def measure(org, people, today, args, full):
    """The figures of one size; returns {name: result} and notes."""
    from django.db import transaction

    from archive import selectors, services
    from archive.models import Event

    results, notes = {}, {}
    states = selectors.case_states(org, today=today)
    counts = {}
    for s in states:
        counts[s.state] = counts.get(s.state, 0) + 1
    print("  closed cases by state: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    missing = [
        code
        for name, code in vars(selectors.State).items()
        if name.isupper() and code not in counts
    ]
    print(f"  states missing: {', '.join(missing) or 'none'}")

    naive = naive_case_states(org, today=today)
    same = summary(naive) == summary(states)
    print(
        f"  naive per-case computation gives the same states and figures: {'yes' if same else 'NO'}"
    )
    heavy = max(3, args.runs // 4)
    naive_runs = heavy if args.naive_runs is None else args.naive_runs

    def run(name, function, runs=args.runs, warm_up=True):
        result = timed(function, runs, warm_up)
        results[name] = result
        print(
            f"  {name:<44} p50 {result['p50']:8.1f} ms  p95 {result['p95']:8.1f} ms  "
            f"queries {result['queries']}  ({runs} runs)"
        )

    run("selectors.case_states(org)", lambda: selectors.case_states(org, today=today))
    if naive_runs:
        run(
            "naive per-case case_states",
            lambda: naive_case_states(org, today=today),
            runs=naive_runs,
            warm_up=False,  # the check above was its warm-up
        )
    run("selectors.report(org)", lambda: selectors.report(org, today=today))
    for tab in TABS:
        run(f"page /archive/?tab={tab}", page(people["clerk"], f"/archive/?tab={tab}"))

    act, chosen = make_act(org, people, args.act_cases, today)
    plan = services.destruction_plan(act)
    notes["act"] = {
        "cases": len(chosen),
        "documents": len(plan["documents"]),
        "kept": len(plan["kept"]),
        "files": len(plan["files"]),
    }
    print(
        f"  act of {len(chosen)} expired cases: {len(plan['documents'])} documents to destroy, "
        f"{len(plan['kept'])} kept, {len(plan['files'])} files"
    )
    run("services.destruction_plan(act)", lambda: services.destruction_plan(act), runs=heavy)

    if args.explain:
        explain(org, today)
    if args.profile:
        profile(people["clerk"])

    if full:
        media = media_root(args.database_url)
        stored = [
            row["stored"] for row in plan["files"] if row["stored"] and not row["kept_in_storage"]
        ]
        before = sum((media / name).exists() for name in stored)
        with Counted() as counted:
            started = time.perf_counter()
            done = services.destroy(act=act, actor=people["clerk"])  # its own transaction
            elapsed = (time.perf_counter() - started) * 1000
        after = sum((media / name).exists() for name in stored)
        event = Event.objects.filter(organization=org, action=Event.Action.DESTROYED).first()
        notes["destroy"] = {
            "ms": elapsed,
            "queries": counted.count,
            "documents": len(done["documents"]),
            "files": len(done["files"]),
            "removed": before - after,
        }
        print(
            f"  services.destroy(act), once: {elapsed:.0f} ms, {counted.count} "
            f"queries; {len(done['documents'])} documents destroyed, {len(done['files'])} "
            f"versions' files listed, {before - after} of {len(stored)} stored files removed "
            f"from disk; log: «{event.details if event else '—'}»"
        )
        assert not transaction.get_connection().in_atomic_block
        from search.background import drainer

        drainer.wait_idle(120)  # the search outbox's thread, woken by the destruction
    return results, notes


def explain(org, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive import selectors

    with CaptureQueriesContext(connection) as captured:
        selectors.case_states(org, today=today)
    for query in captured.captured_queries:
        print(f"\n== {query['time']} s: {query['sql'][:160]}")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))


def profile(user):
    import cProfile
    import pstats

    get = page(user, "/archive/?tab=overview")
    get()
    profiler = cProfile.Profile()
    profiler.enable()
    for _n in range(5):
        get()
    profiler.disable()
    print("\n== profile of 5 overview pages (cumulative)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    print("== (own time)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--cases", type=int, default=200, help="cases a year")
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--act-cases", type=int, default=100)
    parser.add_argument(
        "--naive-runs",
        type=int,
        help="runs of the naive computation (default: a quarter of --runs, at least 3; 0: "
        "only checked once, not timed)",
    )
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a kept database again (no writing)"
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/reglament_bench_archive"
    )
    args = parser.parse_args()

    if not args.reuse:
        recreate_database(args.database_url)
    media = media_root(args.database_url)
    media.mkdir(parents=True, exist_ok=True)
    scratch = [
        tempfile.mkdtemp(prefix="reglament-bench-static-"),
        tempfile.mkdtemp(prefix="reglament-bench-index-"),
    ]
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        READ_DOT_ENV="0",
        MEDIA_ROOT=str(media),
        STATIC_ROOT=scratch[0],
        SEARCH_INDEX_DIR=scratch[1],
        # Production settings refuse the console e-mail backend; the bench sends none.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import get_resolver
    from django.utils import timezone

    from documents.models import Document, DocumentVersion
    from registry.models import Case

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings, DEBUG off
    _ = get_resolver().url_patterns
    today = timezone.localdate()
    if args.reuse:
        stages = [("as kept", None)]
    else:
        stages = [
            ("10%", (max(1, args.cases // 10), args.documents // 10)),
            ("100%", (args.cases, args.documents)),
        ]
    print(
        f"PostgreSQL {connection.cursor().connection.info.server_version}, today "
        f"{today:%d.%m.%Y}; {args.runs} runs each after a warm-up (the naive computation and "
        f"the destruction plan {max(3, args.runs // 4)}); load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    measured = []
    for label, size in stages:
        started = time.perf_counter()
        if size is None:
            org, _units, people = load_people()
        else:
            cases, documents = size
            if label != stages[0][0]:
                fresh_database(args.database_url)
            else:
                shutil.rmtree(media, ignore_errors=True)
                media.mkdir(parents=True)
            org, units, people = setup_people()
            writer = Writer(org, units, people, media, today, random.Random(23))
            populate(writer, years=args.years, cases=cases, documents=documents)
        closed = Case.objects.filter(nomenclature__organization=org).count()
        print(
            f"\n{label}: {closed:,} cases in {args.years + 1} nomenclatures, "
            f"{Document.objects.count():,} documents, {DocumentVersion.objects.count():,} "
            f"versions (written in {time.perf_counter() - started:.0f} s); load average "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        results, notes = measure(org, people, today, args, full=label != "10%")
        measured.append((label, results, notes))

    print("\nSide by side (p50 / p95 ms, queries):")
    names = [name for name in measured[0][1] if all(name in r for _l, r, _n in measured)]
    header = "".join(f"{label:>34}" for label, _r, _n in measured)
    print(f"  {'':<44}{header}")
    for name in names:
        cells = "".join(
            f"{r[name]['p50']:>10.1f} /{r[name]['p95']:>9.1f}  q {str(r[name]['queries']):<8}"
            for _label, r, _n in measured
        )
        print(f"  {name:<44}{cells}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not (args.keep or args.reuse):
        connection.close()
        drop_database(args.database_url)
        shutil.rmtree(media, ignore_errors=True)
    for path in scratch:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
