"""Writes of correspondence: the clerk registers an incoming document (or one that arrived
through the tree) in «Входящие»; an outgoing letter is put on its card when it goes on
approval, registered in «Исходящие» by its process, marked sent by the clerk and, when the
addressee uses the system, delivered there as an incoming document waiting for its clerk. A
reply closes the поручение its author had on the letter it answers."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.downloads import file_name as download_name
from common.errors import Refused
from common.russian import inflect_phrase, person_in_case
from common.text import without_control_characters
from control import services as control
from control.models import Assignment
from documents import grants
from documents.importer import ImportRejected
from documents.models import Document, Grant
from documents.selectors import readable_by
from documents.services import create_document
from documents.storage import sha256_of
from orgs.models import Organization, User
from orgs.roles import Role
from orgs.selectors import organization_head
from registry.models import Journal
from registry.services import RegistryRefused, register_document
from workflows.models import AuditEntry
from workflows.services import notify, record

from .models import Attachment, Letter

KEEPERS = {Role.CLERK, Role.HEAD}  # who registers and sends the organisation's letters
MAX_ATTACHMENTS = 20


class CorrespondenceRefused(Refused):
    """A rule of correspondence said no."""


class NotKeeper(CorrespondenceRefused):
    """Only the organisation's clerk or head does this (HTTP 403)."""

    status = 403


class LetterState(CorrespondenceRefused):
    """Refused because of the state the letter is in (HTTP 409, like common.errors.Conflict)."""

    status = 409


def may_keep(user, organization_id) -> bool:
    return user.is_superuser or (
        user.organization_id == organization_id and bool(user.roles & KEEPERS)
    )


def clerks_of(organization_id):
    return User.objects.filter(
        organization_id=organization_id, is_active=True, groups__name=Role.CLERK
    ).distinct()


def keepers_to_tell(organization_id) -> list:
    """Who is told a letter is to be sent or to be registered: the clerks, or the head where
    the organisation has no clerk (a small school)."""
    clerks = list(clerks_of(organization_id))
    if clerks:
        return clerks
    head = organization_head(Organization(pk=organization_id))
    return [head] if head is not None else []


def _journal(organization_id, kind) -> Journal:
    journal = (
        Journal.objects.filter(organization_id=organization_id, kind=kind, is_active=True)
        .order_by("pk")
        .first()
    )
    if journal is None:
        label = Journal.Kind(kind).label
        raise CorrespondenceRefused(
            _("The organisation has no journal «%(kind)s»: the clerk adds it in the registry.")
            % {"kind": label}
        )
    return journal


def _clean(value, limit):
    return without_control_characters(value or "").strip()[:limit]


def _check_partner(organization_id, partner_organization, correspondent):
    if (partner_organization is None) == (correspondent is None):
        raise CorrespondenceRefused(
            _("Name the correspondent: an organisation of the tree or one of the directory.")
        )
    if partner_organization is not None and partner_organization.pk == organization_id:
        raise CorrespondenceRefused(_("The organisation does not write to itself."))


def _give_keepers(document, letter):
    """The clerks keep the organisation's correspondence, incoming and outgoing (its leaders
    see restricted documents already): visibility as data."""
    grants.grant(
        document.pk,
        source=Grant.Source.CORRESPONDENCE,
        source_id=letter.pk,
        users=list(clerks_of(document.organization_id)),
    )


@transaction.atomic
def register_incoming(
    *,
    clerk,
    organization,
    kind,
    summary,
    received_on,
    channel,
    name,
    data,
    partner_organization=None,
    correspondent=None,
    their_number="",
    their_date=None,
    attachments=(),
    sent_letter=None,
) -> Letter:
    """The clerk registers an incoming document: its card (correspondent, their number and
    date, how and when it came, the summary), its file stored byte for byte as the document's
    version 1 (text extracted for search; a scan is recognised in the background), further
    files as attachments, our number from «Входящие». The document is seen by the clerks,
    the leaders and whoever gets a поручение on it."""
    if not may_keep(clerk, organization.pk):
        raise NotKeeper(_("Only the clerk or the head registers incoming documents."))
    _check_partner(organization.pk, partner_organization, correspondent)
    summary = _clean(summary, 5000)
    if not summary:
        raise CorrespondenceRefused(_("Write the summary of the document."))
    today = timezone.localdate()
    if received_on is None:
        raise CorrespondenceRefused(_("Give the date of receipt."))
    if received_on > today:
        raise CorrespondenceRefused(_("The date of receipt cannot be in the future."))
    if their_date is not None and their_date > received_on:
        raise CorrespondenceRefused(_("The sender's date is later than the date of receipt."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise CorrespondenceRefused(
            _("At most %(n)s attachments a document.") % {"n": MAX_ATTACHMENTS}
        )
    letter = Letter.objects.create(
        organization=organization,
        direction=Letter.Direction.INCOMING,
        kind=kind,
        status=Letter.Status.REGISTERED,
        partner_organization=partner_organization,
        correspondent=correspondent,
        their_number=_clean(their_number, 100),
        their_date=their_date,
        received_on=received_on,
        channel=channel,
        summary=summary,
        registered_by=clerk,
    )
    _file_and_number(letter, clerk=clerk, name=name, data=data, attachments=attachments)
    return letter


def _file_and_number(letter, *, clerk, name, data, attachments=()):
    """The card's document (its file as version 1), attachments, the number from «Входящие»,
    the keepers' grants. What can be refused is checked before any file is stored."""
    journal = _journal(letter.organization_id, Journal.Kind.INCOMING)
    for file_name, file_data in attachments:
        if not file_data:
            raise CorrespondenceRefused(
                _("The attachment %(name)s is empty.") % {"name": file_name}
            )
    try:
        document = create_document(
            organization=letter.organization,
            name=name,
            data=data,
            author=clerk,
            kind=Document.Kind.LETTER,
            title=letter.summary[:1000],
            visibility=Document.Visibility.RESTRICTED,
        )
    except ImportRejected as rejected:
        raise CorrespondenceRefused(rejected.message) from None
    letter.document = document
    letter.save(update_fields=["document"])
    try:
        register_document(document, journal, user=clerk)
    except RegistryRefused as refusal:
        raise CorrespondenceRefused(refusal.message) from None
    for file_name, file_data in attachments:
        _attach(letter, file_name, file_data)
    document.refresh_from_db()  # the number and date the registration gave it
    _give_keepers(document, letter)


def _attach(letter, name, data):
    attachment = Attachment(
        letter=letter,
        original_name=_clean(name, 255) or "file",
        size=len(data),
        sha256=sha256_of(data),
    )
    attachment.file.save(attachment.original_name, ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def register_arrived(letter, *, clerk) -> Letter:
    """The clerk registers, with one action, a letter that came from an organisation of the
    tree: the sender's number and date and the file are those of the sent letter."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not may_keep(clerk, letter.organization_id):
        raise NotKeeper(_("Only the clerk or the head registers incoming documents."))
    if letter.status != Letter.Status.ARRIVED:
        raise LetterState(_("The letter is already registered."))
    version = letter.sent_letter.document.current_version
    with version.file.open("rb") as handle:
        data = handle.read()
    letter.status, letter.registered_by = Letter.Status.REGISTERED, clerk
    letter.received_on = timezone.localdate()
    letter.save(update_fields=["status", "registered_by", "received_on"])
    _file_and_number(letter, clerk=clerk, name=sent_file_name(letter), data=data)
    return letter


def sent_file_name(letter) -> str:
    """The name the file of a letter that arrived through the tree is shown and stored under:
    «Письмо — МКУ «ИМЦ» — № 1-исх от 01.12.2026.docx», not the sender's «letter.docx»."""
    sent = letter.sent_letter.document
    extension = sent.current_version.original_name.rsplit(".", 1)[-1]
    return download_name(
        _("Letter"),
        str(letter.partner_organization),
        f"№ {sent.number} {_('of')} {sent.date:%d.%m.%Y}",
        extension=extension,
    )


# --- outgoing letters: hooks of the letter's process -----------------------------------------


def drafted(approval, form) -> Letter:
    """The letter went on approval: its card."""
    data = approval.form
    return Letter.objects.create(
        organization_id=approval.document.organization_id,
        direction=Letter.Direction.OUTGOING,
        status=Letter.Status.ON_APPROVAL,
        document=approval.document,
        partner_organization_id=data.get("partner_organization"),
        correspondent_id=data.get("correspondent"),
        summary=data["title"],
        in_reply_to_id=data.get("in_reply_to"),
    )


def approval_cancelled(approval):
    Letter.objects.filter(document=approval.document).update(status=Letter.Status.CANCELLED)


def addressee_of(letter) -> str:
    """The addressee a reply to `letter` prints, as ГОСТ Р 7.0.97 writes it: an organisation
    of the tree through its head («Директору МБОУ «СОШ № 14»» / «С.М. Орлову», the position
    and the name in the dative), an outside correspondent by its name (the nominative)."""
    organization = letter.partner_organization
    if organization is None:
        return letter.correspondent.name if letter.correspondent_id else ""
    head = organization_head(organization)
    if head is None:
        return organization.name
    position = inflect_phrase(head.position or "Руководитель", "datv")
    if len(position.split()) == 1:  # «Директор»; «Начальник управления …» names it already
        position = f"{position} {inflect_phrase(str(organization), 'gent')}"
    return f"{position}\n{person_in_case(head.initials_name, 'datv')}"


@transaction.atomic
def outgoing_registered(approval) -> Letter:
    """Signed and registered in «Исходящие»: the clerks send it. A reply reports its
    author's поручение on the letter it answers, with the reply as the result."""
    letter = Letter.objects.select_for_update().get(document=approval.document)
    letter.status = Letter.Status.REGISTERED
    letter.save(update_fields=["status"])
    _give_keepers(approval.document, letter)  # the clerks print and send what was signed
    for clerk in keepers_to_tell(letter.organization_id):
        notify(
            clerk,
            _("To send: %(title)s") % {"title": letter.summary[:200]},
            _("№ %(number)s of %(date)s to %(to)s.")
            % {
                "number": approval.document.number,
                "date": approval.document.date.strftime("%d.%m.%Y"),
                "to": str(letter.partner),
            },
            url=letter.get_absolute_url(),
        )
    if letter.in_reply_to_id and letter.in_reply_to.document_id:
        _close_with_reply(letter, approval.initiator)
    return letter


def _close_with_reply(letter, author):
    for assignment in Assignment.objects.filter(
        document_id=letter.in_reply_to.document_id,
        executor=author,
        status=Assignment.Status.OPEN,
    ):
        try:
            with transaction.atomic():
                control.report(
                    assignment,
                    user=author,
                    text=_("Replied: outgoing № %(number)s of %(date)s.")
                    % {
                        "number": letter.document.number,
                        "date": letter.document.date.strftime("%d.%m.%Y"),
                    },
                    result_document=letter.document,
                )
        except control.ControlRefused:
            # Reported on its own page instead (a plan item, say): the registration of the
            # reply does not fail because of it.
            continue


@transaction.atomic
def mark_sent(letter, *, user, channel, sent_on=None) -> Letter:
    """The clerk sends the registered letter (how, when). To an organisation of the tree it
    arrives there as an incoming document waiting for its clerk."""
    # Locks the letter only: its document is a nullable join (PostgreSQL locks no outer side).
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(pk=letter.pk)
    )
    if not may_keep(user, letter.organization_id):
        raise NotKeeper(_("Only the clerk or the head sends the organisation's letters."))
    if letter.direction != Letter.Direction.OUTGOING:
        raise CorrespondenceRefused(_("Only an outgoing letter is sent."))
    if letter.status == Letter.Status.SENT:
        raise LetterState(_("The letter is already sent."))
    if letter.status != Letter.Status.REGISTERED:
        raise LetterState(_("The letter is sent once it is signed and registered."))
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate() or sent_on < letter.document.date:
        raise CorrespondenceRefused(
            _("The letter is sent between its registration (%(date)s) and today.")
            % {"date": letter.document.date.strftime("%d.%m.%Y")}
        )
    if letter.partner_organization_id:
        channel = Letter.Channel.TREE
    letter.status, letter.channel, letter.sent_on, letter.sent_by = (
        Letter.Status.SENT, channel, sent_on, user,
    )
    letter.save(update_fields=["status", "channel", "sent_on", "sent_by"])
    record(
        None,
        AuditEntry.Action.FINISH,
        actor=user,
        document=letter.document,
        details=_("Sent (%(how)s) on %(date)s to %(to)s")
        % {"how": letter.get_channel_display(), "date": sent_on.strftime("%d.%m.%Y"),
           "to": str(letter.partner)},
    )
    if letter.partner_organization_id:
        _deliver(letter)
    return letter


def _deliver(letter):
    answered = None
    if letter.in_reply_to_id and letter.in_reply_to.sent_letter_id:
        # A reply to a letter of the tree answers the sender's own outgoing letter.
        answered = letter.in_reply_to.sent_letter
    arrived = Letter.objects.create(
        organization_id=letter.partner_organization_id,
        direction=Letter.Direction.INCOMING,
        kind=Letter.Kind.LETTER,
        status=Letter.Status.ARRIVED,
        partner_organization_id=letter.organization_id,
        their_number=letter.document.number,
        their_date=letter.document.date,
        channel=Letter.Channel.TREE,
        summary=letter.summary,
        sent_letter=letter,
        in_reply_to=answered,
    )
    for clerk in keepers_to_tell(letter.partner_organization_id):
        notify(
            clerk,
            _("A letter arrived: %(title)s") % {"title": letter.summary[:200]},
            _("From %(sender)s, № %(number)s of %(date)s: register it.")
            % {"sender": letter.organization, "number": letter.document.number,
               "date": letter.document.date.strftime("%d.%m.%Y")},
            url=arrived.get_absolute_url(),
        )
    return arrived


def letters_of(user):
    """The cards `user` may see: the keepers and leaders of an organisation all of its
    letters; anybody else those whose documents they may read."""
    if user.is_superuser:
        return Letter.objects.all()
    if user.roles & (KEEPERS | {Role.DEPUTY_DIRECTOR}):
        return Letter.objects.filter(organization_id=user.organization_id)
    return Letter.objects.filter(
        document__isnull=False, organization_id=user.organization_id
    ).filter(readable_by(user, prefix="document__"))


def default_year_start(today=None) -> datetime.date:
    today = today or timezone.localdate()
    return today.replace(month=1, day=1)
