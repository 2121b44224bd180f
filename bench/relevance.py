"""Relevance suite: recall@10 and MRR of the search over the five seed documents.

    .venv/bin/python bench/relevance.py [--database-url postgres://postgres@127.0.0.1:5432/x]

Without --database-url it runs on a throw-away SQLite database (the embedded backend); with a
PostgreSQL URL the database is recreated first. The engine is SEARCH_BACKEND (tantivy unless set).
Prints every query with the seeds found.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="reglament-relevance-"))
    url = args.database_url or f"sqlite:///{workdir / 'relevance.sqlite3'}"
    if url.startswith("postgres"):
        from registration import recreate_database

        recreate_database(url)
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=url,
        MEDIA_ROOT=str(workdir / "media"),
        SEARCH_INDEX_DIR=str(workdir / "index"),
        SEARCH_OUTBOX_DRAIN="inline",  # the queries follow the uploads at once
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from documents.services import create_document
    from orgs.models import Organization
    from search.backends import get_backend
    from search.relevance import evaluate
    from search.services import drain_outbox

    call_command("migrate", verbosity=0)
    organization = Organization.objects.create(code="r", name="Relevance", kind="other")
    ids = {}
    for path in sorted((ROOT / "documents" / "seeds").glob("*.txt")):
        ids[path.name[:3]] = create_document(
            organization=organization, name=path.name, data=path.read_bytes()
        ).pk
    drain_outbox()
    backend = get_backend()
    outcomes, recall, mrr = evaluate(
        lambda q: [h.document_id for h in backend.search(q, per_page=10).hits], ids
    )
    print(f"backend: {backend.name} on {connection.vendor}, queries: {len(outcomes)}")
    for o in outcomes:
        mark = "ok " if o.recall == 1 and o.reciprocal_rank == 1 else "!! "
        print(f"{mark}{o.query:<45} expected {sorted(o.expected)} found {o.found}")
    print(f"recall@10: {recall:.3f}  MRR: {mrr:.3f}  (goals: 1.0 and >= 0.9)")


if __name__ == "__main__":
    main()
