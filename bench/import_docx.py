"""Benchmark: parse and store N generated regulation .docx files.

    .venv/bin/python bench/import_docx.py [--files 1000] [--clauses 40]

Runs in one process (one core) against a throw-away SQLite database and media directory, and
prints files per second for parsing alone and for parse + store. Goal: >= 40 files/s per core.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_regulation(index: int, clauses: int) -> bytes:
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "МКУ «Информационно-методический центр»"
    stamp = table.rows[0].cells[1]
    stamp.paragraphs[0].text = "УТВЕРЖДЕНО"
    stamp.add_paragraph("приказом директора")
    stamp.add_paragraph(f"от 01.09.2026 № {index}-од")
    document.add_paragraph("ПОЛОЖЕНИЕ")
    document.add_paragraph(f"о методическом объединении № {index}")
    per_section = 8
    for n in range(clauses):
        section, clause = divmod(n, per_section)
        if clause == 0:
            document.add_paragraph(f"{section + 1}. Раздел {section + 1}")
        document.add_paragraph(
            f"{section + 1}.{clause + 1}. Методическое объединение организует работу "
            f"педагогов по направлению {n}, обобщает передовой педагогический опыт и "
            "представляет отчёт о выполнении плана работы."
        )
        if clause % 3 == 0:
            document.add_paragraph("- участвует в мониторинге качества образования;")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--clauses", type=int, default=40)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="reglament-bench-"))
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from documents.importer import analyse, extract
    from documents.services import create_document
    from orgs.models import Organization

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(code="bench", name="Bench", kind="other")

    started = time.perf_counter()
    files = [build_regulation(i, args.clauses) for i in range(args.files)]
    generated = time.perf_counter() - started
    size = sum(len(f) for f in files) / len(files)

    started = time.perf_counter()
    for i, data in enumerate(files):
        analyse(extract(f"r{i}.docx", data))
    parse_time = time.perf_counter() - started

    started = time.perf_counter()
    for i, data in enumerate(files):
        create_document(organization=organization, name=f"r{i}.docx", data=data)
    store_time = time.perf_counter() - started

    print(
        f"files: {args.files}, clauses per file: {args.clauses}, mean size: {size / 1024:.1f} KiB"
    )
    print(f"generated in {generated:.1f} s")
    print(f"parse only:    {args.files / parse_time:7.1f} files/s")
    print(f"parse + store: {args.files / store_time:7.1f} files/s  (goal >= 40 per core)")


if __name__ == "__main__":
    main()
