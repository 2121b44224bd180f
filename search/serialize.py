"""Search results as JSON: the CLI and the API print the same fields."""

from dataclasses import asdict


def results_json(results) -> dict:
    return {
        "count": results.count,
        "count_exact": results.count_exact,
        "results": [
            {"id": hit.document_id, **{k: v for k, v in asdict(hit).items() if k != "document_id"}}
            for hit in results.hits
        ],
        "facets": results.facets,
    }
