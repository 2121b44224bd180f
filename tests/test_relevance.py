"""The relevance suite on the database backend of this run: recall@10 = 1.0, MRR >= 0.9."""

from pathlib import Path

import pytest

from documents import services as documents
from search.backends import get_backend
from search.relevance import SUITE, evaluate
from search.services import drain_outbox

SEEDS = Path(__file__).resolve().parent.parent / "documents" / "seeds"


@pytest.mark.django_db
def test_relevance_suite(org_tree):
    assert len(SUITE) >= 20
    ids = {}
    for path in sorted(SEEDS.glob("*.txt")):
        document = documents.create_document(
            organization=org_tree["centre"], name=path.name, data=path.read_bytes()
        )
        ids[path.name[:3]] = document.pk
    drain_outbox()
    backend = get_backend()
    outcomes, recall, mrr = evaluate(
        lambda q: [h.document_id for h in backend.search(q, per_page=10).hits], ids
    )
    misses = [(o.query, o.found) for o in outcomes if o.recall < 1 or o.reciprocal_rank < 1]
    assert recall == 1.0, misses
    assert mrr >= 0.9, misses
