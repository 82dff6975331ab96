"""The personalized mentorship program (ПНП) of a pair or group as a document: the approval
block of the head when the curator has approved it, the participants, the goal, the tasks, the
expected results, the mentee's development plan with the table of activities, the signatures.

The mentorship is chosen in the form among the organization's mentorships; the program is read
again from the mentorship each time the document is made.
"""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.context import quoted_date, short_date, staff_context
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds.base import (
    DocumentKind,
    KindForm,
    People,
    StaffChoiceField,
    register,
    to_json,
)
from nastavnik.organizations.models import Organization

# A blank line to fill in by hand when a section of the program is empty.
BLANK = "_" * 60

# The kinds of mentorship in the words of the methodological recommendations
# («индивидуальное», «групповое»…), as a document names them.
MENTORSHIP_TYPES = {
    "individual": pgettext_lazy("kind of mentorship", "individual"),
    "group": pgettext_lazy("kind of mentorship", "group"),
    "virtual": pgettext_lazy("kind of mentorship", "virtual"),
    "reverse": pgettext_lazy("kind of mentorship", "reverse"),
    "situational": pgettext_lazy("kind of mentorship", "situational"),
    "flash": pgettext_lazy("kind of mentorship", "flash mentoring"),
}


def mentorships_of(organization: Organization) -> Any:
    from nastavnik.mentorships.models import Mentorship

    return (
        Mentorship.objects.filter(organization=organization)
        .select_related("mentor", "academic_year")
        .prefetch_related("mentees")
        .order_by("-academic_year__start_year", "mentor__last_name", "pk")
    )


class MentorshipChoiceField(forms.ModelChoiceField):
    """The organization's mentorships; the form sets the queryset (the models of mentorships
    import this package, so they are not imported here at load time)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("— choose a pair or group —"))
        super().__init__(queryset=None, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        mentees = ", ".join(m.full_name for m in obj.mentees.all())
        return f"{obj.mentor.full_name} — {mentees} ({obj.academic_year})"


class ProgramForm(KindForm):
    mentorship = MentorshipChoiceField(label=_("Pair or group"))
    curator = StaffChoiceField(
        label=_("Curator"),
        required=False,
        help_text=_("Signs the program together with the mentor and the mentee(s)."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["mentorship"].queryset = mentorships_of(organization)  # type: ignore[attr-defined]

    @classmethod
    def initial_from_query(cls, query: QueryDict, organization: Organization) -> dict[str, Any]:
        """`?mentorship=<pk>` preselects one of the organization's mentorships."""
        value = query.get("mentorship", "")
        if value.isdigit() and mentorships_of(organization).filter(pk=value).exists():
            return {"mentorship": int(value)}
        return {}

    @classmethod
    def title_for(cls, initial: dict[str, Any], organization: Organization) -> str:
        """«Персонализированная программа наставничества: Лебедева Н.С. — Никитин А.И.», so
        that the programs of different pairs differ in the register."""
        mentorship = mentorships_of(organization).filter(pk=initial.get("mentorship") or 0).first()
        if mentorship is None:
            return ""
        return gettext("%(title)s: %(mentor)s — %(mentees)s") % {
            "title": gettext("Personalized mentorship program"),
            "mentor": staff_context(mentorship.mentor)["short_name"],
            "mentees": ", ".join(staff_context(m)["short_name"] for m in mentorship.mentees.all()),
        }

    def to_data(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        data = {name: to_json(value) for name, value in self.cleaned_data.items()}
        data["mentorship"] = self.cleaned_data["mentorship"].pk
        return data


def lines(text: str) -> list[str]:
    """The non-empty lines of a section, or one blank line to fill in by hand."""
    found = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return found or [BLANK]


def program_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    from nastavnik.mentorships.models import Program, ProgramActivity

    mentorship = mentorships_of(organization).filter(pk=data.get("mentorship") or 0).first()
    if mentorship is None:
        raise DocumentError(
            gettext(
                "The pair or group chosen in the document is no longer in the organization. "
                "Edit the document and choose another one."
            )
        )
    program = Program.objects.filter(mentorship=mentorship).first()
    activities = list(ProgramActivity.objects.filter(program=program)) if program else []
    if program is None or not (
        program.goal or program.tasks or program.development_plan or activities
    ):
        raise DocumentError(
            gettext(
                "The mentor has not written the program of this pair or group yet. "
                "Fill in the program on the page of the pair, then make the document."
            )
        )
    people = People(organization, {data["curator"]} if data.get("curator") else set())
    curator = people.optional(data.get("curator"))
    approval = None
    if program.status == Program.Status.APPROVED and program.approved_at:
        day = timezone.localdate(program.approved_at)
        approval = {"date": short_date(day), "date_quoted": quoted_date(day)}
    rows = []
    for number, activity in enumerate(activities, start=1):
        mark = ""
        if activity.status == ProgramActivity.Status.DONE:
            mark = (
                gettext("done %(date)s") % {"date": short_date(activity.done_on)}
                if activity.done_on
                else gettext("done")
            )
        rows.append(
            {
                "number": number,
                "title": activity.title,
                "kind": str(activity.get_kind_display()),
                "due": short_date(activity.due_on),
                "responsible": activity.responsible,
                "mark": mark,
            }
        )
    start, end = short_date(mentorship.starts_on), short_date(mentorship.ends_on)
    return {
        "mentorship": {
            "form": str(mentorship.get_form_display()),
            "type": str(MENTORSHIP_TYPES.get(mentorship.type, mentorship.get_type_display())),
            "start": start,
            "end": end,
            "period": gettext("from %(start)s to %(end)s") % {"start": start, "end": end},
            "academic_year": str(mentorship.academic_year),
        },
        "mentor": staff_context(mentorship.mentor),
        "mentees": [staff_context(m) for m in mentorship.mentees.all()],
        "curator": curator,
        "program": {
            "goal": lines(program.goal),
            "tasks": lines(program.tasks),
            "expected_results": lines(program.expected_results),
            "development_plan": lines(program.development_plan),
            "version": program.version,
        },
        "approval": approval,
        "activities": rows,
    }


def program_staff_ids(data: dict[str, Any]) -> set[int]:
    from nastavnik.mentorships.models import Mentorship

    found = {int(data["curator"])} if data.get("curator") else set()
    mentorship = Mentorship.objects.filter(pk=data.get("mentorship") or 0).first()
    if mentorship is not None:
        found.add(mentorship.mentor_id)
        found |= set(mentorship.mentees.values_list("pk", flat=True))
    return found


register(
    DocumentKind(
        code="mentorship_program",
        label=_("Personalized mentorship program"),
        default_title=_("Personalized mentorship program"),
        description=_(
            "The program of a pair or group in its usual layout: the head's approval when the "
            "curator has approved it, the goal, tasks, expected results, the development plan "
            "with the table of activities and the signatures of the participants."
        ),
        series=None,
        form=ProgramForm,
        context=program_context,
        staff_ids=program_staff_ids,
        variables=[
            (
                "mentorship",
                _("the pair or group: .form, .type, .start, .end, .period, .academic_year"),
            ),
            ("mentor", _("the mentor (a person)")),
            ("mentees", _("the mentee(s) (persons)")),
            ("curator", _("the curator (a person) or nothing")),
            (
                "program",
                _(
                    "the program: .goal, .tasks, .expected_results, .development_plan (lists of "
                    "lines), .version"
                ),
            ),
            ("approval", _("the curator's approval: .date, .date_quoted, or nothing")),
            ("activities", _("rows: .number, .title, .kind, .due, .responsible, .mark")),
        ],
    )
)
