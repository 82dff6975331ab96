from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.models import Document
from nastavnik.roadmaps import deadlines
from nastavnik.roadmaps.models import Activity, ExpectedResult, Publication, Risk
from nastavnik.roadmaps.services import RESPONSIBLE_ROLES
from nastavnik.staff.models import StaffMember


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position}"


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=500)
    content = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.CharField(
        label=_("Deadline"),
        max_length=200,
        required=False,
        help_text=_(
            "As in the roadmaps: «Ежегодно, до 1 октября», «Сентябрь – октябрь 2025», «до 15 "
            "сентября», «01.10.2025», «1 раз в квартал», «Постоянно», «В течение учебного года»."
        ),
    )
    responsible_roles = forms.MultipleChoiceField(
        label=_("Responsible"),
        choices=list(RESPONSIBLE_ROLES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    responsible_text = forms.CharField(
        label=_("Responsible, in words"), max_length=300, required=False
    )
    people = PeopleField(
        label=_("Responsible people"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("They get the reminders. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    fact = forms.ChoiceField(
        label=_("Completes itself when"), choices=Activity.Fact.choices, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff  # type: ignore[attr-defined]

    def clean_deadline(self) -> str:
        text: str = " ".join(self.cleaned_data["deadline"].split())
        if text and deadlines.parse_deadline(text).kind == deadlines.Kind.FREE:
            self.deadline_free = True
        return text


class EvidenceForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("Document of the register"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("— no document —"),
    )
    file = forms.FileField(label=_("Or a file"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        field.queryset = documents  # type: ignore[attr-defined]
        field.label_from_instance = lambda d: (  # type: ignore[attr-defined]
            f"{d.title} № {d.number} {d.date:%d.%m.%Y}"
            if d.number
            else f"{d.title} {d.date:%d.%m.%Y}"
        )


class StageForm(forms.Form):
    title = forms.CharField(label=_("Stage"), max_length=500)


class NewActivityForm(forms.Form):
    title = forms.CharField(label=_("New activity"), max_length=500)


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = ["title", "likelihood", "impact", "mitigation", "owner", "status", "formalism"]
        widgets = {"mitigation": forms.Textarea(attrs={"rows": 2})}


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Publication.Channel.choices)
    activity = forms.ModelChoiceField(
        label=_("Roadmap activity"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("— not linked —"),
    )
    people = PeopleField(
        label=_("People named or shown"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("Only people with a signed consent to publication may be named or shown."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png"}),
    )
    is_published = forms.BooleanField(label=_("Show on the public page"), required=False)

    def __init__(self, *args: Any, staff: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff  # type: ignore[attr-defined]
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]


class ProgramSectionsForm(forms.Form):
    """The sections of the program around the roadmap (seeds 002 and 004)."""

    normative_basis = forms.CharField(
        label=_("Normative basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The acts with their numbers and dates, one per line."),
    )
    goal = forms.CharField(
        label=_("Goal of the program"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tasks = forms.CharField(
        label=_("Tasks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One task per line."),
    )
    forms_intro = forms.CharField(
        label=_("Forms of mentorship: introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    forms_used = forms.MultipleChoiceField(
        label=_("Forms of mentorship used"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    forms_note = forms.CharField(
        label=_("Forms of mentorship: conclusion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    control = forms.CharField(
        label=_("Organization of control"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Current and final control and their schedule, one point per line."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from nastavnik.documents.kinds.orders import MentorshipForm
        from nastavnik.roadmaps.program_defaults import FORM_DEFINITIONS

        super().__init__(*args, **kwargs)
        self.fields["forms_used"].choices = [  # type: ignore[attr-defined]
            (code, f"«{label}» — {FORM_DEFINITIONS.get(code, '')}")
            for code, label in MentorshipForm.choices
        ]


class ExpectedResultForm(forms.Form):
    group = forms.ChoiceField(
        label=_("For whom"),
        choices=[("", "—")] + list(ExpectedResult.Group.choices),
        required=False,
    )
    text = forms.CharField(
        label=_("Expected result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    indicator = forms.ChoiceField(label=_("Measured by"), required=False)
    target = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=7, decimal_places=1, min_value=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from nastavnik.roadmaps.indicators import choices

        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("group"):
            self.add_error("group", _("Say for whom the result is expected."))
        return data


ExpectedResultFormSet = forms.formset_factory(ExpectedResultForm, extra=2)
