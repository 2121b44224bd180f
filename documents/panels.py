"""What other apps add to a document's page: buttons (actions) and cards (panels), registered
in their AppConfig.ready(). The documents app knows none of them: the registry shows
«Зарегистрировать», the bank its publication, the approval engine the approvals and the
history, the processes what they start from a document.

An action provider is `function(user, document) -> list[Action]`; a panel provider is
`function(user, document) -> dict | None` (the panel's context, None to show nothing) with its
template, which gets that context as `panel`."""

from dataclasses import dataclass

MAIN, NOTES, AMENDMENTS = "main", "notes", "amendments"  # where an action stands

_ACTIONS = []
_PANELS = []


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    slot: str = MAIN
    method: str = "get"  # "post": a button in its own form (CSRF-protected)
    hint: str = ""


def register_action(provider, *, order=100):
    _ACTIONS.append((order, provider))
    _ACTIONS.sort(key=lambda entry: entry[0])


def register_panel(template, provider, *, order=100):
    _PANELS.append((order, template, provider))
    _PANELS.sort(key=lambda entry: entry[0])


def actions(user, document) -> dict[str, list[Action]]:
    """The actions the user has on the document, by slot."""
    slots = {MAIN: [], NOTES: [], AMENDMENTS: []}
    for _order, provider in _ACTIONS:
        for action in provider(user, document) or ():
            slots.setdefault(action.slot, []).append(action)
    return slots


def panels(user, document) -> list[dict]:
    shown = []
    for _order, template, provider in _PANELS:
        context = provider(user, document)
        if context is not None:
            shown.append({"template": template, "context": context})
    return shown
