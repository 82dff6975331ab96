"""The results of a survey (charts, tables, texts, cross-tabulation, each person's answers), its
XLSX and print view, the comparison of two runs, and the overview for methodologists."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nastavnik.accounts import access
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.surveys import exports, results, selectors
from nastavnik.surveys.models import Question, Survey
from nastavnik.surveys.services import survey_state

SPLITS = ("group", "organization")
CHART_KINDS = frozenset(
    {
        Question.Kind.SINGLE,
        Question.Kind.MULTIPLE,
        Question.Kind.SCALE5,
        Question.Kind.SCALE10,
        Question.Kind.PEOPLE,
        Question.Kind.COMPETENCIES,
    }
)


def _survey(request: HttpRequest, survey_pk: int) -> tuple[Survey, str]:
    """The survey and how much of it the user sees, or 404 for anyone outside its scope
    (a mentor of the organization included)."""
    survey = access.get_or_404(results.survey_queryset(), pk=survey_pk)
    level = results.results_access(request.user, survey)
    if level is None:
        raise Http404
    return survey, level


def _context(request: HttpRequest, survey: Survey, level: str) -> dict[str, Any]:
    split = request.GET.get("split", "")
    if split not in SPLITS:
        split = ""
    total, groups = selectors.rates(survey)
    items = results.presented(survey, selectors.results(survey, split=split), level)
    sections: list[dict[str, Any]] = []
    current: Any = object()
    for item in items:
        section = item.question.section
        if section != current:
            sections.append({"section": section, "items": []})
            current = section
        sections[-1]["items"].append(
            {
                "result": item,
                "chart_id": f"chart-{item.question.pk}",
                "chart": item.question.kind in CHART_KINDS and item.answered > 0,
                "percent": item.question.kind != Question.Kind.PEOPLE,
                "numeric": item.question.is_scale or item.question.kind == Question.Kind.NUMBER,
            }
        )
    return {
        "survey": survey,
        "organization": survey.organization,
        "state": survey_state(survey),
        "level": level,
        "full": level == results.FULL,
        "shows_texts": results.shows_texts(survey, level),
        "shows_people": results.shows_people(survey, level),
        "total": total,
        "groups": groups,
        "sections": sections,
        "split": split,
        "today": timezone.localdate(),
    }


@login_required
def survey_results(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey, level = _survey(request, survey_pk)
    context = _context(request, survey, level)
    tab = request.GET.get("tab", "")
    if tab == "people" and context["shows_people"]:
        rows = selectors.identified_rows(survey)
        names = results.names_for(survey, [values for _s, _r, values in rows])
        questions = list(survey.questionnaire.questions.all())
        context["questions"] = questions
        context["people_rows"] = [
            {
                "staff": staff,
                "response": response,
                "answers": [results.answer_text(q, values.get(q.pk), names) for q in questions],
            }
            for staff, response, values in rows
        ]
    else:
        tab = ""
    context["tab"] = tab
    return render(request, "surveys/results/results.html", context)


@login_required
def survey_print_results(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey, level = _survey(request, survey_pk)
    return render(request, "surveys/results/print.html", _context(request, survey, level))


@login_required
def survey_export(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey, level = _survey(request, survey_pk)
    content = exports.survey_xlsx(survey=survey, level=level)
    return HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''survey_{survey.pk}.xlsx"},
    )


@login_required
def survey_compare(request: HttpRequest, survey_pk: int) -> HttpResponse:
    survey, level = _survey(request, survey_pk)
    candidates = results.compare_candidates(survey)
    other = None
    chosen = request.GET.get("with", "")
    if chosen:
        other = next((s for s in candidates if str(s.pk) == chosen), None)
        if other is None:
            raise Http404
    elif candidates and candidates[0].questionnaire.kind == survey.questionnaire.kind:
        other = candidates[0]
    rows: list[selectors.Comparison] = []
    before = after = None
    if other is not None:
        before, after = results.before_and_after(survey, other)
        rows = selectors.compare(before, after)
    return render(
        request,
        "surveys/results/compare.html",
        {
            "survey": survey,
            "organization": survey.organization,
            "level": level,
            "candidates": candidates,
            "other": other,
            "before": before,
            "after": after,
            "rows": rows,
        },
    )


@role_required(access.OVERSEER_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    year = get_academic_year(request)
    organizations = access.organizations_for(request.user, roles=access.OVERSEER_ROLES)
    municipalities = list(access.municipalities_for(request.user).order_by("name"))
    municipality = None
    chosen = request.GET.get("municipality", "")
    if chosen and len(municipalities) > 1:
        municipality = next((m for m in municipalities if str(m.pk) == chosen), None)
        if municipality is None:
            raise Http404
        organizations = organizations.filter(municipality=municipality)
    kinds = results.by_kind(organizations, year)
    page = Paginator(
        organizations.select_related("municipality").order_by("municipality__name", "short_name"),
        50,
    ).get_page(request.GET.get("page"))
    rows = results.organization_rows(list(page.object_list), year)
    totals = selectors.Rate(
        "", sum(k.rate.invited for k in kinds), sum(k.rate.answered for k in kinds)
    )
    return render(
        request,
        "surveys/results/overview.html",
        {
            "year": year,
            "kinds": kinds,
            "totals": totals,
            "total_surveys": sum(k.surveys for k in kinds),
            "ran": results.organizations_with_surveys(organizations, year),
            "page": page,
            "rows": rows,
            "municipalities": municipalities if len(municipalities) > 1 else [],
            "municipality": municipality,
        },
    )
