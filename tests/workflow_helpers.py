"""Driving the approval processes through the test client, as the real roles do."""

import datetime

from django.test import Client
from django.urls import get_resolver


def rows(name, *values, keys=None):
    """A table of rows as the page sends it (common.forms.RowsField): `<name>-<i>-<key>`; a
    plain value is the row's first column (`keys[0]`, by default «text»)."""
    data = {}
    for index, value in enumerate(values):
        row = value if isinstance(value, dict) else {(keys or ("text",))[0]: value}
        data.update({f"{name}-{index}-{key}": cell for key, cell in row.items()})
    return data


CONCLUSION = {
    "object_title": "Рабочая программа по математике для 5 класса",
    "object_author": "Петрова А. А.",
    "object_subject": "математика, 5 класс",
    "collected_from": "2026-10-01",
    "collected_to": "2026-10-15",
    "method": "анализ документов, посещение уроков",
    "theses": "Программа соответствует ФГОС.\nПланируемые результаты конкретны.",
    "conclusion": "Программа составлена в соответствии с требованиями.",
    "recommendations": "Дополнить перечень цифровых ресурсов.",
    "verdict": "recommended",
    **rows(
        "criteria",
        {"criterion": "Соответствие ФГОС", "score": "5", "remark": "полностью"},
        {"criterion": "Логика изложения", "score": "4", "remark": ""},
    ),
    "category": "methodical",
}

ORDER = {
    "title": "О проведении муниципального этапа олимпиады",
    "preamble": "В соответствии с планом работы на 2026/2027 учебный год",
    **rows("items", "Провести муниципальный этап олимпиады.", "Утвердить состав жюри."),
    "control": "Контроль за исполнением приказа оставляю за собой.",
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls_loaded():
    _ = get_resolver().url_patterns  # Flow.start.reverse() needs the URLconf loaded


def start(flow_class, user, data, **extra):
    urls_loaded()
    return client_for(user).post(flow_class.start.reverse("execute"), {**data, **extra})


def open_task(user, approval, purpose="decision"):
    """The user's open task in the approval (and its step)."""
    step = approval.steps.get(assignee=user, decided_at__isnull=True, purpose=purpose)
    return step


def act(user, step, data=None, files=None):
    task = step.task
    url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    payload = dict(data or {})
    if files:
        payload.update(files)
    return client_for(user).post(url, payload)


def decide(user, approval, decision="agree", remarks=""):
    step = open_task(user, approval)
    return act(user, step, {"decision": decision, "remarks": remarks})


def tomorrow():
    return datetime.date.today() + datetime.timedelta(days=1)


def start_conclusion(people, **extra):
    """The methodist sends the conclusion of CONCLUSION with two experts; its approval."""
    from conclusions.flows import ExpertConclusionFlow  # the flow needs the apps loaded
    from workflows.models import Approval

    response = start(
        ExpertConclusionFlow,
        people["methodist"],
        CONCLUSION,
        experts=[people["methodist"].pk, people["methodist2"].pk],
        **extra,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Approval.objects.get(initiator=people["methodist"])
