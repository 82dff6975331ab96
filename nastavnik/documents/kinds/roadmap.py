"""The approved roadmap as a document, in the seeds' layout with the approval blocks."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.core.services import academic_year_for
from nastavnik.documents.context import quoted_date, short_date
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds.base import DocumentKind, KindForm, parse_date, register
from nastavnik.organizations.models import Organization


class RoadmapForm(KindForm):
    approval_number = forms.CharField(
        label=_("Approved by order No."), max_length=30, required=False
    )
    approval_date = forms.DateField(label=_("Date of the order"), required=False)
    council_number = forms.CharField(
        label=_("Protocol of the pedagogical council, No."), max_length=30, required=False
    )
    council_date = forms.DateField(label=_("Date of the council"), required=False)


def roadmap_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    from nastavnik.roadmaps.models import Roadmap
    from nastavnik.roadmaps.services import RESPONSIBLE_ROLES

    year = academic_year_for(parse_date(data["document_date"]) or academic_year_for_today())
    roadmap = (
        Roadmap.objects.filter(organization=organization, academic_year=year)
        .prefetch_related("stages__activities__responsible_people", "risks", "expected_results")
        .first()
    )
    if roadmap is None:
        raise DocumentError(
            gettext("There is no roadmap for %(year)s: create it on the «Roadmap» page first.")
            % {"year": year}
        )
    rows = []
    for number, stage in enumerate(roadmap.stages.all(), start=1):
        activities: list[Any] = list(stage.activities.all()) or [None]
        for index, activity in enumerate(activities, start=1):
            responsible = []
            if activity is not None:
                responsible = [str(RESPONSIBLE_ROLES.get(c, c)) for c in activity.responsible_roles]
                if activity.responsible_text:
                    responsible.append(activity.responsible_text)
                responsible += [p.full_name for p in activity.responsible_people.all()]
            rows.append(
                {
                    "number": f"{number}." if index == 1 else "",
                    "stage": stage.title if index == 1 else "",
                    "content": (
                        f"{number}.{index}. {activity.title}"
                        + (f": {activity.content}" if activity.content else "")
                        if activity is not None
                        else ""
                    ),
                    "deadline": activity.deadline if activity is not None else "",
                    "responsible": ", ".join(responsible),
                    "mark": "",
                }
            )
    return {
        "roadmap": {"title": roadmap.title},
        "rows": rows,
        **program_sections(roadmap, organization),
        "approval": {
            "number": data.get("approval_number") or "___",
            "date_quoted": quoted_date(parse_date(data.get("approval_date"))),
        },
        "council": {
            "number": data.get("council_number") or "___",
            "date": short_date(parse_date(data.get("council_date"))) or "__.__.20__",
        },
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def program_sections(roadmap: Any, organization: Organization) -> dict[str, Any]:
    """The sections of the program around the table, in the order of seeds 004 and 002, each
    numbered only when it is there: normative basis, goal, tasks, forms of mentorship, the
    table, risks, expected results, the organization of control."""
    from nastavnik.roadmaps.models import ExpectedResult
    from nastavnik.roadmaps.selectors import form_label

    basis = _lines(roadmap.normative_basis)
    tasks = _lines(roadmap.tasks)
    control = _lines(roadmap.control)
    forms = [form_label(code, organization) for code in roadmap.forms]
    risks = [
        {"number": number, "title": r.title, "mitigation": r.mitigation}
        for number, r in enumerate(roadmap.risks.all(), start=1)
    ]
    results = []
    for group, _label in ExpectedResult.Group.choices:
        items = [r.text for r in roadmap.expected_results.all() if r.group == group]
        if items:
            results.append({"label": RESULT_HEADINGS[group](organization), "items": items})
    present = {
        "basis": bool(basis),
        "goal": bool(roadmap.goal.strip()),
        "tasks": bool(tasks),
        "forms": bool(forms),
        "table": True,
        "risks": bool(risks),
        "results": bool(results),
        "control": bool(control),
    }
    numbers: dict[str, int] = {}
    for key, shown in present.items():
        if shown:
            numbers[key] = len(numbers) + 1
    return {
        "n": numbers,
        "basis": basis,
        "goal": roadmap.goal.strip(),
        "tasks": tasks,
        "forms_intro": roadmap.forms_intro.strip(),
        "forms": forms,
        "forms_note": roadmap.forms_note.strip(),
        "risks": risks,
        "results": results,
        "control": control,
    }


# The headings of the groups of expected results, as the schools write them (seed 002).
RESULT_HEADINGS: dict[str, Any] = {
    "mentee": lambda organization: "Для молодого педагога",
    "mentor": lambda organization: "Для наставника",
    "organization": lambda organization: (
        "Для школы"
        if organization.kind == Organization.Kind.SCHOOL
        else "Для образовательной организации"
    ),
}


def academic_year_for_today() -> Any:
    import datetime

    return datetime.date.today()  # noqa: DTZ011 (a local calendar day)


def roadmap_ids(data: dict[str, Any]) -> set[int]:
    return set()


register(
    DocumentKind(
        code="roadmap",
        label=_("Roadmap (plan of activities) of the mentorship system"),
        default_title=_("Roadmap (plan of activities) of the mentorship system"),
        description=_(
            "The roadmap of the year as a table in the layout of the roadmaps of the schools, "
            "with the approval blocks of the head and of the pedagogical council."
        ),
        series=None,
        form=RoadmapForm,
        context=roadmap_context,
        staff_ids=roadmap_ids,
        variables=[
            ("roadmap", _("the roadmap: .title")),
            ("rows", _("rows: .number, .stage, .content, .deadline, .responsible, .mark")),
            ("approval", _("the approving order: .number, .date_quoted")),
            ("council", _("the protocol of the pedagogical council: .number, .date")),
            ("n", _("numbers of the sections present: .basis, .goal, .tasks, .forms, .table, …")),
            ("basis", _("the normative basis: a list of acts")),
            ("goal", _("the goal of the program")),
            ("tasks", _("the tasks: a list")),
            ("forms_intro", _("forms of mentorship: the introduction")),
            ("forms", _("the forms of mentorship used: a list of names")),
            ("forms_note", _("forms of mentorship: the conclusion")),
            ("risks", _("risks: .number, .title, .mitigation")),
            ("results", _("expected results by group: .label, .items")),
            ("control", _("the organization of control: a list")),
        ],
    )
)
