from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem, ProgramActivity
from nastavnik.staff.models import StaffMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.description}"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.description}"


class MentorshipCreateForm(forms.Form):
    mentor = PersonChoice(
        label=_("Mentor"), queryset=StaffMember.objects.none(), empty_label=_("— choose a person —")
    )
    mentees = PeopleChoice(
        label=_("Mentee(s)"),
        queryset=StaffMember.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Several mentees make a group. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    co_mentors = PeopleChoice(
        label=_("Co-mentors"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("Only for a group led by several mentors; usually empty."),
    )
    form = forms.ChoiceField(label=_("Form of mentorship"), choices=MentorshipForm.choices)
    type = forms.ChoiceField(label=_("Type"), choices=Mentorship.Type.choices)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = staff  # type: ignore[attr-defined]
        self.fields["mentees"].queryset = staff  # type: ignore[attr-defined]
        self.fields["co_mentors"].queryset = staff  # type: ignore[attr-defined]


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    result = forms.CharField(
        label=_("Result of the program"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written into the mentee bank for each mentee whose result is still empty."),
    )


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("End from"), widget=DATE)
    initiator = forms.ChoiceField(
        label=_("On the initiative of"), choices=Mentorship.Initiator.choices
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProgramForm(forms.Form):
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    tasks = forms.CharField(
        label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_results = forms.CharField(
        label=_("Expected results"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    development_plan = forms.CharField(
        label=_("Individual development plan of the mentee"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProgramActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ProgramActivity.Kind.choices, initial=ProgramActivity.Kind.MEETING
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)
    responsible = forms.CharField(label=_("Responsible"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProgramActivity.Status.choices,
        initial=ProgramActivity.Status.PLANNED,
    )
    evidence_url = forms.URLField(label=_("Evidence (link)"), required=False, assume_scheme="https")


ActivityFormSet = formset_factory(ProgramActivityForm, extra=1, can_delete=True)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration = forms.IntegerField(
        label=_("Duration, minutes"), required=False, min_value=5, max_value=600
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    topic = forms.CharField(label=_("Topic"), max_length=300)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    held = forms.BooleanField(
        label=_("The meeting has taken place"),
        required=False,
        help_text=_("Leave it unticked to plan a meeting."),
    )
    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = participants  # type: ignore[attr-defined]


class PortfolioForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PortfolioItem.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)
    staff = forms.ModelChoiceField(label=_("Mentee"), queryset=StaffMember.objects.none())

    def __init__(self, *args: Any, mentees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = mentees  # type: ignore[attr-defined]
        if len(mentees) == 1:
            self.fields["staff"].initial = mentees[0]
            self.fields["staff"].widget = forms.HiddenInput()


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
