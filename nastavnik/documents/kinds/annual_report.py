"""The organization's analytical report for an academic year (аналитическая справка о
реализации программы наставничества): the figures the system knows, as tables, the expected
results of the program with their figures and whether each is reached, the curator's text
sections, the signatures of the head and of the curator.

The report itself lives in `nastavnik.reports`; the document reads it again each time it is
made: the frozen figures of a submitted report, else the live ones.
"""

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.documents.charts import BarChart, Series, bar_chart_png
from nastavnik.documents.engine import DocumentError, Picture
from nastavnik.documents.kinds.base import (
    DocumentKind,
    KindForm,
    People,
    StaffChoiceField,
    register,
    to_json,
)
from nastavnik.organizations.models import Organization

BLANK = "_" * 60


class AnnualReportForm(KindForm):
    year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    curator = StaffChoiceField(
        label=_("Curator"),
        required=False,
        help_text=_("Signs the report together with the head."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        from nastavnik.reports.models import AnnualReport

        # The years the organization has a report for (the latest first), else every year.
        years = AcademicYear.objects.filter(
            pk__in=AnnualReport.objects.filter(organization=organization).values("academic_year")
        ).order_by("-start_year") or AcademicYear.objects.order_by("-start_year")
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y.start_year, str(y)) for y in years
        ]

    def to_data(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {name: to_json(value) for name, value in self.cleaned_data.items()}


# The groups of figures as the document names them (Russian document text).
SECTION_TITLES = [
    "Банки наставников и наставляемых",
    "Наставнические пары и группы",
    "Программы наставничества",
    "Встречи и мероприятия",
    "Портфолио участников",
    "Удовлетворённость и формальное наставничество",
]


# The rows the document names in its own words, by (group, code); the forms of mentorship and
# the kinds of portfolio entries keep the names the system gives them.
ROW_LABELS: dict[tuple[int, str], str] = {
    (0, "mentors"): "Наставников в банке",
    (0, "mentees"): "Наставляемых в банке",
    (0, "young"): "из них молодых специалистов",
    (0, "paired"): "Наставляемых в парах и группах",
    (0, "paired_share"): "Доля наставляемых в парах и группах",
    (0, "waiting"): "Наставляемых, ожидающих наставника",
    (0, "support"): "Наставляемых в списке сопровождения",
    (1, "total"): "Пар и групп всего",
    (1, "pairs"): "из них пар",
    (1, "groups"): "из них групп",
    (2, "active"): "Программ в работе",
    (2, "completed"): "Программ завершено",
    (2, "ended_early"): "Программ прекращено досрочно",
    (2, "completed_share"): "Доля завершённых из окончившихся",
    (3, "held"): "Встреч проведено",
    (3, "planned"): "Встреч запланировано, ещё не проведено",
    (3, "events"): "Мероприятий организации проведено",
    (4, "total"): "Записей в портфолио всего",
    (5, "mentor"): "Удовлетворённость наставников (из 10)",
    (5, "mentee"): "Удовлетворённость наставляемых (из 10)",
    (5, "answers"): "Ответов на вопрос об удовлетворённости",
    (5, "active"): "Действующих пар и групп",
    (5, "flagged"): "из них с признаками формального наставничества",
}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()] or [BLANK]


def _figures_of_year(
    organization: Organization, year: AcademicYear | None
) -> dict[str, Any] | None:
    """The figures of a year as the report of that year has them (frozen once submitted)."""
    from nastavnik.reports import selectors
    from nastavnik.reports.models import AnnualReport

    if year is None:
        return None
    report = AnnualReport.objects.filter(organization=organization, academic_year=year).first()
    return selectors.data_of(report, organization, year)["figures"]


def annual_report_charts(
    organization: Organization,
    year: AcademicYear,
    now: dict[str, Any],
    before: dict[str, Any] | None,
    previous: AcademicYear | None,
) -> list[dict[str, Any]]:
    """The charts of the report, each this year against the previous one (when there is one):
    pairs and groups by form, satisfaction, meetings held and planned, the main figures.
    Returns [{"title", "image"}] with the images as Pictures."""
    from nastavnik.roadmaps.selectors import form_label

    years = [(str(previous), before)] if before is not None else []
    years.append((str(year), now))

    def series(count: int, value: Any) -> list[Series]:
        return [Series(name, [value(f, i) for i in range(count)]) for name, f in years]

    charts = []
    forms = sorted(
        {code for _name, f in years for code in f["pairs"]["by_form"]},
        key=lambda code: (-now["pairs"]["by_form"].get(code, 0), code),
    )
    if forms:
        categories = [_upper_first(str(form_label(code, organization))) for code in forms]
        charts.append(
            BarChart(
                "Наставнические пары и группы по формам наставничества",
                categories,
                series(len(categories), lambda f, i: f["pairs"]["by_form"].get(forms[i], 0)),
            )
        )
    roles = ["mentor", "mentee"]
    if any(f["satisfaction"][role] is not None for _name, f in years for role in roles):
        categories = ["Наставники", "Наставляемые"]
        charts.append(
            BarChart(
                "Удовлетворённость участников программой (средняя оценка из 10)",
                categories,
                series(len(categories), lambda f, i: f["satisfaction"][roles[i]]),
                decimals=1,
                maximum=10,
            )
        )
    categories = ["Запланировано встреч", "Проведено встреч"]
    charts.append(
        BarChart(
            "Встречи наставников и наставляемых: проведено из запланированных",
            categories,
            series(
                len(categories),
                lambda f, i: (
                    f["meetings"]["held"] + f["meetings"]["planned"]
                    if i == 0
                    else f["meetings"]["held"]
                ),
            ),
        )
    )
    main = [
        ("Наставников в банке", lambda f: f["banks"]["mentors"]),
        ("Наставляемых в банке", lambda f: f["banks"]["mentees"]),
        ("Пар и групп", lambda f: f["pairs"]["total"]),
        ("Программ завершено", lambda f: f["programs"]["completed"]),
        ("Встреч проведено", lambda f: f["meetings"]["held"]),
        ("Записей в портфолио", lambda f: f["portfolio"]["total"]),
    ]
    categories = [label for label, _get in main]
    charts.append(
        BarChart(
            f"Основные показатели: {year} учебный год к {previous} учебному году"
            if before is not None
            else f"Основные показатели {year} учебного года",
            categories,
            series(len(categories), lambda f, i: main[i][1](f)),
        )
    )
    return [{"title": c.title, "image": Picture(bar_chart_png(c), width_cm=16)} for c in charts]


def annual_report_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    from nastavnik.documents.kinds.roadmap import RESULT_HEADINGS
    from nastavnik.reports import selectors
    from nastavnik.reports.models import AnnualReport

    year = AcademicYear.objects.filter(start_year=data.get("year") or 0).first()
    if year is None:
        raise DocumentError(gettext("Choose the academic year of the report."))
    report = AnnualReport.objects.filter(organization=organization, academic_year=year).first()
    if report is None:
        raise DocumentError(
            gettext(
                "There is no analytical report for %(year)s: open the «Report for the year» "
                "page and save it first."
            )
            % {"year": year}
        )
    people = People(organization, {data["curator"]} if data.get("curator") else set())
    found = selectors.data_of(report, organization, year)
    with translation.override("ru"):
        sections = [
            {
                "title": SECTION_TITLES[index] if index < len(SECTION_TITLES) else str(title),
                "rows": [
                    {
                        "label": ROW_LABELS.get((index, row.code)) or _upper_first(str(row.label)),
                        "value": row.value,
                    }
                    for row in rows
                ],
            }
            for index, (title, rows) in enumerate(
                selectors.sections(found["figures"], organization)
            )
        ]
        results = [
            {
                "number": number,
                "group": RESULT_HEADINGS[r["group"]](organization)
                if r["group"] in RESULT_HEADINGS
                else r["group"],
                "text": r["text"],
                "indicator": str(r["indicator_label"]) or "не измеряется",
                "value": r["shown"] or "—",
                "target": r["target_shown"] or "—",
                "reached": {True: "да", False: "нет"}.get(r["reached"], "—"),
            }
            for number, r in enumerate(selectors.result_rows(found["results"]), start=1)
        ]
    reached, judged = selectors.reached_count(found["results"])
    previous = AcademicYear.objects.filter(start_year=year.start_year - 1).first()
    charts = annual_report_charts(
        organization, year, found["figures"], _figures_of_year(organization, previous), previous
    )
    return {
        "year": str(year),
        "report": {
            "introduction": _lines(report.introduction),
            "conclusions": _lines(report.conclusions),
            "problems": _lines(report.problems),
            "proposals": _lines(report.proposals),
        },
        "sections": sections,
        "results": results,
        "reached": {"reached": reached, "judged": judged},
        "curator": people.optional(data.get("curator")),
        "charts": charts,
    }


def annual_report_staff_ids(data: dict[str, Any]) -> set[int]:
    return {int(data["curator"])} if data.get("curator") else set()


register(
    DocumentKind(
        code="annual_report",
        label=_("Analytical report on the mentorship program for the year"),
        default_title=_("Analytical report on the mentorship program for the year"),
        description=_(
            "The organization's analytical report for an academic year: the figures of the banks, "
            "pairs, programs, meetings, portfolio and satisfaction as tables, the expected "
            "results with their figures, the curator's conclusions and proposals, the "
            "signatures of the head and the curator."
        ),
        series=None,
        form=AnnualReportForm,
        context=annual_report_context,
        staff_ids=annual_report_staff_ids,
        variables=[
            ("year", _("the academic year, «2025/2026»")),
            (
                "report",
                _(
                    "the text sections: .introduction, .conclusions, .problems, .proposals "
                    "(lists of paragraphs)"
                ),
            ),
            ("sections", _("groups of figures: .title, .rows (each .label, .value)")),
            (
                "results",
                _(
                    "expected results: .number, .group, .text, .indicator, .value, .target, "
                    ".reached"
                ),
            ),
            ("reached", _("how many expected results are reached: .reached of .judged")),
            ("curator", _("the curator (a person) or nothing")),
            (
                "charts",
                _(
                    "charts, this year against the previous one: .title, .image (put "
                    "{{ c.image }} alone in a paragraph)"
                ),
            ),
        ],
    )
)
