"""Cards of the dashboard (Задачи → Обзор) that other apps add: in its AppConfig.ready() an app
registers a template and a function of the user giving the card's context (e.g. plans: «Мои
пункты планов»). The engine's own cards — tasks, overdue, documents in progress — are its
template's."""

from django.utils import timezone

_CARDS = []


def register_card(template, context):
    _CARDS.append((template, context))


def cards(user) -> list[dict]:
    today = timezone.localdate()
    return [
        {"template": template, "context": {"today": today, **context(user)}}
        for template, context in _CARDS
    ]
