from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.accounts import access
from nastavnik.core.text import normalize_name
from nastavnik.organizations.models import Municipality, Organization, Region


class MunicipalityForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    authority_name = forms.CharField(
        label=_("Education authority"),
        max_length=300,
        required=False,
        help_text=_("For example: «Управление образования администрации города»."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = access.regions_for(user, roles=access.STRUCTURE_ROLES)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
        if len(regions) == 1:
            self.fields["region"].initial = regions[0]
            self.fields["region"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        region, name = data.get("region"), data.get("name")
        if region and name:
            others = Municipality.objects.filter(region=region)
            if self.initial.get("pk"):
                others = others.exclude(pk=self.initial["pk"])
            key = normalize_name(name)
            if any(normalize_name(n) == key for n in others.values_list("name", flat=True)):
                self.add_error("name", _("A municipality with this name already exists."))
        return data


class OrganizationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    full_name = forms.CharField(
        label=_("Full official name"),
        max_length=500,
        help_text=_(
            "As in the charter, e.g. «Муниципальное бюджетное общеобразовательное "
            "учреждение «Средняя общеобразовательная школа № 1»»."
        ),
    )
    short_name = forms.CharField(
        label=_("Short official name"), max_length=200, help_text=_("For example: МБОУ «СОШ № 1».")
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Organization.Kind.choices)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    locality = forms.CharField(
        label=_("Place of issue of documents"),
        max_length=200,
        required=False,
        help_text=_("The locality printed under the title of orders, e.g. «г. Светлогорск»."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    head_last_name = forms.CharField(label=_("Head's surname"), max_length=100, required=False)
    head_first_name = forms.CharField(label=_("Head's first name"), max_length=100, required=False)
    head_patronymic = forms.CharField(label=_("Head's patronymic"), max_length=100, required=False)
    head_position = forms.CharField(
        label=_("Head's position"), max_length=200, required=False, initial=_("Director")
    )

    def __init__(
        self, *args: Any, user: Any, can_move: bool = True, pk: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pk = pk
        if can_move:
            self.fields["municipality"].queryset = (  # type: ignore[attr-defined]
                access.municipalities_for(user, roles=access.STRUCTURE_ROLES)
                .select_related("region")
                .order_by("name")
            )
        else:
            del self.fields["municipality"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        municipality = data.get("municipality")
        short_name = data.get("short_name")
        if municipality is None and self.pk:
            municipality = Organization.objects.get(pk=self.pk).municipality
        if municipality and short_name:
            others = Organization.objects.filter(municipality=municipality)
            if self.pk:
                others = others.exclude(pk=self.pk)
            key = normalize_name(short_name)
            if any(normalize_name(n) == key for n in others.values_list("short_name", flat=True)):
                self.add_error(
                    "short_name",
                    _("This municipality already has an organization with this short name."),
                )
        return data


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *Organization.Kind.choices],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = access.municipalities_for(user).order_by("name")  # type: ignore[attr-defined]
