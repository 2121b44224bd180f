"""The pages of correspondence: the lists (incoming, outgoing, arrived through the tree), the
clerk's registration of an incoming document, a letter's card with its actions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.downloads import attachment
from control import selectors as control_selectors
from control import services as control
from control import sources as control_sources

from . import services
from .flows import LetterFlow
from .forms import IncomingForm, SendForm
from .models import Attachment, Letter


def visible_letter(request, pk) -> Letter:
    return get_object_or_404(
        services.letters_of(request.user).select_related(
            "document", "partner_organization", "correspondent", "in_reply_to__document"
        ),
        pk=pk,
    )


def _letter_start_url() -> str:
    return LetterFlow.start.reverse("execute")


class LettersView(LoginRequiredMixin, TemplateView):
    template_name = "correspondence/index.html"
    TABS = (
        ("incoming", gettext_lazy("Incoming")),
        ("outgoing", gettext_lazy("Outgoing")),
        ("arrived", gettext_lazy("Waiting for registration")),
    )

    def get_context_data(self, **kwargs):
        user = self.request.user
        tab = self.request.GET.get("tab", "incoming")
        if tab not in dict(self.TABS):
            tab = "incoming"
        letters = services.letters_of(user).select_related(
            "document", "partner_organization", "correspondent"
        )
        if tab == "arrived":
            letters = letters.filter(status=Letter.Status.ARRIVED)
        else:
            letters = letters.filter(direction=tab).exclude(
                status__in=[Letter.Status.ARRIVED, Letter.Status.CANCELLED]
            )
        waiting = services.letters_of(user).filter(status=Letter.Status.ARRIVED).count()
        return super().get_context_data(
            tabs=[(key, str(label)) for key, label in self.TABS],
            tab=tab,
            letters=list(letters[:200]),
            waiting=waiting,
            keeps=services.may_keep(user, user.organization_id),
            start_url=_letter_start_url(),
            **kwargs,
        )


class RegisterIncomingView(LoginRequiredMixin, TemplateView):
    template_name = "correspondence/register.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.organization_id is None:
            raise PermissionDenied(_("Only members of an organisation register documents."))
        if request.user.is_authenticated and not services.may_keep(
            request.user, request.user.organization_id
        ):
            raise PermissionDenied(_("Only the clerk or the head registers incoming documents."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", IncomingForm(user=self.request.user))
        return super().get_context_data(**kwargs)

    def post(self, request):
        form = IncomingForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            try:
                with transaction.atomic():  # a new correspondent only with the letter
                    letter = self._register(request, form, data, upload)
            except services.CorrespondenceRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(
                    request,
                    _("Registered: № %(number)s.") % {"number": letter.document.number},
                )
                return redirect(letter.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)

    @staticmethod
    def _register(request, form, data, upload):
        return services.register_incoming(
            clerk=request.user,
            organization=request.user.organization,
            kind=data["kind"],
            summary=data["summary"],
            received_on=data["received_on"],
            channel=data["channel"],
            name=upload.name,
            data=upload.read(),
            their_number=data["their_number"],
            their_date=data["their_date"],
            attachments=[(f.name, f.read()) for f in data["attachments"]],
            **form.partner(),
        )


class LetterView(LoginRequiredMixin, TemplateView):
    template_name = "correspondence/letter.html"

    def get_context_data(self, pk, **kwargs):
        user = self.request.user
        letter = visible_letter(self.request, pk)
        keeps = services.may_keep(user, letter.organization_id)
        document = letter.document
        return super().get_context_data(
            letter=letter,
            keeps=keeps,
            assignments=_assignments(user, document),
            sent_file_name=services.sent_file_name(letter)
            if letter.status == Letter.Status.ARRIVED and letter.sent_letter_id
            else "",
            attachments=list(letter.attachments.all()),
            replies=list(letter.replies.select_related("document")),
            send_form=kwargs.pop("send_form", None)
            or (
                SendForm()
                if keeps
                and letter.direction == Letter.Direction.OUTGOING
                and letter.status == Letter.Status.REGISTERED
                else None
            ),
            may_resolve=document is not None
            and letter.direction == Letter.Direction.INCOMING
            and control.may_resolve(user, document),
            reply_url=f"{_letter_start_url()}?reply_to={letter.pk}"
            if letter.direction == Letter.Direction.INCOMING and document is not None
            else "",
            **kwargs,
        )


def _assignments(user, document) -> list:
    """The поручения on the letter's document the user may see (the resolution's executors,
    the delegated parts), in the order they were given."""
    if document is None:
        return []
    today = timezone.localdate()
    rows = list(
        control_selectors.visible_assignments(user)
        .filter(document=document)
        .order_by("created_at", "pk")
    )
    for row in rows:
        row.url, row.current_state = control_sources.url_of(row), row.state(today)
    return rows


class RegisterArrivedView(LoginRequiredMixin, View):
    def post(self, request, pk):
        letter = visible_letter(request, pk)
        try:
            letter = services.register_arrived(letter, clerk=request.user)
        except services.CorrespondenceRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Registered: № %(number)s.") % {"number": letter.document.number}
            )
        return redirect(letter.get_absolute_url())


class SendView(LetterView):
    def post(self, request, pk):
        letter = visible_letter(request, pk)
        form = SendForm(request.POST)
        if form.is_valid():
            try:
                services.mark_sent(letter, user=request.user, **form.cleaned_data)
            except services.CorrespondenceRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The letter is marked sent."))
                return redirect(letter.get_absolute_url())
        return self.render_to_response(
            self.get_context_data(pk=pk, send_form=form), status=400
        )


def attachment_file(request, pk):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    item = get_object_or_404(Attachment, pk=pk)
    letter = visible_letter(request, item.letter_id)
    if letter.document is None:
        raise Http404
    return attachment(item.file.open("rb"), item.original_name, "application/octet-stream")


def sent_file(request, pk):
    """The file of the letter that arrived through the tree, for the receiving clerk before
    it is registered (the sender's registered version, byte for byte)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    letter = visible_letter(request, pk)
    if letter.status != Letter.Status.ARRIVED or letter.sent_letter_id is None:
        raise Http404
    version = letter.sent_letter.document.current_version
    return attachment(
        version.file.open("rb"), services.sent_file_name(letter), "application/octet-stream"
    )
