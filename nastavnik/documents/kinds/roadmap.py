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
        .prefetch_related("stages__activities__responsible_people")
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
        "approval": {
            "number": data.get("approval_number") or "___",
            "date_quoted": quoted_date(parse_date(data.get("approval_date"))),
        },
        "council": {
            "number": data.get("council_number") or "___",
            "date": short_date(parse_date(data.get("council_date"))) or "__.__.20__",
        },
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
        ],
    )
)
