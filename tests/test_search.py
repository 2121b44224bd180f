"""The search engines: tantivy (the embedded default) and the database (PostgreSQL or SQLite,
whichever this run uses), each test run on both through the normal indexing path."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from documents import lifecycle
from documents import services as documents
from orgs.roles import Role
from search import services
from search.backends import get_backend
from search.models import IndexTask
from search.text import fold, lemma, number_key, parse_query, phrase_keys, search_keys

from .record_helpers import keeper

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["tantivy", "database"])
def engine(request, settings):
    settings.SEARCH_BACKEND = request.param
    return request.param


database_only = pytest.mark.parametrize("engine", ["database"], indirect=True)

OLYMPIAD = (
    "ПОЛОЖЕНИЕ\nо муниципальной олимпиаде школьников\n\n1. Общие положения\n"
    "1.1. Олимпиады проводятся ежегодно по всем предметам.\n"
    "1.2. Результаты олимпиад вносятся в банк педагогической информации.\n"
)
FGOS = (
    "ПРИКАЗ\n15.03.2022 № 01-12/45\nО переходе на обновлённые ФГОС\n\n"
    "1. Обеспечить переход на ФГОС ООО с 1 сентября.\n2. Провести ещё одно совещание.\n"
)
EXPERIENCE = (
    "ПОЛОЖЕНИЕ\nо распространении опыта\n\n1. Общие положения\n"
    "1.1. Служба изучает передовой педагогический опыт учителей района.\n"
    "1.2. Опыт работы педагогов обобщается ежегодно.\n"
    "3. Права\n3.6. Служба вправе запрашивать информацию у школ.\n"
)


@pytest.fixture
def corpus(org_tree, django_capture_on_commit_callbacks):
    centre = org_tree["centre"]
    with django_capture_on_commit_callbacks(execute=True):
        docs = {
            "olympiad": documents.create_document(
                organization=centre, name="o.txt", data=OLYMPIAD.encode()
            ),
            # Registered on paper as № 01-12/45 of 15.03.2022, entered from the archive.
            "fgos": lifecycle.enter_from_archive(
                documents.create_document(organization=centre, name="f.txt", data=FGOS.encode()),
                actor=keeper(),
                number="01-12/45",
                date=datetime.date(2022, 3, 15),
            ),
            "experience": documents.create_document(
                organization=centre, name="e.txt", data=EXPERIENCE.encode()
            ),
        }
    return docs


def ids(results):
    return [hit.document_id for hit in results.hits]


def search(text, **kwargs):
    return get_backend().search(text, **kwargs)


def test_documents_are_indexed_after_commit_through_the_outbox(corpus):
    assert services.index_status()["indexed"] == 3
    assert IndexTask.objects.count() == 0


def test_morphology_finds_other_forms(corpus):
    assert ids(search("олимпиад")) == [corpus["olympiad"].pk]
    assert ids(search("олимпиадами")) == [corpus["olympiad"].pk]
    assert corpus["experience"].pk in ids(search("опытом"))


def test_yo_is_folded_both_ways(corpus):
    assert ids(search("обновленные")) == [corpus["fgos"].pk]
    assert ids(search("обновлённые")) == [corpus["fgos"].pk]
    # Folded before analysis, «ещё» and «еще» are one word (a stop word for PostgreSQL).
    assert ids(search("ещё совещание")) == ids(search("еще совещание")) == [corpus["fgos"].pk]
    assert fold("Ёлка") == "елка" and lemma("ёлки") == "елка"


def test_abbreviations(corpus):
    assert ids(search("ФГОС")) == [corpus["fgos"].pk]
    assert ids(search("фгос ооо")) == [corpus["fgos"].pk]


def test_registration_and_clause_numbers_rank_above_text(corpus, org_tree):
    with_number_in_text = documents.create_document(
        organization=org_tree["centre"],
        name="n.txt",
        data="Справка\nСм. приказ № 01-12/45 о ФГОС.".encode(),
    )
    services.drain_outbox()
    results = search("01-12/45")
    assert ids(results)[0] == corpus["fgos"].pk and results.hits[0].score >= 1000
    assert with_number_in_text.pk in ids(search("01-12/45"))
    assert ids(search("№ 01-12/45"))[0] == corpus["fgos"].pk
    assert corpus["fgos"].pk in ids(search("01-12/"))  # the start of a number finds it
    assert ids(search("п. 3.6")) == [corpus["experience"].pk]
    assert number_key("№ 01-12/45") == "01-12/45" and number_key("п. 3.6") == "3.6"


def test_phrases_exclusion_and_or(corpus):
    assert ids(search('"передовой педагогический опыт"')) == [corpus["experience"].pk]
    assert ids(search('"опыт передовой"')) == []
    assert ids(search("положение -олимпиада")) == [corpus["experience"].pk]
    assert sorted(ids(search("олимпиада OR ФГОС"))) == sorted(
        [corpus["olympiad"].pk, corpus["fgos"].pk]
    )
    assert parse_query("а ИЛИ б").groups[1]["terms"] == ["б"]


def test_phrase_keys_hold_runs_of_two_and_three_words_in_order():
    text = "банк педагогический информация район".split()
    keys = phrase_keys(text)
    assert search_keys(["банк", "педагогический"]) <= keys
    assert search_keys(["банк", "педагогический", "информация"]) <= keys
    assert search_keys(text) <= keys  # four words: each run of three
    assert not search_keys(["педагогический", "банк"]) <= keys
    assert not search_keys(["банк", "информация"]) <= keys
    assert not search_keys(["банк", "педагогический", "район"]) <= keys
    assert all(0 <= key < 2**63 for key in keys)  # PostgreSQL's bigint


def test_phrases_of_every_length_match_in_order_only(corpus):
    assert ids(search('"результаты олимпиад"')) == [corpus["olympiad"].pk]
    assert ids(search('"результаты олимпиад вносятся в банк"')) == [corpus["olympiad"].pk]
    assert ids(search('"олимпиад результаты"')) == []
    assert ids(search('"результаты олимпиад вносятся в журнал"')) == []
    assert ids(search('"олимпиады"')) == ids(search("олимпиада"))  # a quoted word is a word
    assert ids(search('"передовой педагогический" -учитель')) == []
    assert ids(search('"передовой педагогический" -олимпиада')) == [corpus["experience"].pk]


def test_a_phrase_deep_in_a_long_document_is_found(org_tree):
    # PostgreSQL's vector keeps positions up to 16,383 only, so a phrase beyond them cannot be
    # checked against positions; the phrase keys find it.
    filler = "Учебный план школы утверждается ежегодно. " * 3500
    long = documents.create_document(
        organization=org_tree["centre"],
        name="long.txt",
        data=f"Отчёт\n{filler}\nИтоги муниципальной олимпиады подведены.\n".encode(),
    )
    services.drain_outbox()
    assert ids(search('"итоги муниципальной олимпиады"')) == [long.pk]


def test_words_standing_together_rank_first(corpus, org_tree):
    scattered = documents.create_document(
        organization=org_tree["centre"],
        name="s.txt",
        data="Справка\nИнформация о банке данных. Педагогической работе посвящён раздел.".encode(),
    )
    services.drain_outbox()
    found = ids(search("банк педагогической информации"))
    assert found[0] == corpus["olympiad"].pk and scattered.pk in found


def test_highlights_and_matching_clause(corpus):
    hit = search("банк педагогической информации").hits[0]
    assert "<mark>банк</mark>" in hit.highlight and "<mark>педагогической</mark>" in hit.highlight
    assert hit.clause["number"] == "1.2"
    assert "<mark>олимпиаде</mark>" in search("олимпиада").hits[0].highlight


def test_facets_and_filters(corpus, org_tree):
    services.drain_outbox()
    results = search("положение OR приказ")
    kinds = {f["value"]: f["count"] for f in results.facets["kind"]}
    assert kinds == {"regulation": 2, "order": 1}
    assert results.facets["organization"] == [{"value": "imc", "count": 3}]
    assert ids(search("положение OR приказ", filters={"kind": "order"})) == [corpus["fgos"].pk]
    assert search("", filters={"year": 2022}).count == 1  # the order is dated 15.03.2022


def test_sort_by_date_and_pagination(corpus):
    by_date = search("", sort="date")
    assert by_date.hits[0].document_id == corpus["fgos"].pk  # the only dated document
    first = search("", per_page=2, page=1)
    second = search("", per_page=2, page=2)
    assert first.count == 3 and len(first.hits) == 2 and len(second.hits) == 1


def test_results_only_show_what_the_user_may_read(corpus, org_tree, make_person):
    school = org_tree["school"]
    hidden = documents.create_document(
        organization=school, name="s.txt", data="Справка\nОлимпиада в школе.".encode()
    )
    restricted = documents.create_document(
        organization=org_tree["centre"],
        name="r.txt",
        data="Справка\nОлимпиада закрытая.".encode(),
        visibility="restricted",
    )
    services.drain_outbox()
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    found = ids(search("олимпиада", user=staff))
    assert corpus["olympiad"].pk in found
    assert hidden.pk not in found and restricted.pk not in found
    assert search("олимпиада", user=staff).count == 1  # counts and facets obey it too
    head = make_person("head", org_tree["centre"], roles=[Role.HEAD])
    assert restricted.pk in ids(search("олимпиада", user=head))
    assert {hidden.pk, restricted.pk} <= set(ids(search("олимпиада")))  # user=None: all


def test_new_version_reindexes(corpus, org_tree):
    draft = documents.create_document(
        organization=org_tree["centre"], name="d.txt", data=FGOS.encode()
    )
    second = FGOS.replace("совещание", "олимпиаду").encode()
    documents.add_version(draft, name="v2.txt", data=second)
    services.drain_outbox()
    assert draft.pk in ids(search("олимпиада"))
    assert ids(search('"провести ещё одну олимпиаду"')) == [draft.pk]
    assert draft.pk not in ids(search('"провести ещё одно совещание"'))


def test_a_drafts_file_number_is_found_but_is_no_registration(corpus, org_tree):
    draft = documents.create_document(
        organization=org_tree["centre"],
        name="d.txt",
        data="ПРИКАЗ\n01.02.2026 № 01-01/777\nО проверке\n\n1. Провести проверку.".encode(),
    )
    services.drain_outbox()
    hit = next(h for h in search("01-01/777").hits if h.document_id == draft.pk)
    assert hit.number is None and draft.status == "draft"
    assert search("", filters={"status": "registered"}).count == 1  # the archived order only


def test_outbox_survives_a_broker_outage(
    org_tree, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from search import tasks

    settings.CELERY_TASK_ALWAYS_EAGER, settings.SEARCH_OUTBOX_DRAIN = False, "background"

    def broker_down():
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.drain_outbox, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        document = documents.create_document(
            organization=org_tree["centre"], name="a.txt", data=OLYMPIAD.encode()
        )
    assert ids(search("олимпиада")) == []
    assert IndexTask.objects.filter(document_id=document.pk).exists()
    call_command("search_index", "update")
    assert ids(search("олимпиада")) == [document.pk]
    assert not IndexTask.objects.exists()


def test_outbox_survives_an_engine_outage(org_tree, monkeypatch, engine):
    document = documents.create_document(
        organization=org_tree["centre"], name="a.txt", data=OLYMPIAD.encode()
    )
    backend = get_backend()
    # Where each engine meets its store: the database backend per document, tantivy's writer.
    name = "index" if engine == "database" else "_writer"

    def engine_down(self, *args):
        raise OSError("engine down")

    with monkeypatch.context() as patched:
        patched.setattr(type(backend), name, engine_down)
        result = services.drain_outbox()
    assert result == {"done": 0, "failed": 1, "waiting": 2}  # two changes queued it
    task = IndexTask.objects.order_by("pk").last()
    assert task.attempts == 1 and "engine down" in task.last_error
    assert services.drain_outbox()["done"] == 1
    assert ids(search("олимпиада")) == [document.pk]


def test_rebuild_and_status(corpus, capsys):
    # A new version the outbox has not brought to the engine yet (no commit callbacks here).
    documents.add_version(corpus["experience"], name="v2.txt", data=EXPERIENCE.encode() + b"4.\n")
    get_backend().remove(corpus["olympiad"].pk)
    status = services.index_status()
    assert status["missing"] == [corpus["olympiad"].pk]
    assert status["stale"] == [corpus["experience"].pk]
    call_command("search_index", "status")
    assert "отсутствуют: 1" in capsys.readouterr().out
    call_command("search_index", "rebuild")
    assert "] 3/3" in capsys.readouterr().out  # the progress bar
    status = services.index_status()
    assert status["missing"] == [] and status["stale"] == [] and status["indexed"] == 3
    assert ids(search("олимпиада")) == [corpus["olympiad"].pk]


def test_search_command_json(corpus, capsys, make_person, org_tree):
    import json

    call_command("search", "олимпиада", "--json", "--limit", "5")
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == 1
    hit = data["results"][0]
    assert set(hit) >= {"id", "title", "kind", "number", "date", "score", "highlight"}
    assert hit["id"] == corpus["olympiad"].pk and hit["kind"] == "regulation"
    call_command("search", "01-12/45", "--json")
    hit = json.loads(capsys.readouterr().out)["results"][0]
    assert (hit["number"], hit["date"]) == ("01-12/45", "2022-03-15")
    outsider = make_person("outsider", org_tree["school"], roles=[Role.STAFF])
    call_command("search", "олимпиада", "--json", "--user", outsider.username)
    assert json.loads(capsys.readouterr().out)["count"] == 0
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("search", "x", "--user", "nobody")
    assert error.value.returncode == 2


def test_search_api(client, corpus, org_tree, make_person):
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    client.force_login(staff)
    data = client.get("/api/v1/search/", {"q": "положение"}).json()
    assert data["count"] == 2 and {f["value"] for f in data["facets"]["kind"]} == {"regulation"}
    data = client.get("/api/v1/search/", {"q": "положение OR приказ", "kind": "order"}).json()
    assert [r["id"] for r in data["results"]] == [corpus["fgos"].pk]
    assert client.get("/api/v1/search/", {"year": "abc"}).status_code == 400
    client.logout()
    assert client.get("/api/v1/search/", {"q": "x"}).status_code in (401, 403)


def test_search_page(client, corpus, org_tree, make_person):
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    client.force_login(staff)
    page = client.get("/search/", {"q": "банк педагогической информации"}).content.decode()
    assert "Найдено: 1" in page and "<mark>банк</mark>" in page
    assert "#clause-1.2" in page  # the matching clause links into the document
    assert "Положение" in page  # the kind facet, labelled in Russian
    page = client.get("/search/", {"q": "положение", "kind": "order"}).content.decode()
    assert "Ничего не найдено" in page
    # A registered document's number and date as documents write them (the API keeps ISO).
    page = client.get("/search/", {"q": "ФГОС"}).content.decode()
    assert "№ 01-12/45 · 15.03.2022" in page and "2022-03-15" not in page


def test_who_may_read_changes_the_search_at_once(corpus, org_tree, make_person, engine):
    """The database's permission condition reads the entry's copy of the reader fields, which
    the document's own save updates; the engines that keep readers in their index are caught
    up by the outbox, and until then the hits are checked against the database: a document
    is never shown to one who may no longer read it."""
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    olympiad = corpus["olympiad"]
    documents.set_visibility(olympiad, "restricted")  # its outbox task is never drained here
    assert olympiad.pk not in ids(search("олимпиада", user=staff))
    if engine == "database":
        assert search("олимпиада", user=staff).count == 0
    services.drain_outbox()
    assert search("олимпиада", user=staff).count == 0
    documents.set_visibility(olympiad, "organization")
    services.drain_outbox()
    assert ids(search("олимпиада", user=staff)) == [olympiad.pk]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the bounded count is PostgreSQL's; SQLite's FTS5 counts every match",
)


@postgresql_only
@database_only
def test_counts_beyond_the_limit_are_lower_bounds(corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 3
    results = search("положение OR приказ")
    assert results.count == 3 and results.count_exact
    settings.SEARCH_COUNT_LIMIT = 2
    results = search("положение OR приказ")
    assert results.count == 2 and not results.count_exact
    counted = sum(f["count"] for f in results.facets["kind"])
    assert 2 <= counted <= 3  # true lower bounds of the real 2 regulations and 1 order
    assert len(results.hits) == 3  # every match is ranked however many are counted


def test_the_best_match_is_first_whatever_the_order_of_indexing(org_tree):
    """Relevance is exact: the best document is first among many weaker matches, whether it
    was indexed before them or after, and after a rebuild."""
    from documents.models import Document

    centre = org_tree["centre"]

    def weak(n):
        return documents.create_document(
            organization=centre,
            name=f"w{n}.txt",
            data=f"Справка {n}\nОтчёт о работе. Олимпиада упомянута однажды.".encode(),
        )

    best_first = documents.create_document(
        organization=centre,
        name="best.txt",
        data=("Олимпиада школьников\n" + "Олимпиада школьников проведена. " * 10).encode(),
    )
    for n in range(30):
        weak(n)
    services.drain_outbox()
    assert ids(search("олимпиада школьников"))[0] == best_first.pk
    assert ids(search("олимпиада"))[0] == best_first.pk
    get_backend().rebuild(Document.objects.select_related("current_version"))
    assert ids(search("олимпиада"))[0] == best_first.pk
    assert search("олимпиада").count == 31 and len(search("олимпиада", per_page=50).hits) == 31


@postgresql_only
@database_only
def test_matching_through_the_index_leaves_the_planner_as_it_was(corpus):
    with connection.cursor() as cursor:
        search("олимпиада")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


def test_counts_say_when_they_are_lower_bounds(client, corpus, org_tree, make_person, settings):
    staff = make_person("teacher", org_tree["centre"], roles=[Role.STAFF])
    client.force_login(staff)
    data = client.get("/api/v1/search/", {"q": "положение"}).json()
    assert data["count_exact"] is True
    page = client.get("/search/", {"q": "положение"}).content.decode()
    assert "Найдено: 2" in page and "Найдено: более" not in page
    if connection.vendor == "postgresql" and settings.SEARCH_BACKEND == "database":
        settings.SEARCH_COUNT_LIMIT = 1
        data = client.get("/api/v1/search/", {"q": "положение"}).json()
        assert data["count"] == 1 and data["count_exact"] is False
        page = client.get("/search/", {"q": "положение"}).content.decode()
        assert "Найдено: более 1" in page


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM and planner statistics are PostgreSQL's"
)
@pytest.mark.django_db(transaction=True)
@database_only
def test_a_rebuild_leaves_the_table_analysed_and_vacuumed(org_tree):
    from documents.models import Document

    documents.create_document(organization=org_tree["centre"], name="o.txt", data=OLYMPIAD.encode())
    get_backend().rebuild(Document.objects.select_related("current_version"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples, relallvisible FROM pg_class WHERE relname = 'search_searchentry'"
        )
        tuples, all_visible = cursor.fetchone()
    assert tuples == 1 and all_visible > 0  # earlier tests' rolled-back rows left pages too
