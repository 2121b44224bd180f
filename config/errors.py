"""The error pages: 404, 403 and 500 inside the application's frame, in Russian, with the menu and
a way back; the API (/api/…) answers in JSON as DRF does.

Django shows its technical 404 page (which lists every URL pattern) whenever DEBUG is on, and the
development server runs with DEBUG=1, so `FriendlyErrorsMiddleware` answers refusals and missing
pages itself. Only the technical 500 page stays in development: it is what a developer needs."""

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

API_PREFIX = "/api/"

# When even the template engine fails, this is what a 500 says (no template, no database).
LAST_RESORT_500 = (
    '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Ошибка сервера</title>'
    "</head><body><h1>Ошибка сервера</h1><p>Произошла ошибка. Попробуйте позже.</p>"
    '<p><a href="/">На главную</a></p></body></html>'
)


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(detail, status) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": str(detail)}, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


def _back_url(request) -> str:
    """Where «Назад» leads: the page the user came from when it is one of ours."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def _framed(request, template, status, **context) -> HttpResponse:
    # Imported here: the URL configuration imports every app, and the middleware is loaded
    # before anything asks for it.
    from config.urls import site

    context = {"frame_site": site, "back_url": _back_url(request), **context}
    return HttpResponse(loader.render_to_string(template, context, request), status=status)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _json(_("Not found."), 404)
    return _framed(request, "404.html", 404)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _json(_("You do not have permission to perform this action."), 403)
    if not request.user.is_authenticated:
        # As everywhere else: an anonymous visitor is asked to log in first.
        return redirect_to_login(request.get_full_path())
    message = str(exception) if exception is not None and exception.args else ""
    return _framed(request, "403.html", 403, message=message)


def server_error(request):
    """The 500 page needs neither the database nor the request's user (either may be what
    failed): the frame without the menu, or a plain page if even the frame fails."""
    if _is_api(request):
        return _json(_("Server error."), 500)
    for template in ("500.html", "500_plain.html"):
        try:
            return HttpResponse(loader.render_to_string(template), status=500)
        except Exception:  # noqa: BLE001 - whatever broke the frame, the plain page follows
            continue
    return HttpResponse(LAST_RESORT_500, status=500)


class FriendlyErrorsMiddleware:
    """The friendly 404 and 403 pages also while DEBUG is on (Django's handlers would answer
    with the technical 404 page there). Unhandled errors go on to Django: the technical 500
    page in development, `server_error` in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            # No URL pattern matched: Django answered with its technical page.
            return page_not_found(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        return None
