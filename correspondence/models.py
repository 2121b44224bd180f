"""Correspondence (переписка): incoming documents registered by the clerk, outgoing letters
drafted on the letter blank and sent after their approval, and letters between organisations
of the tree, which arrive as incoming documents waiting for the receiving clerk."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Correspondent(models.Model):
    """An outside correspondent (not an organisation of the tree): a ministry, an institute,
    a citizen. One directory for all organisations."""

    name = models.CharField(_("name"), max_length=500, unique=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("correspondent")
        verbose_name_plural = _("correspondents")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Letter(models.Model):
    """The registration card of an incoming document or an outgoing letter. The content is
    its documents.Document (registered in «Входящие» / «Исходящие»)."""

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Incoming")
        OUTGOING = "outgoing", _("Outgoing")

    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        REQUEST = "request", _("Request")
        ORDER = "order", _("Order of a higher body")
        APPEAL = "appeal", _("Appeal")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        POST = "post", _("Post")
        COURIER = "courier", _("Courier")
        EDMS = "edms", _("Electronic document system")
        TREE = "tree", _("Through Reglament")

    class Status(models.TextChoices):
        # «письмо»: the neuter forms (зарегистрировано), not the document's (зарегистрирован).
        ARRIVED = "arrived", _("Arrived, waiting for registration")
        REGISTERED = "registered", pgettext_lazy("letter", "Registered")
        ON_APPROVAL = "on_approval", pgettext_lazy("letter", "On approval")
        SENT = "sent", pgettext_lazy("letter", "Sent")
        CANCELLED = "cancelled", pgettext_lazy("letter", "Cancelled")

    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="letters",
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LETTER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter",
    )
    # The other side: an organisation of the tree, or a correspondent of the directory.
    partner_organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("organisation of the tree"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    correspondent = models.ForeignKey(
        Correspondent,
        verbose_name=_("correspondent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # Of an incoming document: the sender's number and date.
    their_number = models.CharField(_("sender's number"), max_length=100, blank=True)
    their_date = models.DateField(_("sender's date"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    channel = models.CharField(_("how it came"), max_length=10, choices=Channel.choices, blank=True)
    summary = models.TextField(_("summary"))
    in_reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    # An incoming document that arrived through the tree: the sender's outgoing letter.
    sent_letter = models.OneToOneField(
        "self",
        verbose_name=_("sent as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivered",
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organization", "direction", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~(
                    models.Q(partner_organization__isnull=False)
                    & models.Q(correspondent__isnull=False)
                ),
                name="correspondence_one_partner",
            )
        ]

    def __str__(self):
        return self.summary[:80]

    def get_absolute_url(self):
        from django.urls import reverse  # the URLconf imports the models; resolved on call

        return reverse("correspondence:letter", args=[self.pk])

    @property
    def partner(self):
        return self.partner_organization or self.correspondent


# The ways a clerk records (a letter of the tree comes and goes through Reglament itself).
CHANNELS_BY_HAND = [c for c in Letter.Channel.choices if c[0] != Letter.Channel.TREE]


class Attachment(models.Model):
    """A further file of an incoming document (the first file is its document's version)."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to="letter-attachments/%Y/", max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["letter", "pk"]

    def __str__(self):
        return self.original_name
