"""Benchmark: search over N generated documents with Russian text built from the seeds.

    .venv/bin/python bench/search.py [--docs 100000] [--database-url postgres://…/reglament_search]
        [--queries 200]

Creates the documents (bulk, without the importer), then prints: index rebuild docs/s; query
p50/p95 for 1-, 2- and 3-word queries and a phrase (engine only); and the ratio of end-to-end
API time (GET /api/v1/search/ through Django's test client, as a staff member) to the raw
engine query. Goals at 100k on PostgreSQL: p95 <= 50 ms, ratio <= 1.5, rebuild >= 500 docs/s.
Without --database-url it uses a throw-away SQLite database.
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
sys.path.insert(0, str(ROOT))


def seed_sentences():
    sentences = []
    for path in sorted((ROOT / "documents" / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("*", "")
        for sentence in re.split(r"(?<=[.;:])\s+|\n+", text):
            sentence = sentence.strip(" -·")
            if 40 <= len(sentence) <= 400:
                sentences.append(sentence)
    return sentences


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="reglament-search-"))
    url = args.database_url or f"sqlite:///{workdir / 'search.sqlite3'}"
    if url.startswith("postgres"):
        from registration import recreate_database

        recreate_database(url)
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=url,
        MEDIA_ROOT=str(workdir / "media"),
        DJANGO_SETTINGS_MODULE="config.settings",
        ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from documents.models import Document, DocumentVersion
    from orgs.models import Organization, User
    from orgs.roles import Role
    from orgs.services import assign_roles
    from search.backends import get_backend

    call_command("migrate", verbosity=0)
    org = Organization.objects.create(code="bench", name="Bench", kind="methodological_centre")
    reader = User.objects.create_user("reader", password="pw", organization=org)
    assign_roles(reader, [Role.STAFF])

    rng = random.Random(2026)
    sentences = seed_sentences()
    kinds = ["regulation", "order", "conclusion", "plan", "report", "note"]
    started = time.perf_counter()
    batch = 2000
    for start in range(0, args.docs, batch):
        size = min(batch, args.docs - start)
        docs = Document.objects.bulk_create(
            Document(
                organization=org,
                kind=rng.choice(kinds),
                status="approved",
                title=rng.choice(sentences)[:200],
            )
            for _ in range(size)
        )
        versions = DocumentVersion.objects.bulk_create(
            DocumentVersion(
                document=d,
                number=1,
                file=f"bench/{d.pk}.txt",
                original_name=f"{d.pk}.txt",
                size=0,
                sha256="0" * 64,
                text="\n".join(rng.sample(sentences, rng.randint(8, 25))),
            )
            for d in docs
        )
        for document, version in zip(docs, versions, strict=True):
            document.current_version = version
        Document.objects.bulk_update(docs, ["current_version"])
    generated = time.perf_counter() - started

    backend = get_backend()
    started = time.perf_counter()
    backend.rebuild(Document.objects.select_related("current_version").iterator(chunk_size=2000))
    rebuild = time.perf_counter() - started

    words = [w for w in re.findall(r"[А-Яа-яЁё]{5,}", " ".join(sentences))]
    phrases = [" ".join(re.findall(r"[А-Яа-яЁё]+", s)[:3]) for s in sentences]
    shapes = {
        "1 word": lambda: rng.choice(words),
        "2 words": lambda: " ".join(rng.sample(words, 1) + rng.sample(words, 1)),
        "3 words": lambda: " ".join(rng.choice(phrases).split()[:3]),
        "phrase": lambda: f'"{rng.choice(phrases)}"',
    }
    client = Client()
    client.force_login(reader)
    print(
        f"backend: {backend.name} on {connection.vendor}; documents: {args.docs} "
        f"(generated in {generated:.0f} s)"
    )
    print(f"rebuild: {args.docs / rebuild:.0f} docs/s (goal >= 500 on PostgreSQL)")
    for shape, make in shapes.items():
        queries = [make() for _ in range(args.queries)]
        engine, api = [], []
        for query in queries:
            t = time.perf_counter()
            backend.search(query, user=reader, per_page=20)
            engine.append(time.perf_counter() - t)
            t = time.perf_counter()
            response = client.get("/api/v1/search/", {"q": query})
            api.append(time.perf_counter() - t)
            assert response.status_code == 200
        ratio = statistics.median(api) / statistics.median(engine)
        print(
            f"{shape:>8}: engine p50 {statistics.median(engine) * 1000:6.1f} ms, "
            f"p95 {percentile(engine, 0.95) * 1000:6.1f} ms; API p50 "
            f"{statistics.median(api) * 1000:6.1f} ms; API/engine {ratio:.2f}"
        )


if __name__ == "__main__":
    main()
