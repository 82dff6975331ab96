"""Forms of the curator's pages of running surveys: preparing one and changing its audience."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember, StudyGroup
from nastavnik.surveys.models import Questionnaire, Survey

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKS = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position}" if obj.position else obj.full_name


class MentorshipChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        mentees = ", ".join(p.full_name for p in obj.mentees.all())
        return f"{obj.mentor.full_name} — {mentees}"


def staff_of(organization: Any) -> QuerySet[StaffMember]:
    """The people who can be asked: the active staff of the organization."""
    return StaffMember.objects.filter(
        organization=organization, is_active=True, anonymized_at__isnull=True
    ).order_by("last_name", "first_name", "patronymic")


def mentorships_of(organization: Any, year: Any) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.filter(organization=organization, academic_year=year)
        .select_related("mentor")
        .prefetch_related("mentees")
        .order_by("mentor__last_name", "mentor__first_name", "pk")
    )


class AudienceForm(forms.Form):
    """Who is asked: a whole group, chosen people or chosen pairs and groups."""

    audience = forms.ChoiceField(
        label=_("Who is asked"),
        choices=Survey.Audience.choices,
        initial=Survey.Audience.ALL_STAFF,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    people = PeopleChoice(
        label=_("People"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=CHECKS,
    )
    mentorships = MentorshipChoice(
        label=_("Mentor — mentees"),
        queryset=Mentorship.objects.none(),
        required=False,
        widget=CHECKS,
    )
    study_groups = forms.ModelMultipleChoiceField(
        label=_("Groups and classes"),
        queryset=StudyGroup.objects.none(),
        required=False,
        widget=CHECKS,
    )

    def __init__(self, *args: Any, organization: Any, year: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = staff_of(organization)  # type: ignore[attr-defined]
        self.fields["mentorships"].queryset = mentorships_of(  # type: ignore[attr-defined]
            organization, year
        )
        groups = StudyGroup.objects.filter(organization=organization).order_by("course", "name")
        self.fields["study_groups"].queryset = groups  # type: ignore[attr-defined]
        if not groups.exists():
            # A school without students: the audiences of students do not apply.
            self.fields["audience"].choices = [  # type: ignore[attr-defined]
                c for c in Survey.Audience.choices if c[0] != Survey.Audience.STUDENTS
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        audience = data.get("audience")
        if audience == Survey.Audience.PEOPLE and not data.get("people"):
            self.add_error("people", _("Choose at least one person."))
        if audience == Survey.Audience.MENTORSHIPS and not data.get("mentorships"):
            self.add_error("mentorships", _("Choose at least one pair or group."))
        if audience == Survey.Audience.STUDENTS and not data.get("study_groups"):
            self.add_error("study_groups", _("Choose at least one group."))
        return data

    def chosen(self) -> dict[str, Any]:
        """The keyword arguments of the audience for the services."""
        data = self.cleaned_data
        audience = data["audience"]
        return {
            "audience": audience,
            "people": list(data["people"]) if audience == Survey.Audience.PEOPLE else [],
            "mentorships": (
                list(data["mentorships"]) if audience == Survey.Audience.MENTORSHIPS else []
            ),
            "study_groups": (
                list(data["study_groups"]) if audience == Survey.Audience.STUDENTS else []
            ),
        }


class SurveyCreateForm(AudienceForm):
    template = forms.TypedChoiceField(label=_("Questionnaire"), coerce=int)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("If left empty: the title of the questionnaire and the academic year."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous survey"),
        required=False,
        help_text=_(
            "Nobody, not even the curator or the administrator, will be able to tell who gave "
            "which answers: the system keeps only whether a person has answered, to remind "
            "those who have not. The answers of an anonymous survey cannot be moved into the "
            "mentee and mentor banks."
        ),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)
    reminder_limit = forms.IntegerField(
        label=_("Reminders at most"),
        min_value=0,
        max_value=5,
        initial=2,
        help_text=_("Only those who have not answered are reminded; 0 — no reminders."),
    )
    reminder_interval_days = forms.IntegerField(
        label=_("Days between reminders at least"), min_value=1, max_value=30, initial=3
    )

    field_order = [
        "template",
        "title",
        "anonymous",
        "audience",
        "people",
        "mentorships",
        "opens_on",
        "closes_on",
        "reminder_limit",
        "reminder_interval_days",
    ]

    def __init__(
        self, *args: Any, templates: Sequence[Questionnaire], year: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, year=year, **kwargs)
        self.templates = {t.pk: t for t in templates}
        self.year = year
        self.fields["template"].choices = [  # type: ignore[attr-defined]
            ("", _("— choose a questionnaire —")),
            *((t.pk, t.title) for t in templates),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The survey must close on or after the day it opens."))
        template = self.templates.get(data.get("template") or 0)
        if template is not None:
            data["template"] = template
            if not (data.get("title") or "").strip():
                data["title"] = default_title(template, self.year)
        data["title"] = (data.get("title") or "").strip()
        return data


def default_title(template: Questionnaire, year: Any) -> str:
    return f"{template.title} {year}"
