"""Where поручения come from, as the upper apps register them in their AppConfig.ready():
the page an assignment of a source opens on, and whether the source controls its rows itself
(a work plan reports, extends and reminds its items on its own pages; control of execution
lists and counts them with the rest)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Source:
    code: str
    url: Callable | None = None  # assignment -> the page it is acted on
    self_controlled: bool = False


_SOURCES: dict[str, Source] = {}


def register(code, *, url=None, self_controlled=False):
    _SOURCES[code] = Source(code, url, self_controlled)


def url_of(assignment) -> str:
    source = _SOURCES.get(assignment.source)
    if source is not None and source.url is not None:
        return source.url(assignment)
    return reverse("control:assignment", args=[assignment.pk])


def controlled_here(assignment) -> bool:
    source = _SOURCES.get(assignment.source)
    return source is None or not source.self_controlled


def self_controlled() -> list[str]:
    return [code for code, source in _SOURCES.items() if source.self_controlled]
