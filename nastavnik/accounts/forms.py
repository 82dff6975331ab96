from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from nastavnik.accounts import access
from nastavnik.accounts.models import SCOPE_OF_ROLE, Role, Scope, User
from nastavnik.organizations.models import Municipality, Organization, Region


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.short_name} ({obj.municipality.name})"


class RoleScopeForm(forms.Form):
    """A role and the place where it is held; the choices are limited to the actor's scope."""

    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— choose a role —")), *Role.choices])
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("For the municipal methodologist."),
    )
    organization = OrganizationChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("For the director, curator, mentor and mentee."),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = access.regions_for(actor, roles=access.STRUCTURE_ROLES)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = access.municipalities_for(  # type: ignore[attr-defined]
            actor, roles=access.STRUCTURE_ROLES
        ).order_by("name")
        self.fields["organization"].queryset = (  # type: ignore[attr-defined]
            access.organizations_for(actor, roles=access.STRUCTURE_ROLES)
            .select_related("municipality")
            .order_by("municipality__name", "short_name")
        )
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
            self.fields["region"].widget = forms.HiddenInput()
        self.single_region = len(regions) == 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if not role:
            return data
        needed = SCOPE_OF_ROLE[role]
        if not data.get(needed):
            messages = {
                Scope.REGION: _("Choose the region for this role."),
                Scope.MUNICIPALITY: _("Choose the municipality for this role."),
                Scope.ORGANIZATION: _("Choose the organization for this role."),
            }
            self.add_error(needed if needed != Scope.REGION else "role", messages[Scope(needed)])
        else:
            data["scope"] = data[needed]
        return data


class UserCreateForm(RoleScopeForm):
    last_name = forms.CharField(label=_("Surname"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    username = forms.RegexField(
        label=_("Login"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Latin letters, digits and the characters @ . + - _"),
        error_messages={"invalid": _("Use only Latin letters, digits and @ . + - _")},
    )
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    field_order = [
        "last_name",
        "first_name",
        "patronymic",
        "email",
        "username",
        "password1",
        "password2",
        "role",
        "region",
        "municipality",
        "organization",
    ]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login is already taken."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = User(
                username=data.get("username", ""),
                last_name=data.get("last_name", ""),
                first_name=data.get("first_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class UserEditForm(forms.Form):
    last_name = forms.CharField(label=_("Surname"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_active = forms.BooleanField(
        label=_("Can log in"),
        required=False,
        help_text=_("Untick to block the account without deleting its history."),
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
