"""Who may try to sign in, and what a refused attempt leaves behind.

Password guessing is stopped by django-axes: after AXES_FAILURE_LIMIT failures of one user name
from one address, that pair is locked (until the cool-off passes or an administrator unlocks
it). API clients present tokens (django-rest-knox); a wrong token counts as a failure of the
pseudo user name API_TOKEN_USERNAME from that address, so guessing tokens is locked out too.
Every failure, form or token, is logged at WARNING with the user name and the address.
"""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions

log = logging.getLogger("reglament.access")

# Failed token attempts are counted under this name (no real user name has angle brackets).
API_TOKEN_USERNAME = "<api-token>"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the
    address the nearest of them saw (X-Forwarded-For is written by the client too: only the
    entries the proxies appended are believed)."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for sign-ins over HTTP. A call without a request (the test client's
    login, a management command) comes from no address, so there is nothing to lock: the next
    backend authenticates it as usual."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message() -> str:
    minutes = getattr(settings, "LOGIN_COOLOFF_MINUTES", 0)
    if minutes:
        return _(
            "Too many failed sign-in attempts. Signing in with this name from your address is "
            "blocked for %(minutes)d min; an administrator can unblock it sooner."
        ) % {"minutes": minutes}
    return _(
        "Too many failed sign-in attempts. Signing in with this name from your address is "
        "blocked until an administrator unblocks it."
    )


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the API answers 429 with JSON; the login page is shown again,
    with the reason in place of «wrong password»."""
    message, status = lockout_message(), settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
        return JsonResponse({"detail": message}, status=status)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is None:
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    form._errors = {"__all__": form.error_class([message])}
    page = TemplateResponse(request, original_response.template_name, context, status=status)
    return page.render()


def log_login_failure(sender, credentials, request=None, **kwargs):
    """user_login_failed receiver (connected in OrgsConfig.ready)."""
    username = (credentials or {}).get("username", "")
    address = client_ip(request) if request is not None else "-"
    log.warning("Sign-in failed for user %r from %s", username, address)


class ApiTokenAuthentication(TokenAuthentication):
    """Knox tokens (`Authorization: Token <key>`), with wrong tokens counted by axes: an address
    that sent too many is answered 429 until the cool-off passes or it is unblocked."""

    credentials = {"username": API_TOKEN_USERNAME}

    def authenticate(self, request):
        if not self._presents_token(request):
            return None
        http_request = request._request
        if not AxesProxyHandler.is_allowed(http_request, self.credentials):
            log.warning("API token refused from locked address %s", client_ip(http_request))
            raise exceptions.Throttled(detail=lockout_message())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(
                sender=type(self), credentials=self.credentials, request=http_request
            )
            # Knox's own words are English only.
            raise exceptions.AuthenticationFailed(_("The token is wrong or has lapsed.")) from None

    def _presents_token(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "").split()
        return bool(header) and header[0].lower() == self.authenticate_header(request).lower()
