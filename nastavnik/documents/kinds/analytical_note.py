"""The mentor's analytical report (аналитическая справка) on a pair or group at the end of the
program — seed 002: «итоговый контроль … на основании аналитической справки, составленной
наставником».

The facts are read again from the system each time the document is made: the participants,
the period, the goal and tasks, the activities done and overdue with dates, the meetings held
by kind, the mentees' portfolio, the satisfaction from the surveys, the participants' reports.
Four text sections (the work done, the results, the difficulties, the recommendations) are
prefilled from the mentor's report and the facts; the mentor may edit them before making it.
"""

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.context import short_date, staff_context
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds.base import DocumentKind, KindForm, register, to_json
from nastavnik.documents.kinds.program import (
    MENTORSHIP_TYPES,
    MentorshipChoiceField,
    lines,
    mentorships_of,
)
from nastavnik.organizations.models import Organization

AREA = forms.Textarea(attrs={"rows": 5})
SECTIONS = ("work_done", "results", "difficulties", "recommendations")


class AnalyticalNoteForm(KindForm):
    mentorship = MentorshipChoiceField(label=_("Pair or group"))
    work_done = forms.CharField(label=_("The work done"), required=False, widget=AREA)
    results = forms.CharField(
        label=_("Results achieved against the goal and tasks"), required=False, widget=AREA
    )
    difficulties = forms.CharField(label=_("Difficulties"), required=False, widget=AREA)
    recommendations = forms.CharField(
        label=_("Conclusions and recommendations"), required=False, widget=AREA
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["mentorship"].queryset = mentorships_of(organization)  # type: ignore[attr-defined]

    @classmethod
    def initial_from_query(cls, query: QueryDict, organization: Organization) -> dict[str, Any]:
        """`?mentorship=<pk>` preselects the pair and prefills the sections from the system."""
        value = query.get("mentorship", "")
        mentorship = (
            mentorships_of(organization).filter(pk=value).first() if value.isdigit() else None
        )
        if mentorship is None:
            return {}
        return {"mentorship": mentorship.pk, **prefill(mentorship)}

    @classmethod
    def title_for(cls, initial: dict[str, Any], organization: Organization) -> str:
        mentorship = mentorships_of(organization).filter(pk=initial.get("mentorship") or 0).first()
        if mentorship is None:
            return ""
        return gettext("%(title)s: %(mentor)s — %(mentees)s") % {
            "title": gettext("Analytical report of the mentor"),
            "mentor": staff_context(mentorship.mentor)["short_name"],
            "mentees": ", ".join(staff_context(m)["short_name"] for m in mentorship.mentees.all()),
        }

    def to_data(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        data = {name: to_json(value) for name, value in self.cleaned_data.items()}
        data["mentorship"] = self.cleaned_data["mentorship"].pk
        return data


def prefill(mentorship: Any) -> dict[str, str]:
    """The text sections as the system would write them: the mentor's report where he wrote
    it, otherwise a summary of the facts (Russian: the text of the document)."""
    from nastavnik.mentorships.completion import analytical_facts
    from nastavnik.mentorships.models import ParticipantReport

    facts = analytical_facts(mentorship, timezone.localdate())
    mentor_report = next(
        (
            e.report
            for e in facts["entries"]
            if e.report is not None and e.person.pk == mentorship.mentor_id
        ),
        None,
    )
    total, done = len(facts["activities"]), len(facts["done"])
    summary = f"Выполнено мероприятий программы: {done} из {total}. " if total else ""
    summary += f"Проведено встреч: {facts['meetings_total']}."
    if facts["portfolio"]:
        summary += f" В портфолио наставляемых: {len(facts['portfolio'])}."
    mentees = [
        e.report
        for e in facts["entries"]
        if e.report is not None
        and e.report.role == ParticipantReport.Role.MENTEE
        and e.report.self_assessment is not None
    ]
    results = mentor_report.results if mentor_report else ""
    if mentees:
        scores = ", ".join(f"{r.author.full_name} — {r.self_assessment}" for r in mentees)
        results = (results + "\n" if results else "") + f"Самооценка наставляемых: {scores}."
    recommendations = ""
    if mentor_report:
        recommendations = "\n".join(
            t for t in (mentor_report.to_continue, mentor_report.suggestions) if t
        )
    return {
        "work_done": ((mentor_report.done + "\n") if mentor_report and mentor_report.done else "")
        + summary,
        "results": results,
        "difficulties": mentor_report.difficulties if mentor_report else "",
        "recommendations": recommendations,
    }


def analytical_note_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    from nastavnik.mentorships.completion import analytical_facts
    from nastavnik.mentorships.models import ParticipantReport, Program

    mentorship = mentorships_of(organization).filter(pk=data.get("mentorship") or 0).first()
    if mentorship is None:
        raise DocumentError(
            gettext(
                "The pair or group chosen in the document is no longer in the organization. "
                "Edit the document and choose another one."
            )
        )
    facts = analytical_facts(mentorship, timezone.localdate())
    program = Program.objects.filter(mentorship=mentorship).first()
    start, end = short_date(mentorship.starts_on), short_date(mentorship.ends_on)
    satisfaction = facts["satisfaction"]
    reports = []
    for e in facts["entries"]:
        r = e.report
        # The mentor's own report is the source of the edited sections above.
        if (
            r is None
            or r.status != ParticipantReport.Status.SUBMITTED
            or e.person.pk == mentorship.mentor_id
        ):
            continue
        reports.append(
            {
                "author": staff_context(e.person),
                "role": "наставник" if r.role == ParticipantReport.Role.MENTOR else "наставляемый",
                "done": r.done,
                "results": r.results,
                "difficulties": r.difficulties,
                "self_assessment": r.self_assessment or "",
                "to_continue": r.to_continue,
                "suggestions": r.suggestions,
                "useful_forms": r.useful_forms,
                "recommends": (
                    "" if r.recommends_mentor is None else ("да" if r.recommends_mentor else "нет")
                ),
            }
        )
    return {
        "mentorship": {
            "form": str(mentorship.get_form_display()),
            "type": str(MENTORSHIP_TYPES.get(mentorship.type, mentorship.get_type_display())),
            "start": start,
            "end": end,
            "period": gettext("from %(start)s to %(end)s") % {"start": start, "end": end},
            "academic_year": str(mentorship.academic_year),
            "status": str(mentorship.get_status_display()),
            "ended_on": short_date(mentorship.ended_on),
        },
        "mentor": staff_context(mentorship.mentor),
        "mentees": [staff_context(m) for m in mentorship.mentees.all()],
        "program": {
            "goal": lines(program.goal if program else ""),
            "tasks": lines(program.tasks if program else ""),
        },
        "activities": {
            "total": len(facts["activities"]),
            "done": [
                {"title": a.title, "date": short_date(a.done_on or a.due_on)} for a in facts["done"]
            ],
            "overdue": [{"title": a.title, "due": short_date(a.due_on)} for a in facts["overdue"]],
        },
        "meetings": [{"kind": kind, "count": count} for kind, count in facts["meetings"]],
        "meetings_total": facts["meetings_total"],
        "portfolio": [
            {
                "title": item.title,
                "kind": str(item.get_kind_display()),
                "date": short_date(item.date),
                "mentee": item.staff.full_name,
            }
            for item in facts["portfolio"]
        ],
        "satisfaction": (
            {
                "value": satisfaction.value,
                "survey": satisfaction.survey_title,
                "date": short_date(satisfaction.opens_on),
            }
            if satisfaction
            else None
        ),
        "reports": reports,
        "sections": {name: lines(data.get(name) or "") for name in SECTIONS},
    }


def analytical_note_staff_ids(data: dict[str, Any]) -> set[int]:
    from nastavnik.mentorships.models import Mentorship

    mentorship = Mentorship.objects.filter(pk=data.get("mentorship") or 0).first()
    if mentorship is None:
        return set()
    return {mentorship.mentor_id, *mentorship.mentees.values_list("pk", flat=True)}


register(
    DocumentKind(
        code="analytical_note",
        label=_("Analytical report of the mentor"),
        default_title=_("Analytical report of the mentor"),
        description=_(
            "The mentor's analytical report on a pair or group at the end of the program, the "
            "basis of the final control: the goal and tasks, the activities done and overdue, "
            "the meetings, the portfolio, the satisfaction and the participants' reports are "
            "taken from the system; the text sections may be edited before making it."
        ),
        series=None,
        form=AnalyticalNoteForm,
        context=analytical_note_context,
        staff_ids=analytical_note_staff_ids,
        variables=[
            (
                "mentorship",
                _(
                    "the pair or group: .form, .type, .start, .end, .period, .academic_year, "
                    ".status, .ended_on"
                ),
            ),
            ("mentor", _("the mentor (a person)")),
            ("mentees", _("the mentee(s) (persons)")),
            ("program", _("the program: .goal, .tasks (lists of lines)")),
            (
                "activities",
                _("the activities: .total, .done (.title, .date), .overdue (.title, .due)"),
            ),
            ("meetings", _("the meetings held by kind: .kind, .count")),
            ("meetings_total", _("the number of meetings held")),
            ("portfolio", _("the portfolio items: .title, .kind, .date, .mentee")),
            ("satisfaction", _("the satisfaction 0–100: .value, .survey, .date, or nothing")),
            (
                "reports",
                _(
                    "the submitted reports: .author, .role, .done, .results, .difficulties, "
                    ".self_assessment, .to_continue, .suggestions, .useful_forms, .recommends"
                ),
            ),
            (
                "sections",
                _(
                    "the edited sections: .work_done, .results, .difficulties, "
                    ".recommendations (lists of lines)"
                ),
            ),
        ],
    )
)
