"""Benchmark: the search engines side by side over N generated documents built from the seeds.

    .venv/bin/python bench/search.py [--docs 100000] [--queries 100]
        [--engines tantivy,database] [--database-url postgres://…/reglament_search]

Every engine indexes the same database: first 20 planted targets, then the corpus, then 20 more
targets, all through the outbox (the normal indexing path); then a rebuild. For each target its
query of common corpus words (the words in the target's title and ten times in its text; the
target is clearly the best match): recall@10 and the rank of every target, targets added first
and last, before and after the rebuild. Then query p50/p95 for 1-, 2-, 3-word queries and
phrases as a staff member (permission condition and facets included), engines alternated
query by query; API/engine (GET /api/v1/search/ through Django's test client over the engine
call); the document page («похожие документы» included) p50/p95; index size.

Goals: recall@10 >= 0.95 everywhere; p95 <= 50 ms at 100k (<= 150 ms at 1M); API/engine <=
1.5; indexing >= 1,000 docs/s; document page p95 <= 100 ms. `--docs 1000000` generates the
corpus in batches and takes long (not in CI). Without --database-url: a throw-away SQLite file.
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGETS = 20
BATCH = 2000


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


def ms(values):
    return f"{statistics.median(values) * 1000:6.1f} / {percentile(values, 0.95) * 1000:6.1f} ms"


def common_words(sentences, rng, count):
    """Words of at least five letters found in many sentences (so in most documents)."""
    frequency = Counter(w.lower() for s in sentences for w in set(re.findall(r"[А-Яа-яЁё]{5,}", s)))
    # Ties in word order, not in set order (which changes with every interpreter's hash seed):
    # the same targets in every run.
    common = sorted(frequency, key=lambda w: (-frequency[w], w))[:150]
    return [rng.sample(common, rng.choice((2, 3))) for _ in range(count)]


def create(org, rng, sentences, count, targets=None):
    """`count` documents of random seed sentences; with `targets` (word lists), one target
    each: the words in its title and ten times in its text. Returns their ids (a million
    documents with their texts would not fit in memory)."""
    from documents.models import Document, DocumentVersion

    kinds = ["regulation", "order", "conclusion", "plan", "report", "note"]
    made = []
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        chunk = targets[start : start + size] if targets else None
        docs = Document.objects.bulk_create(
            Document(
                organization=org,
                kind=rng.choice(kinds),
                status="approved",
                title=(" ".join(chunk[i]).capitalize() if chunk else rng.choice(sentences))[:200],
            )
            for i in range(size)
        )
        texts = [
            "\n".join(
                rng.sample(sentences, rng.randint(8, 25))
                + ([f"{' '.join(chunk[i])}." for _ in range(10)] if chunk else [])
            )
            for i in range(size)
        ]
        versions = DocumentVersion.objects.bulk_create(
            DocumentVersion(
                document=d,
                number=1,
                file=f"bench/{d.pk}.txt",
                original_name=f"{d.pk}.txt",
                size=0,
                sha256="0" * 64,
                text=text,
            )
            for d, text in zip(docs, texts, strict=True)
        )
        for document, version in zip(docs, versions, strict=True):
            document.current_version = version
        Document.objects.bulk_update(docs, ["current_version"])
        made += [d.pk for d in docs]
    return made


def drain_with(engines, settings, document_ids):
    """Queue the documents in the outbox and let each engine drain it; seconds per engine."""
    from search import services
    from search.models import IndexTask

    took = {}
    for engine in engines:
        settings.SEARCH_BACKEND = engine
        for start in range(0, len(document_ids), 10_000):
            IndexTask.objects.bulk_create(
                IndexTask(document_id=pk) for pk in document_ids[start : start + 10_000]
            )
        started = time.perf_counter()
        result = services.drain_outbox()
        took[engine] = time.perf_counter() - started
        assert result["failed"] == 0 and result["waiting"] == 0, result
    return took


def planted(engines, settings, reader, groups, label):
    from search.backends import get_backend

    for engine in engines:
        settings.SEARCH_BACKEND = engine
        backend = get_backend()
        for name, (docs, words) in groups.items():
            ranks = []
            for pk, query in zip(docs, words, strict=True):
                found = [h.document_id for h in backend.search(" ".join(query), user=reader).hits]
                found += [
                    h.document_id for h in backend.search(" ".join(query), user=reader, page=2).hits
                ]
                ranks.append(found.index(pk) + 1 if pk in found else None)
            recall = sum(1 for r in ranks if r and r <= 10) / len(ranks)
            shown = " ".join(str(r) if r else ">40" for r in ranks)
            print(f"  {engine:>8} {label:<13} {name:<5} recall@10 {recall:.2f}  ranks: {shown}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--engines", default="tantivy,database")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    engines = args.engines.split(",")
    workdir = Path(tempfile.mkdtemp(prefix="reglament-search-"))
    url = args.database_url or f"sqlite:///{workdir / 'search.sqlite3'}"
    if url.startswith("postgres"):
        from registration import recreate_database

        recreate_database(url)
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=url,
        MEDIA_ROOT=str(workdir / "media"),
        SEARCH_INDEX_DIR=str(workdir / "index"),
        SEARCH_OUTBOX_DRAIN="inline",
        DJANGO_SETTINGS_MODULE="config.settings",
        ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from documents.models import Document
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
    first_words, last_words = (
        common_words(sentences, rng, TARGETS),
        common_words(sentences, rng, TARGETS),
    )
    print(f"engines: {', '.join(engines)} on {connection.vendor}; documents: {args.docs}")

    first = create(org, rng, sentences, TARGETS, first_words)
    drain_with(engines, settings, first)
    started = time.perf_counter()
    corpus = create(org, rng, sentences, args.docs)
    print(f"corpus generated in {time.perf_counter() - started:.0f} s")
    for engine, seconds in drain_with(engines, settings, corpus).items():
        print(f"  {engine:>8} indexed through the outbox: {args.docs / seconds:.0f} docs/s")
    last = create(org, rng, sentences, TARGETS, last_words)
    drain_with(engines, settings, last)
    groups = {"first": (first, first_words), "last": (last, last_words)}
    print("planted targets (rank of each target among the first 40):")
    planted(engines, settings, reader, groups, "outbox")
    total = Document.objects.count()
    for engine in engines:
        settings.SEARCH_BACKEND = engine
        started = time.perf_counter()
        get_backend().rebuild(
            Document.objects.select_related("current_version").iterator(chunk_size=2000)
        )
        print(f"  {engine:>8} rebuild: {total / (time.perf_counter() - started):.0f} docs/s")
    planted(engines, settings, reader, groups, "after rebuild")
    sizes(engines, settings)
    if connection.vendor == "postgresql":
        # The bulk writes above leave dead rows: vacuumed now, not by autovacuum mid-queries.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")

    words = re.findall(r"[А-Яа-яЁё]{5,}", " ".join(sentences))
    phrases = [" ".join(re.findall(r"[А-Яа-яЁё]+", s)[:3]) for s in sentences]
    shapes = {
        "1 word": lambda: rng.choice(words),
        "2 words": lambda: " ".join(rng.sample(words, 1) + rng.sample(words, 1)),
        "3 words": lambda: " ".join(rng.choice(phrases).split()[:3]),
        "phrase": lambda: f'"{rng.choice(phrases)}"',
    }
    client = Client()
    client.force_login(reader)
    print("queries as a staff member (engine p50 / p95; API/engine):")
    for shape, make in shapes.items():
        queries = [make() for _ in range(args.queries)]
        engine_times = {e: [] for e in engines}
        api_times = {e: [] for e in engines}
        for query in queries:
            for engine in engines:  # alternated query by query
                settings.SEARCH_BACKEND = engine
                t = time.perf_counter()
                get_backend().search(query, user=reader, per_page=20)
                engine_times[engine].append(time.perf_counter() - t)
                t = time.perf_counter()
                response = client.get("/api/v1/search/", {"q": query})
                api_times[engine].append(time.perf_counter() - t)
                assert response.status_code == 200
        for engine in engines:
            ratio = statistics.median(api_times[engine]) / statistics.median(engine_times[engine])
            print(f"  {engine:>8} {shape:>8}: {ms(engine_times[engine])}; API/engine {ratio:.2f}")
    pages = list(Document.objects.filter(pk__in=rng.sample(corpus, min(args.queries, len(corpus)))))
    print("document page (with «похожие документы») and the similar documents alone:")
    for engine in engines:
        settings.SEARCH_BACKEND = engine
        page, alone = [], []
        for document in pages:
            t = time.perf_counter()
            response = client.get(f"/documents/{document.pk}/")
            page.append(time.perf_counter() - t)
            assert response.status_code == 200, response.status_code
            t = time.perf_counter()
            get_backend().similar(document, user=reader)
            alone.append(time.perf_counter() - t)
        print(f"  {engine:>8} page {ms(page)}; similar {ms(alone)}")


def sizes(engines, settings):
    from django.db import connection

    from search.backends import get_backend

    for engine in engines:
        settings.SEARCH_BACKEND = engine
        if engine == "tantivy":
            size = get_backend().size()
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
                size = cursor.fetchone()[0]
        else:
            continue
        print(f"  {engine:>8} index size: {size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
