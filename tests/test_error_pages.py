"""Missing and refused pages inside the frame, in Russian, with the menu and a way back; also
while DEBUG is on (the development server), where Django would list the URL patterns. The
API keeps answering in JSON."""

import pytest
from django.db import DatabaseError
from django.test import Client, override_settings
from django.urls import path

from documents import services
from orgs.roles import Role

REGULATION = "ПОЛОЖЕНИЕ\nо совете\n\n1. Общие положения\n1.1. Первый пункт.\n"


@pytest.fixture
def methodist(client, org_tree, make_person):
    person = make_person("methodist", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(person)
    return person


@pytest.fixture
def others_document(org_tree):
    """A document of the school: the centre's methodist may not see it."""
    return services.create_document(
        organization=org_tree["school"], name="b.txt", data=REGULATION.encode()
    )


def _assert_framed(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    # The frame's menu with its sections, and the ways back.
    assert "vf-page__menu" in html
    for section in ("Документы", "Задачи", "Реестр", "Поиск"):
        assert section in html, section
    assert "На главную" in html and "Назад" in html
    # Not Django's technical page, which lists the URL patterns.
    assert "URLconf" not in html and "Using the URLconf" not in html
    assert "Page not found" not in html and "Django Material" not in html
    return html


@pytest.mark.parametrize("debug", [False, True])
def test_refused_document_is_a_friendly_404(client, methodist, others_document, settings, debug):
    settings.DEBUG = debug
    response = client.get(
        f"/documents/{others_document.pk}/", HTTP_REFERER="http://testserver/documents/"
    )
    html = _assert_framed(response, 404, "Страница не найдена")
    assert 'href="http://testserver/documents/"' in html  # «Назад» to where the user was
    assert others_document.title not in html


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_address_is_a_friendly_404(client, methodist, settings, debug):
    settings.DEBUG = debug
    _assert_framed(client.get("/no-such-page/"), 404, "Страница не найдена")


def test_a_slash_is_still_added_before_answering_404(client, methodist, settings):
    settings.DEBUG = True
    response = client.get("/documents")
    assert response.status_code == 301 and response["Location"] == "/documents/"


def test_back_does_not_lead_to_another_site(client, methodist, settings):
    response = client.get("/no-such-page/", HTTP_REFERER="https://evil.example/")
    assert 'href="https://evil.example/' not in response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_refusal_is_a_friendly_403_with_its_reason(
    client, org_tree, make_person, journal, settings, debug
):
    settings.DEBUG = debug
    stranger = make_person("stranger", org_tree["school"], roles=[Role.METHODIST])
    client.force_login(stranger)
    html = _assert_framed(client.get(f"/registry/journals/{journal.pk}/"), 403, "Доступ запрещён")
    assert "нет прав" in html
    assert "иммет" not in html and "have no rights" not in html


def test_refusal_says_the_reason_the_view_gave(client, org_tree, make_person, journal, settings):
    settings.DEBUG = True
    methodist = make_person("m2", org_tree["centre"], roles=[Role.METHODIST])
    client.force_login(methodist)
    response = client.post("/registry/nomenclatures/new/", {"year": 2027})
    html = _assert_framed(response, 403, "Доступ запрещён")
    assert "Номенклатуру и журналы ведут делопроизводитель и руководитель." in html


def test_anonymous_visitor_still_goes_to_login(client, org_tree, journal, others_document):
    for url in (f"/documents/{others_document.pk}/", f"/registry/journals/{journal.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.parametrize("debug", [False, True])
def test_api_keeps_json_errors(client, methodist, others_document, settings, debug):
    settings.DEBUG = debug
    response = client.get(f"/api/v1/documents/{others_document.pk}/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "Не найдено."
    anonymous = Client().get("/api/v1/documents/")
    # Unauthenticated: 401 naming the scheme to use (a token), not a page.
    assert anonymous.status_code == 401 and anonymous["Content-Type"] == "application/json"
    assert anonymous["WWW-Authenticate"] == "Token"


# --- 500 ---------------------------------------------------------------------------------------


def _broken(request):
    raise DatabaseError("the database is gone")


# The project's URLs and error handlers, plus a view that fails.
from config.urls import handler403, handler404, handler500  # noqa: E402,F401
from config.urls import urlpatterns as _project  # noqa: E402

urlpatterns = [path("broken/", _broken), path("api/broken/", _broken), *_project]


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_is_russian_and_needs_no_database(db, settings, monkeypatch):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    # The page must not touch the database or the user: both may be what failed.
    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page queried the database")

    from django.db.backends.utils import CursorWrapper

    with monkeypatch.context() as patched:
        patched.setattr(CursorWrapper, "execute", no_database)
        response = client.get("/broken/")
        api = client.get("/api/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Ошибка сервера" in html and "На главную" in html
    assert "Server error" not in html and "Django Material" not in html
    assert api.status_code == 500 and api["Content-Type"] == "application/json"


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_falls_back_to_a_plain_page_when_the_frame_fails(db, settings, monkeypatch):
    from django.template import loader

    real = loader.render_to_string

    def frame_broken(name, *args, **kwargs):
        if name == "500.html":
            raise RuntimeError("the frame is broken")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", frame_broken)
    response = Client(raise_request_exception=False).get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500 and "Ошибка сервера" in html and "vf-page" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_development_keeps_the_technical_500_page(db, settings):
    settings.DEBUG = True
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "the database is gone" in response.content.decode()  # Django's debug page
