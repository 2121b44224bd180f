from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .roles import Role


class Organization(models.Model):
    """An education body: authority, school, lyceum, methodological centre. They form a tree."""

    class Kind(models.TextChoices):
        AUTHORITY = "authority", _("Education authority")
        METHODOLOGICAL_CENTRE = "methodological_centre", _("Methodological centre")
        SCHOOL = "school", _("School")
        LYCEUM = "lyceum", _("Lyceum")
        GYMNASIUM = "gymnasium", _("Gymnasium")
        KINDERGARTEN = "kindergarten", _("Kindergarten")
        OTHER = "other", _("Other organisation")

    code = models.SlugField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("Short Latin identifier used in commands and addresses, e.g. imc."),
    )
    name = models.CharField(_("full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    # The place of issue its orders print under the date and number («г. Сасово»).
    place = models.CharField(
        _("place of issue"), max_length=200, blank=True, help_text=_("For example «г. Сасово».")
    )
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def ancestors(self):
        """Parents from the nearest up to the root."""
        result, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            result.append(node)
            seen.add(node.pk)
            node = node.parent
        return result

    def clean(self):
        if self.parent_id and (
            self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors())
        ):
            raise ValidationError(
                {"parent": _("An organisation cannot be placed under itself or its own branch.")}
            )


class Unit(models.Model):
    """A structural unit (service, laboratory, department); its code starts case indexes."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", pgettext_lazy("unit kind", "Administration")
        SERVICE = "service", _("Service")
        LABORATORY = "laboratory", _("Laboratory")
        DEPARTMENT = "department", _("Department")
        OTHER = "other", _("Other unit")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="units",
    )
    code = models.CharField(
        _("code"),
        max_length=4,
        validators=[
            RegexValidator(r"^\d{2,4}$", _("The unit code is two to four digits, e.g. 01."))
        ],
        help_text=_("Numeric code that starts the indexes of the unit's cases, e.g. 01."),
    )
    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    head = models.ForeignKey(
        "User",
        verbose_name=_("head of the unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
        help_text=_("Leave empty to take the unit member with the leading role."),
    )
    deputy = models.ForeignKey(
        "User",
        verbose_name=_("deputy head of the unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputised_units",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("structural unit")
        verbose_name_plural = _("structural units")
        ordering = ["organization__name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="orgs_unit_code_unique_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.short_name or self.name}"

    def clean(self):
        for field in ("head", "deputy"):
            person = getattr(self, field)
            if person is not None and person.organization_id != self.organization_id:
                raise ValidationError({field: _("This person works in another organisation.")})


class User(AbstractUser):
    """A member of staff: belongs to an organisation and unit, holds a position and roles."""

    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("structural unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("As written in signatures, e.g. «Заместитель директора по УВР»."),
    )
    phone = models.CharField(_("phone"), max_length=100, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def initials_name(self):
        """«И.Н. Серёгина»: the form used in signatures and approval stamps."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{initials} {self.last_name}".strip() or self.username

    @property
    def roles(self) -> frozenset[str]:
        """Read once for this instance (a request's user, a service's actor ask it several
        times); orgs.services.assign_roles forgets it."""
        roles = self.__dict__.get("_roles")
        if roles is None:
            names = {g.name for g in self.groups.all()}
            roles = self.__dict__["_roles"] = frozenset(r for r in Role.values if r in names)
        return roles

    def has_role(self, role) -> bool:
        return role in self.roles

    def clean(self):
        super().clean()
        if self.unit_id and self.unit.organization_id != self.organization_id:
            raise ValidationError({"unit": _("The unit belongs to another organisation.")})
