"""The importer reads each document of the corpus (tests/import_corpus) the way a records manager
does: the requisites written out beside each document, and never a signature or an executor
note inside the text."""

import pytest

from documents.importer import analyse, extract

from .import_corpus import CORPUS, Prefix


def differences(expected, actual, path="") -> list[str]:
    """Where `actual` departs from `expected`: only the keys `expected` lists are compared."""
    if isinstance(expected, Prefix):
        return [] if expected.matches(actual) else [f"{path}: {actual!r} is not {expected!r}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: {actual!r} is not a mapping like {expected!r}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found += differences(value, actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list | tuple):
        if not isinstance(actual, list | tuple) or len(actual) != len(expected):
            return [f"{path}: {actual!r} is not {expected!r}"]
        found = []
        for i, (want, have) in enumerate(zip(expected, actual, strict=True)):
            found += differences(want, have, f"{path}[{i}]")
        return found
    return [] if expected == actual else [f"{path}: {actual!r} != {expected!r}"]


def sections_as_expected(expected: list, actual: list[dict]) -> list:
    """The sections in the corpus's own shorthand: (number, title, [clause number or
    (clause number, text) or (clause number, {clause keys})]), with the text or the keys only
    where the expectation gives them."""
    shaped = []
    for want, have in zip(expected, actual, strict=False):
        clauses = []
        for clause_want, clause in zip(want[2], have["clauses"], strict=False):
            if isinstance(clause_want, tuple) and isinstance(clause_want[1], dict):
                clauses.append((clause["number"], clause))  # (number, {"note": …})
            elif isinstance(clause_want, tuple):
                clauses.append((clause["number"], clause["text"]))
            else:
                clauses.append(clause["number"])
        clauses += [c["number"] for c in have["clauses"][len(want[2]):]]
        shaped.append((have["number"], have["title"], clauses))
    shaped += [(s["number"], s["title"], [c["number"] for c in s["clauses"]])
               for s in actual[len(expected):]]
    return shaped


def read(sample) -> dict:
    return analyse(extract(sample.file_name, sample.build())).as_dict()


@pytest.mark.parametrize("sample", CORPUS, ids=[s.name for s in CORPUS])
def test_the_requisites_are_read_as_written_out(sample):
    result = read(sample)
    expected = dict(sample.expected)
    found = []
    if "sections" in expected:
        want = expected.pop("sections")
        have = sections_as_expected(want, result["sections"])
        found += differences([tuple(w[:2]) + (list(w[2]),) for w in want],
                             [tuple(h[:2]) + (list(h[2]),) for h in have], ".sections")
    if "tables" in expected:
        want = expected.pop("tables")
        found += differences(want, result["tables"], ".tables")
    found += differences(expected, result)
    assert not found, "\n".join(found)


def _texts(result) -> list[str]:
    texts = [result["preamble"]]
    for section in result["sections"]:
        texts += [section["title"], section["text"]]
        texts += [clause["text"] for clause in section["clauses"]]
    return [t for t in texts if t]


@pytest.mark.parametrize("sample", CORPUS, ids=[s.name for s in CORPUS])
def test_no_signature_or_executor_note_inside_the_text(sample):
    result = read(sample)
    closing = [s["name"] for s in result["signatures"] if s.get("name")]
    if result["executor"]:
        closing += [v for v in (result["executor"]["name"], result["executor"]["phone"]) if v]
    texts = _texts(result)
    assert not [(name, t) for name in closing for t in texts if name in t]
    assert not [t for t in texts if t.startswith(("Исп.", "Исполнитель"))]


def test_the_corpus_covers_every_kind_the_importer_names():
    kinds = {s.expected["kind"] for s in CORPUS}
    assert {"regulation", "order", "plan", "instruction", "rules", "procedure", "reglament",
            "programme", "note", "letter", "conclusion", "minutes"} <= kinds
