"""Cards of the dashboard (Задачи → Обзор) that other apps add: in its AppConfig.ready() an app
registers a template and a function of the user giving the card's context (e.g. plans: «Мои
пункты планов»). The engine's own cards — tasks, overdue, documents in progress — are its
template's.

A card whose things can be late says which are in its context's "overdue": a list of
{"title", "due" (date or datetime), "url"}; the engine's «Просрочено» card counts and lists them
with the overdue tasks, so its number is what the page marks «просрочено»."""

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


def overdue(cards_) -> list[dict]:
    """What the cards mark overdue, in one list."""
    return [entry for card in cards_ for entry in card["context"].get("overdue", ())]
