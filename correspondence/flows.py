"""Исходящее письмо, read as its diagram: drafted on the letter blank, agreed and signed by
the head (the approval loop, workflows.loop), registered in «Исходящие»; then the clerks send
it (the letter's page) and a reply reports the поручение on the letter it answers."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.loop import ApprovalLoop
from workflows.views import ProcessStartView

from . import services
from .forms import LetterForm


class LetterStartView(ProcessStartView):
    """Draft a letter; `?reply_to=<letter id>` from an incoming document's page."""

    form_class = LetterForm

    def get_initial(self):
        initial = super().get_initial()
        reply = self.request.GET.get("reply_to")
        if reply and reply.isdigit():
            letter = (
                services.letters_of(self.request.user)
                .filter(pk=int(reply), direction="incoming")
                .first()
            )
            if letter is not None:
                initial.update(
                    in_reply_to=letter.pk,
                    partner_organization=letter.partner_organization_id,
                    correspondent=letter.correspondent_id,
                    addressee=services.addressee_of(letter),
                    title=f"О {letter.summary[:1].lower()}{letter.summary[1:200]}"
                    if not letter.summary.lower().startswith("о ")
                    else letter.summary[:200],
                )
        return initial


class LetterFlow(ApprovalLoop, flow.Flow):
    """Исходящее письмо

    Drafted on the letter blank; agreed by the listed people, signed by the head; registered
    in «Исходящие»; the clerks send it."""

    process_title = _("Outgoing letter")
    process_description = _(
        "Agreement, the head's signature, registration in the outgoing journal; then sending."
    )

    start = (
        flow.Start(LetterStartView.as_view())
        .Annotation(title=_("Draft a letter"))
        .Available(lambda user: user.organization_id is not None)
        .Next(this.stage)
    )
    # stage … registered: the approval loop.
    after_registration = (
        flow.Function(this.to_send).Annotation(title=_("To the clerks to send")).Next(this.finish)
    )
    finish = flow.Function(this.complete).Annotation(title=_("Completion")).Next(this.end)
    end = flow.End().Annotation(title=_("End"))

    def to_send(self, activation):
        services.outgoing_registered(self.approval(activation))
