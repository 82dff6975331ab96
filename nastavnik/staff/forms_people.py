"""Forms of the students, schoolchildren, employers' mentors and study groups (seed 004)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.staff.forms import StaffMemberForm
from nastavnik.staff.models import ADULT_AGE, PersonKind, StaffMember, StudyGroup, full_years

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

STUDENT_FIELDS = (
    "kind",
    "last_name",
    "first_name",
    "patronymic",
    "gender",
    "birth_date",
    "study_group",
    "course",
    "specialty",
    "home_organization",
    "email",
    "phone",
    "representative_name",
    "representative_phone",
    "representative_email",
    "is_active",
)
# What a class teacher fills for the students of his or her group.
CLASS_TEACHER_FIELDS = tuple(
    f for f in STUDENT_FIELDS if f not in ("kind", "study_group", "course", "specialty")
)
EXTERNAL_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "gender",
    "birth_date",
    "home_organization",
    "position",
    "agreement",
    "email",
    "phone",
    "is_active",
)


class StudentForm(StaffMemberForm):
    """A student of the college or a schoolchild of a partner school."""

    kind = forms.ChoiceField(
        label=_("Who"),
        choices=[
            (PersonKind.STUDENT, _("student of the organization")),
            (PersonKind.SCHOOLCHILD, _("schoolchild of a partner school")),
        ],
        initial=PersonKind.STUDENT,
    )
    position = None  # type: ignore[assignment]
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=DATE_INPUT,
        help_text=_("It tells whether the consents are given by a parent (under 18)."),
    )
    study_group = forms.ModelChoiceField(
        label=_("Group or class"), queryset=StudyGroup.objects.none(), required=False
    )
    course = forms.IntegerField(
        label=_("Course or year of study"), min_value=1, max_value=11, required=False
    )
    specialty = forms.CharField(label=_("Specialty or profile"), max_length=300, required=False)
    home_organization = forms.CharField(
        label=_("School"),
        max_length=500,
        required=False,
        help_text=_("For a schoolchild of a partner school: the school's name."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    representative_name = forms.CharField(
        label=_("Parent or legal representative"),
        max_length=300,
        required=False,
        help_text=_("Surname, first name and patronymic; required for a minor."),
    )
    representative_phone = forms.CharField(
        label=_("Phone of the representative"), max_length=50, required=False
    )
    representative_email = forms.EmailField(label=_("E-mail of the representative"), required=False)
    is_active = forms.BooleanField(label=_("Studies now"), required=False, initial=True)

    field_order = list(STUDENT_FIELDS)

    def __init__(
        self, *args: Any, organization: Any, fields: tuple[str, ...] = STUDENT_FIELDS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if "study_group" in self.fields:
            self.fields["study_group"].queryset = StudyGroup.objects.filter(  # type: ignore[attr-defined]
                organization=organization
            )
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        birth: datetime.date | None = data.get("birth_date")
        today = timezone.localdate()
        if birth is not None:
            age = full_years(birth, today)
            if birth > today or age < 5 or age > 80:
                self.add_error("birth_date", _("Check the date of birth."))
            elif age < ADULT_AGE and not data.get("representative_name"):
                self.add_error(
                    "representative_name",
                    _(
                        "The student is under 18: write the parent or legal representative, "
                        "who gives the consents."
                    ),
                )
        if data.get("kind") == PersonKind.SCHOOLCHILD and not data.get("home_organization"):
            self.add_error("home_organization", _("Write the school of the schoolchild."))
        return data


class ExternalMentorForm(StaffMemberForm):
    """A representative of an employer who mentors students (the form «работодатель – студент»)."""

    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE_INPUT, required=False)
    home_organization = forms.CharField(
        label=_("Employer"),
        max_length=500,
        help_text=_("For example: «АО „Завод им. Ленина“»."),
    )
    agreement = forms.CharField(
        label=_("Agreement with the employer"),
        max_length=300,
        required=False,
        help_text=_(
            "The agreement under which the employer's representative mentors students, for "
            "example «Договор о сотрудничестве № 12 от 01.09.2025». Required before the mentor "
            "becomes active."
        ),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    is_active = forms.BooleanField(label=_("Takes part now"), required=False, initial=True)

    field_order = list(EXTERNAL_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].help_text = _("The position at the employer: «Мастер участка».")


class StudyGroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group or class"), max_length=50, help_text=_("For example: «ТМ-11» or «9 А».")
    )
    course = forms.IntegerField(
        label=_("Course or year of study"), min_value=1, max_value=11, required=False
    )
    specialty = forms.CharField(label=_("Specialty or profile"), max_length=300, required=False)
    class_teacher = forms.ModelChoiceField(
        label=_("Class teacher"),
        queryset=StaffMember.objects.none(),
        required=False,
        help_text=_(
            "The curator of the group or the class teacher: with an account, he or she sees and "
            "fills the data of this group only."
        ),
    )

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["class_teacher"].queryset = StaffMember.objects.filter(  # type: ignore[attr-defined]
            organization=organization, kind=PersonKind.STAFF, is_active=True
        ).order_by("last_name", "first_name", "patronymic")
