from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Organization, Unit, User
from .roles import Role
from .services import assign_roles, validate_roles


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ("code", "name", "short_name", "kind", "head", "deputy", "is_active")
    raw_id_fields = ("head", "deputy")
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "code", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "organization", "kind", "head", "is_active")
    list_filter = ("organization", "kind", "is_active")
    search_fields = ("name", "short_name", "code")
    raw_id_fields = ("head", "deputy")


class RolesFormMixin(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.roles)

    def clean(self):
        cleaned = super().clean()
        probe = User(
            pk=self.instance.pk,
            organization=cleaned.get("organization", self.instance.organization),
        )
        try:
            validate_roles(probe, cleaned.get("roles", []))
        except ValidationError as error:
            self.add_error("roles", error)
        return cleaned


class PersonChangeForm(RolesFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class PersonCreationForm(RolesFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = (
            "username",
            "last_name",
            "first_name",
            "middle_name",
            "organization",
            "unit",
            "position",
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = (
        "username",
        "get_full_name",
        "organization",
        "unit",
        "position",
        "role_list",
        "is_active",
    )
    list_filter = ("organization", "groups", "is_active", "is_staff")
    search_fields = ("username", "last_name", "first_name", "middle_name", "email", "position")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("last_name", "first_name", "middle_name", "email", "phone")}),
        (_("Place of work"), {"fields": ("organization", "unit", "position", "roles")}),
        (
            _("Access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "password1",
                    "password2",
                    "last_name",
                    "first_name",
                    "middle_name",
                    "organization",
                    "unit",
                    "position",
                    "roles",
                ),
            },
        ),
    )

    @admin.display(description=_("Roles"))
    def role_list(self, obj):
        return ", ".join(str(Role(r).label) for r in sorted(obj.roles))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        assign_roles(form.instance, form.cleaned_data.get("roles", []))
