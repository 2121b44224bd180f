"""Login page, the application frame and its sections, in Russian."""

import pytest
from django.core.management import call_command

from orgs.demo import DEMO_PASSWORD


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    settings.DEBUG = False


def test_login_page_is_russian(client, db):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru"' in html or 'lang="ru"' in html
    assert "Войти" in html
    assert "Имя пользователя" in html and "Пароль" in html
    assert "Регламент" in html


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_wrong_password_is_explained_in_russian(client, demo):
    response = client.post("/accounts/login/", {"username": "methodist", "password": "wrong"})
    assert response.status_code in (200, 422)
    assert "правильные имя пользователя и пароль" in response.content.decode()


@pytest.mark.parametrize(
    "username",
    ["head", "deputy", "senior_methodist", "methodist", "clerk", "staff", "admin"],
)
def test_each_demo_user_logs_in_and_sees_the_sections(client, demo, username):
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    response = client.get("/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    for section in ("Документы", "Задачи", "Реестр", "Поиск"):
        assert section in html, section
    assert "No viewsets found" not in html  # sections have no broken sub-menu
    assert ("Администрирование" in html) == (username == "admin")


@pytest.mark.parametrize("url", ["/documents/", "/registry/", "/search/", "/workflow/inbox/"])
def test_sections_open(client, demo, url):
    client.login(username="methodist", password=DEMO_PASSWORD)
    response = client.get(url)
    assert response.status_code == 200


def test_admin_screens_for_organisations_and_people(client, demo):
    client.login(username="admin", password=DEMO_PASSWORD)
    for url in (
        "/admin/orgs/organization/",
        "/admin/orgs/unit/",
        "/admin/orgs/user/",
        "/admin/orgs/organization/add/",
        "/admin/orgs/user/add/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.get("/admin/orgs/user/")
    assert "Старший методист" in response.content.decode()  # the roles column


def test_admin_user_form_sets_roles_and_enforces_one_head(client, demo):
    from orgs.models import Organization, User

    client.login(username="admin", password=DEMO_PASSWORD)
    person = User.objects.get(username="clerk")
    centre = Organization.objects.get(code="imc")
    data = {
        "username": "clerk",
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": "",
        "email": person.email,
        "phone": "",
        "organization": centre.pk,
        "unit": person.unit_id,
        "position": person.position,
        "roles": ["clerk", "staff"],
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    url = f"/admin/orgs/user/{person.pk}/change/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=person.pk).roles == {"clerk", "staff"}

    response = client.post(url, {**data, "roles": ["head"]})
    assert response.status_code == 200
    assert "уже есть руководитель" in response.content.decode()
    assert User.objects.get(pk=person.pk).roles == {"clerk", "staff"}
