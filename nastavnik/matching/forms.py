from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.staff.models import StaffMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    ACTIONS = ("lock", "reject", "clear", "change")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    mentor = forms.IntegerField(min_value=1)
    mentee = forms.IntegerField(min_value=1)


class AcceptForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    form = forms.ChoiceField(
        label=_("Form of mentorship"),
        choices=MentorshipForm.choices,
        initial=MentorshipForm.TEACHER_TEACHER,
    )
    group = forms.BooleanField(
        label=_("Join the mentees of one mentor into a group"), required=False
    )
    pairs = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", _("The end of mentorship must come after its start."))
        return data


class SupportForm(forms.Form):
    """Who supports a mentee without a mentor and with what; the staff list is given once for
    all the rows of the page (no query per row)."""

    supporter = forms.TypedChoiceField(
        label=_("Who supports"), coerce=int, required=False, empty_value=None
    )
    offered = forms.CharField(
        label=_("What was offered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Consultations, a methodological association, a network mentor…"),
    )
    reason = forms.CharField(label=_("Why no mentor fit"), max_length=300, required=False)

    def __init__(self, *args: Any, staff: list[StaffMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {person.pk: person for person in staff}
        self.fields["supporter"].choices = [  # type: ignore[attr-defined]
            ("", _("— not chosen —")),
            *(
                (p.pk, f"{p.full_name} — {p.position}" if p.position else p.full_name)
                for p in staff
            ),
        ]

    def chosen_supporter(self) -> StaffMember | None:
        pk = self.cleaned_data.get("supporter")
        return self.staff.get(pk) if pk else None


def staff_of(organization: Any) -> Any:
    return StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name", "patronymic"
    )
