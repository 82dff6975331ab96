from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.banks.models import (
    BankSettings,
    Competency,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
    MentorTraining,
)
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.staff.models import StaffMember


class StaffField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position}"


class AddToBankForm(forms.Form):
    staff = StaffField(
        label=_("Person"),
        queryset=StaffMember.objects.none(),
        empty_label=_("— choose a person —"),
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]


def _grouped(competencies: list[Competency]) -> list[tuple[str, list[Competency]]]:
    groups: dict[str, list[Competency]] = {}
    for c in competencies:
        groups.setdefault(c.group, []).append(c)
    return list(groups.items())


class MenteeForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=MenteeProfile.Category.choices)
    status = forms.ChoiceField(label=_("Status"), choices=MenteeProfile.Status.choices)
    needs_text = forms.CharField(
        label=_("Needs and difficulties in own words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result = forms.CharField(
        label=_("Result of the program"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Filled in at the end of the year: it stays in the person's history."),
    )

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for c in competencies:
            self.fields[f"need_{c.pk}"] = forms.BooleanField(label=c.name, required=False)
            self.fields[f"source_{c.pk}"] = forms.ChoiceField(
                label=_("Source"),
                choices=MenteeNeed.Source.choices,
                initial=MenteeNeed.Source.CURATOR,
                required=False,
            )

    def groups(self) -> list[tuple[str, list[tuple[Any, Any]]]]:
        return [
            (group, [(self[f"need_{c.pk}"], self[f"source_{c.pk}"]) for c in items])
            for group, items in _grouped(self.competencies)
        ]

    def chosen_needs(self) -> list[tuple[Competency, str]]:
        return [
            (c, self.cleaned_data.get(f"source_{c.pk}") or MenteeNeed.Source.CURATOR)
            for c in self.competencies
            if self.cleaned_data.get(f"need_{c.pk}")
        ]


class MentorForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MentorProfile.Status.choices)
    capacity = forms.IntegerField(label=_("How many mentees"), min_value=1)
    mentorship_forms = forms.MultipleChoiceField(
        label=_("Forms of mentorship"),
        choices=MentorshipForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    motivation = forms.CharField(
        label=_("Motivation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    experience_text = forms.CharField(
        label=_("Experience to share"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In own words: what the mentor can teach, methods, achievements."),
    )
    result = forms.CharField(
        label=_("Result of the year"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, competencies: list[Competency], rules: BankSettings, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        capacity = self.fields["capacity"]
        capacity.max_value = rules.capacity_max  # type: ignore[attr-defined]
        capacity.help_text = _("By the rules of the region: from %(min)s to %(max)s.") % {
            "min": rules.capacity_min,
            "max": rules.capacity_max,
        }
        for c in competencies:
            self.fields[f"competency_{c.pk}"] = forms.BooleanField(label=c.name, required=False)
            self.fields[f"level_{c.pk}"] = forms.TypedChoiceField(
                label=_("Level"),
                choices=MentorCompetency.Level.choices,
                coerce=int,
                initial=MentorCompetency.Level.CONFIDENT,
                required=False,
            )

    def groups(self) -> list[tuple[str, list[tuple[Any, Any]]]]:
        return [
            (group, [(self[f"competency_{c.pk}"], self[f"level_{c.pk}"]) for c in items])
            for group, items in _grouped(self.competencies)
        ]

    def chosen_competencies(self) -> list[tuple[Competency, int]]:
        return [
            (c, int(self.cleaned_data.get(f"level_{c.pk}") or MentorCompetency.Level.CONFIDENT))
            for c in self.competencies
            if self.cleaned_data.get(f"competency_{c.pk}")
        ]


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MentorTraining.Kind.choices)
    title = forms.CharField(label=_("Topic"), max_length=300)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ConsentSignForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed scan"),
        help_text=_("PDF, JPG or PNG up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    signed_at = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class RevokeForm(forms.Form):
    revoked_at = forms.DateField(
        label=_("Revoked on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class BankSettingsForm(forms.ModelForm):
    class Meta:
        model = BankSettings
        fields = [
            "young_max_age",
            "young_max_experience",
            "new_employee_months",
            "capacity_min",
            "capacity_max",
            "formal_after_days",
            "weight_needs",
            "weight_subject",
            "weight_experience",
            "weight_organization",
            "weight_text",
            "weight_preference",
        ]


class CompetencyForm(forms.Form):
    group = forms.CharField(label=_("Group"), max_length=200)
    name = forms.CharField(label=_("Name"), max_length=300)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
