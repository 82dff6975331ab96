"""The library of questionnaires (of an organization, of a region) and the questionnaire editor.

Who sees and who changes a questionnaire is decided by ``permissions``; the changes are the
functions of ``editing``. Everything outside the user's scope is 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.banks.models import Competency
from nastavnik.core.decorators import role_required
from nastavnik.core.services import academic_year_current
from nastavnik.organizations.models import Region
from nastavnik.surveys import editing, permissions, services
from nastavnik.surveys.forms_library import QuestionForm, QuestionnaireForm, SectionForm
from nastavnik.surveys.models import Question, Questionnaire, Section, Survey

# The respondent's page lays out questions with these; the preview shows the same page.
from nastavnik.surveys.views_public import Block, Field


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _groups(questionnaires: Iterable[Questionnaire]) -> list[dict[str, Any]]:
    """The questionnaires grouped by purpose, in the order of Questionnaire.Kind."""
    by_kind: dict[str, list[Questionnaire]] = {}
    for q in questionnaires:
        by_kind.setdefault(q.kind, []).append(q)
    return [
        {"kind": kind, "label": label, "rows": by_kind[kind]}
        for kind, label in Questionnaire.Kind.choices
        if kind in by_kind
    ]


def _with_counts(ids: Iterable[int]) -> list[Questionnaire]:
    return list(
        Questionnaire.objects.filter(pk__in=list(ids))
        .select_related("region", "organization__municipality__region")
        .annotate(question_count=Count("questions"))
        .order_by("kind", "organization_id", "title", "pk")
    )


# --- the library -------------------------------------------------------------------------------


@role_required(access.OBSERVER_ROLES)
def library(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    rows = _with_counts(q.pk for q in services.library_for(organization))
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    for q in rows:
        q.can_edit = permissions.can_edit_questionnaire(request.user, q)  # type: ignore[attr-defined]
    return render(
        request,
        "surveys/library/library.html",
        {
            "organization": organization,
            "region": organization.municipality.region,
            "groups": _groups(rows),
            "can_manage": can_manage,
            "survey_create_url": reverse("surveys:survey_create", args=[organization.pk]),
        },
    )


def _region_page(request: HttpRequest, region: Region, **extra: Any) -> HttpResponse:
    services.region_library(region)
    rows = _with_counts(
        Questionnaire.objects.filter(
            region=region, organization=None, is_template=True
        ).values_list("pk", flat=True)
    )
    can_edit = permissions.can_edit_region_library(request.user, region.pk)
    for q in rows:
        q.can_edit = can_edit  # type: ignore[attr-defined]
    return render(
        request,
        "surveys/library/region_library.html",
        {"region": region, "groups": _groups(rows), "can_edit": can_edit, **extra},
    )


@role_required(permissions.REGION_EDITOR_ROLES)
def region_library(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = access.get_or_404(
        access.regions_for(request.user, roles=permissions.REGION_EDITOR_ROLES), pk=region_pk
    )
    return _region_page(request, region)


@role_required(access.OVERSEER_ROLES)
def municipality_library(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    """The region's library as a methodologist of a municipality sees it: read-only."""
    municipality = access.get_municipality(request.user, municipality_pk)
    return _region_page(request, municipality.region, municipality=municipality)


@role_required(access.MANAGER_ROLES)
@require_POST
def questionnaire_copy(
    request: HttpRequest, organization_pk: int, questionnaire_pk: int
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    source = permissions.get_questionnaire(request.user, questionnaire_pk)
    try:
        copy = editing.questionnaire_copy_for(
            actor=request.user, source=source, organization=organization
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect("surveys:library", organization.pk)
    messages.success(
        request,
        _("The copy «%(title)s» is in the library of the organization. Change it as you need.")
        % {"title": copy.title},
    )
    return redirect("surveys:questionnaire_edit", copy.pk)


# --- the editor --------------------------------------------------------------------------------


def _back(
    request: HttpRequest, questionnaire: Questionnaire, survey: Survey | None
) -> tuple[str, str]:
    """Where the editor's «back» link leads, and its label."""
    if survey is not None:
        return reverse("surveys:survey_detail", args=[survey.pk]), survey.title
    if questionnaire.organization_id:
        return (
            reverse("surveys:library", args=[questionnaire.organization_id]),
            _("Library of questionnaires"),
        )
    # A template of the region: back to the organization the user came from, if any.
    came_from = request.GET.get("org", "")
    if came_from.isdigit():
        organization = (
            access.organizations_for(request.user)
            .filter(pk=came_from, municipality__region_id=questionnaire.region_id)
            .first()
        )
        if organization is not None:
            return reverse("surveys:library", args=[organization.pk]), _(
                "Library of questionnaires"
            )
    if permissions.can_edit_region_library(request.user, questionnaire.region_id):
        return reverse("surveys:region_library", args=[questionnaire.region_id]), _(
            "Library of the region"
        )
    municipality = (
        access.municipalities_for(request.user).filter(region_id=questionnaire.region_id).first()
    )
    if municipality is not None:
        return reverse("surveys:municipality_library", args=[municipality.pk]), _(
            "Library of the region"
        )
    organization = (
        access.organizations_for(request.user)
        .filter(municipality__region_id=questionnaire.region_id)
        .first()
    )
    if organization is not None:
        return reverse("surveys:library", args=[organization.pk]), _("Library of questionnaires")
    return reverse("home"), _("Home")


def _blocks(
    sections: list[Section], questions: list[Question]
) -> list[tuple[Section | None, list[Question]]]:
    """The questions under their sections: first those without a section."""
    by_section: dict[int | None, list[Question]] = {}
    for q in questions:
        by_section.setdefault(q.section_id, []).append(q)
    blocks: list[tuple[Section | None, list[Question]]] = []
    if by_section.get(None):
        blocks.append((None, by_section[None]))
    for s in sections:
        blocks.append((s, by_section.get(s.pk, [])))
    return blocks


def _editable(request: HttpRequest, questionnaire_pk: int) -> Questionnaire:
    """The questionnaire if the user may change it now; 404 outside the scope, 403 for
    read-only access; after a survey's launch, an error message (see the caller)."""
    questionnaire = permissions.get_questionnaire(request.user, questionnaire_pk)
    if not permissions.can_edit_questionnaire(request.user, questionnaire):
        raise PermissionDenied
    return questionnaire


def _frozen_message(request: HttpRequest) -> None:
    messages.error(
        request, _("The survey is launched: its questionnaire can no longer be changed.")
    )


def _edit_or_refuse(request: HttpRequest, questionnaire_pk: int) -> Questionnaire | None:
    """Like _editable, but a launched survey's copy gives None and a message."""
    questionnaire = permissions.get_questionnaire(request.user, questionnaire_pk)
    if permissions.can_edit_questionnaire(request.user, questionnaire):
        return questionnaire
    if (
        not questionnaire.is_template
        and questionnaire.organization is not None
        and access.can(request.user, access.MANAGER_ROLES, questionnaire.organization)
    ):
        _frozen_message(request)
        return None
    raise PermissionDenied


@role_required(access.OBSERVER_ROLES)
def questionnaire_edit(request: HttpRequest, questionnaire_pk: int) -> HttpResponse:
    questionnaire = permissions.get_questionnaire(request.user, questionnaire_pk)
    can_edit = permissions.can_edit_questionnaire(request.user, questionnaire)
    form = QuestionnaireForm(
        request.POST if request.method == "POST" else None, instance=questionnaire
    )
    if request.method == "POST":
        if not can_edit:
            return _refused(request, questionnaire)
        if form.is_valid():
            editing.questionnaire_update(
                actor=request.user, questionnaire=questionnaire, **form.cleaned_data
            )
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    sections = list(questionnaire.sections.all())
    questions = list(
        questionnaire.questions.select_related("condition_question").order_by("order", "pk")
    )
    survey = None
    if not questionnaire.is_template:
        survey = Survey.objects.filter(questionnaire=questionnaire).first()
    back_url, back_label = _back(request, questionnaire, survey)
    copy_for = None
    came_from = request.GET.get("org", "")
    if questionnaire.is_template and not can_edit and came_from.isdigit():
        copy_for = (
            access.organizations_for(request.user, roles=access.MANAGER_ROLES)
            .filter(pk=came_from, municipality__region_id=questionnaire.region_id)
            .first()
        )
    return render(
        request,
        "surveys/library/editor.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "section_form": SectionForm(),
            "blocks": _blocks(sections, questions),
            "question_count": len(questions),
            "has_sections": bool(sections),
            "can_edit": can_edit,
            "survey": survey,
            "back_url": back_url,
            "back_label": back_label,
            "org": came_from if came_from.isdigit() else "",
            "copy_for": copy_for,
        },
    )


def _refused(request: HttpRequest, questionnaire: Questionnaire) -> HttpResponse:
    if (
        not questionnaire.is_template
        and questionnaire.organization is not None
        and access.can(request.user, access.MANAGER_ROLES, questionnaire.organization)
    ):
        _frozen_message(request)
        return redirect("surveys:questionnaire_edit", questionnaire.pk)
    raise PermissionDenied


def _preview_blocks(questionnaire: Questionnaire) -> list[Block]:
    """The questions as the respondent's page lays them out (``surveys/public/_question.html``),
    unanswered: a question with a condition starts hidden, as on that page."""
    questions = list(questionnaire.questions.select_related("section").order_by("order", "pk"))
    kinds = {q.kind for q in questions}
    # As a survey of the current year would offer them (the preferred mentors: the mentor bank).
    people: dict[str, list[tuple[str, str]]] = {}
    if questionnaire.organization_id:
        year = academic_year_current()
        for q in questions:
            if q.kind == Question.Kind.PEOPLE and q.code not in people:
                people[q.code] = [
                    (str(p.pk), f"{p.full_name} — {p.position}" if p.position else p.full_name)
                    for p in services.people_of_bank_code(
                        questionnaire.organization_id, year.pk, q.code
                    )
                ]
    grouped: dict[str, list[tuple[str, str, bool]]] = {}
    if Question.Kind.COMPETENCIES in kinds:
        for c in Competency.objects.filter(
            region_id=questionnaire.region_id, is_active=True
        ).order_by("order", "pk"):
            grouped.setdefault(c.group, []).append((str(c.pk), c.name, False))
    shown = services.visible(questions, {})
    blocks: list[Block] = []
    section_id: object = object()
    for question in questions:
        f = Field(question=question, values=[], hidden=question.pk not in shown)
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            f.options = [(str(o), False) for o in question.options]
            if question.kind == Question.Kind.MULTIPLE and question.max_choices:
                f.limit = ngettext(
                    "Choose at most %(count)d option.",
                    "Choose at most %(count)d options.",
                    question.max_choices,
                ) % {"count": question.max_choices}
        elif question.is_scale:
            f.scale = [(n, False) for n in range(1, question.scale_max + 1)]
        elif question.kind == Question.Kind.PEOPLE:
            f.slots = [(n, "") for n in range(1, (question.max_choices or 3) + 1)]
            f.choices = people.get(question.code, [])
        elif question.kind == Question.Kind.COMPETENCIES:
            f.groups = list(grouped.items())
        if question.section_id != section_id or not blocks:
            section_id = question.section_id
            blocks.append(
                Block(title=question.section.title if question.section else "", fields=[])
            )
        blocks[-1].fields.append(f)
    return blocks


@role_required(access.OBSERVER_ROLES)
def questionnaire_preview(request: HttpRequest, questionnaire_pk: int) -> HttpResponse:
    """The questionnaire as the respondent will see it; the conditions work, nothing is sent."""
    questionnaire = permissions.get_questionnaire(request.user, questionnaire_pk)
    back_url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
    if request.GET.get("org", "").isdigit():
        back_url += "?org=" + request.GET["org"]
    return render(
        request,
        "surveys/library/preview.html",
        {
            "questionnaire": questionnaire,
            "blocks": _preview_blocks(questionnaire),
            "back_url": back_url,
        },
    )


@role_required(access.MANAGER_ROLES)
def questionnaire_delete(request: HttpRequest, questionnaire_pk: int) -> HttpResponse:
    questionnaire = _editable(request, questionnaire_pk)
    organization = questionnaire.organization
    if organization is None or not questionnaire.is_template:
        raise Http404
    if request.method == "POST":
        try:
            editing.questionnaire_delete(actor=request.user, questionnaire=questionnaire)
        except ValidationError as error:
            _errors(request, error)
            return redirect("surveys:questionnaire_edit", questionnaire.pk)
        messages.success(
            request, _("The questionnaire «%(title)s» is deleted.") % {"title": questionnaire.title}
        )
        return redirect("surveys:library", organization.pk)
    return render(
        request,
        "surveys/library/delete.html",
        {
            "questionnaire": questionnaire,
            "organization": organization,
            "question_count": questionnaire.questions.count(),
        },
    )


# --- sections ----------------------------------------------------------------------------------


def _to_editor(questionnaire: Questionnaire, anchor: str = "") -> HttpResponse:
    url = reverse("surveys:questionnaire_edit", args=[questionnaire.pk])
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _section(questionnaire: Questionnaire, section_pk: int) -> Section:
    section = access.get_or_404(questionnaire.sections.all(), pk=section_pk)
    section.questionnaire = questionnaire
    return section


@role_required(access.OBSERVER_ROLES)
@require_POST
def section_add(request: HttpRequest, questionnaire_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        section = editing.section_add(
            actor=request.user, questionnaire=questionnaire, title=form.cleaned_data["title"]
        )
        messages.success(request, _("The section is added."))
        return _to_editor(questionnaire, f"section-{section.pk}")
    messages.error(request, _("Enter the title of the section."))
    return _to_editor(questionnaire, "sections")


@role_required(access.OBSERVER_ROLES)
@require_POST
def section_edit(request: HttpRequest, questionnaire_pk: int, section_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    section = _section(questionnaire, section_pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        editing.section_rename(
            actor=request.user, section=section, title=form.cleaned_data["title"]
        )
        messages.success(request, _("The section is renamed."))
    else:
        messages.error(request, _("Enter the title of the section."))
    return _to_editor(questionnaire, f"section-{section.pk}")


@role_required(access.OBSERVER_ROLES)
@require_POST
def section_move(request: HttpRequest, questionnaire_pk: int, section_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    section = _section(questionnaire, section_pk)
    try:
        editing.section_move(
            actor=request.user, section=section, up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        _errors(request, error)
    return _to_editor(questionnaire, f"section-{section.pk}")


@role_required(access.OBSERVER_ROLES)
@require_POST
def section_delete(request: HttpRequest, questionnaire_pk: int, section_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    section = _section(questionnaire, section_pk)
    try:
        editing.section_delete(actor=request.user, section=section)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The section «%(title)s» is deleted; its questions stay without a section.")
            % {"title": section.title},
        )
    return _to_editor(questionnaire)


# --- questions ---------------------------------------------------------------------------------


def _question_form(
    request: HttpRequest, questionnaire: Questionnaire, question: Question | None
) -> HttpResponse:
    instance = question or Question(questionnaire=questionnaire)
    initial = {}
    if question is None and request.GET.get("section", "").isdigit():
        initial["section"] = int(request.GET["section"])
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        questionnaire=questionnaire,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = editing.question_save(actor=request.user, question=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question is saved."))
            return _to_editor(questionnaire, f"question-{saved.pk}")
    choices = {
        str(q.pk): q.options if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else []
        for q in form.fields["condition_question"].queryset  # type: ignore[attr-defined]
    }
    return render(
        request,
        "surveys/library/question_form.html",
        {
            "questionnaire": questionnaire,
            "question": question,
            "form": form,
            "condition_options": choices,
        },
    )


@role_required(access.OBSERVER_ROLES)
def question_add(request: HttpRequest, questionnaire_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    return _question_form(request, questionnaire, None)


def _question(questionnaire: Questionnaire, question_pk: int) -> Question:
    question = access.get_or_404(questionnaire.questions.all(), pk=question_pk)
    question.questionnaire = questionnaire
    return question


@role_required(access.OBSERVER_ROLES)
def question_edit(request: HttpRequest, questionnaire_pk: int, question_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    return _question_form(request, questionnaire, _question(questionnaire, question_pk))


@role_required(access.OBSERVER_ROLES)
@require_POST
def question_move(request: HttpRequest, questionnaire_pk: int, question_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    question = _question(questionnaire, question_pk)
    try:
        editing.question_move(
            actor=request.user, question=question, up=request.POST.get("direction") == "up"
        )
    except ValidationError as error:
        _errors(request, error)
    return _to_editor(questionnaire, f"question-{question.pk}")


@role_required(access.OBSERVER_ROLES)
@require_POST
def question_delete(request: HttpRequest, questionnaire_pk: int, question_pk: int) -> HttpResponse:
    questionnaire = _edit_or_refuse(request, questionnaire_pk)
    if questionnaire is None:
        return redirect("surveys:questionnaire_edit", questionnaire_pk)
    question = _question(questionnaire, question_pk)
    try:
        editing.question_delete(actor=request.user, question=question)
    except ValidationError as error:
        _errors(request, error)
        return _to_editor(questionnaire, f"question-{question.pk}")
    messages.success(request, _("The question is deleted."))
    return _to_editor(questionnaire)
