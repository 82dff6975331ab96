from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.mentorships.models import ParticipantReport

AREA = {"rows": 4}
SCORES = [("", "—")] + [(str(n), str(n)) for n in range(1, 11)]
YES_NO = [("", "—"), ("yes", _("yes")), ("no", _("no"))]


class ReportForm(forms.ModelForm):
    """The report of a participant; the mentee's part only for a mentee. Everything may stay
    empty in a draft; submitting checks the essentials (completion.report_save)."""

    self_assessment = forms.TypedChoiceField(
        label=_("Self-assessment, 1–10"),
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("How well you did your part of the program: 1 — poorly, 10 — excellently."),
    )
    recommends_mentor = forms.TypedChoiceField(
        label=_("Would you recommend your mentor to colleagues?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = ParticipantReport
        fields = [
            "done",
            "results",
            "difficulties",
            "self_assessment",
            "to_continue",
            "suggestions",
            "useful_forms",
            "recommends_mentor",
        ]
        labels = {
            "done": _("What was done"),
            "results": _("Results achieved against the goal and tasks of the program"),
            "difficulties": _("Difficulties"),
            "to_continue": _("What to continue"),
            "suggestions": _("Suggestions"),
            "useful_forms": _("The most useful forms of work"),
        }
        widgets = {
            name: forms.Textarea(attrs=AREA)
            for name in (
                "done",
                "results",
                "difficulties",
                "to_continue",
                "suggestions",
                "useful_forms",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        report = self.instance
        if report.recommends_mentor is not None:
            self.initial["recommends_mentor"] = "yes" if report.recommends_mentor else "no"
        if report.self_assessment is not None:
            self.initial["self_assessment"] = str(report.self_assessment)
        if report.role != ParticipantReport.Role.MENTEE:
            del self.fields["useful_forms"]
            del self.fields["recommends_mentor"]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What to rework"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what to rework in the report.")},
    )
