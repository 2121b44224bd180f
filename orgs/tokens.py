"""API tokens: a person issues tokens for their scripts and revokes them, on a page of the frame.

Knox keeps only a digest of each token, so the token itself is shown once, right after it is
issued; the list shows its first characters, when it was issued and when it lapses.
"""

import logging
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from knox.models import AuthToken
from knox.settings import knox_settings

from common.errors import Refused

log = logging.getLogger("reglament.access")

LIFETIMES = {30: gettext_lazy("30 days"), 90: gettext_lazy("90 days"), 365: gettext_lazy("a year")}


def issue_token(*, user, days: int):
    """A new token of `user`, valid for `days`: (its record, the token to hand over). Refused
    beyond REST_KNOX's TOKEN_LIMIT_PER_USER live tokens (knox checks it only in its own login
    view, which we do not use)."""
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and live_tokens(user).count() >= limit:
        raise Refused(
            _("You have %(count)d tokens already: revoke one you no longer need first.")
            % {"count": limit}
        )
    record, token = AuthToken.objects.create(user=user, expiry=timedelta(days=days))
    log.info("API token %s… issued to %s for %d days", record.token_key, user.username, days)
    return record, token


def revoke_token(*, user, token_key: str) -> bool:
    """Revoke a token of `user` (another person's token is not found); True if one was."""
    deleted, _rows = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    if deleted:
        log.info("API token %s… revoked by %s", token_key, user.username)
    return bool(deleted)


def live_tokens(user):
    now = timezone.now()
    return AuthToken.objects.filter(user=user, expiry__gt=now).order_by("-created")


class IssueTokenForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        choices=[(d, label) for d, label in LIFETIMES.items()],
        initial=90,
    )


class ApiTokensView(LoginRequiredMixin, FormView):
    template_name = "orgs/api_tokens.html"
    form_class = IssueTokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(tokens=live_tokens(self.request.user), **kwargs)

    def post(self, request, *args, **kwargs):
        revoke = request.POST.get("revoke")
        if revoke is not None:
            if revoke_token(user=request.user, token_key=revoke):
                messages.success(request, _("The token is revoked."))
            return redirect(reverse("workflow:api_tokens"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            _record, token = issue_token(user=self.request.user, days=form.cleaned_data["days"])
        except Refused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        # Shown once: the database keeps only its digest.
        return self.render_to_response(
            self.get_context_data(form=self.form_class(), new_token=token)
        )
