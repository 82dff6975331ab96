"""Pages of the students, schoolchildren, employers' mentors and study groups (seed 004)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.core.decorators import role_required
from nastavnik.staff import people
from nastavnik.staff.forms_people import (
    CLASS_TEACHER_FIELDS,
    EXTERNAL_FIELDS,
    STUDENT_FIELDS,
    ExternalMentorForm,
    StudentForm,
    StudyGroupForm,
)
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup

PAGE_SIZE = 50
CLASS_TEACHER_ROLES = frozenset({Role.CLASS_TEACHER})


def _search(qs: QuerySet[StaffMember], search: str) -> QuerySet[StaffMember]:
    for word in search.split():
        qs = qs.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(patronymic__icontains=word)
            | Q(home_organization__icontains=word)
        )
    return qs


def _with_minor(page: Any) -> None:
    today = timezone.localdate()
    page.object_list = [(p, p.is_minor_on(today)) for p in page.object_list]


@role_required(access.OBSERVER_ROLES)
def student_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    search = request.GET.get("q", "").strip()
    groups = list(StudyGroup.objects.filter(organization=organization))
    group = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    qs = people.students(organization).filter(is_active=True)
    if group is not None:
        qs = qs.filter(study_group=group)
    qs = (
        _search(qs, search)
        .select_related("study_group")
        .order_by("last_name", "first_name", "patronymic")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_minor(page)
    return render(
        request,
        "staff/student_list.html",
        {
            "organization": organization,
            "page": page,
            "search": search,
            "groups": groups,
            "group": group,
            "tab": "students",
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


def _person_form_page(
    request: HttpRequest,
    organization_pk: int,
    staff_pk: int | None,
    *,
    external: bool,
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    source = people.external_mentors(organization) if external else people.students(organization)
    person = access.get_or_404(source, pk=staff_pk) if staff_pk is not None else None
    names = EXTERNAL_FIELDS if external else STUDENT_FIELDS
    initial = {name: getattr(person, name) for name in names} if person else None
    form: ExternalMentorForm | StudentForm
    if external:
        form = ExternalMentorForm(request.POST or None, initial=initial)
    else:
        form = StudentForm(request.POST or None, initial=initial, organization=organization)
    back = "staff:external_list" if external else "staff:student_list"
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in names if name != "kind"}
        kind = PersonKind.EXTERNAL if external else form.cleaned_data["kind"]
        try:
            people.person_save(
                actor=request.user, organization=organization, kind=kind, person=person, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(back, organization.pk)
    return render(
        request,
        "staff/person_form.html",
        {
            "organization": organization,
            "form": form,
            "member": person,
            "back": back,
            "title": (
                (_("New employer's mentor") if external else _("New student"))
                if person is None
                else person.full_name
            ),
            "list_title": _("Employers' mentors") if external else _("Students"),
        },
    )


@role_required(access.MANAGER_ROLES)
def student_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    return _person_form_page(request, organization_pk, None, external=False)


@role_required(access.MANAGER_ROLES)
def student_edit(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    return _person_form_page(request, organization_pk, staff_pk, external=False)


@role_required(access.OBSERVER_ROLES)
def external_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    search = request.GET.get("q", "").strip()
    qs = _search(people.external_mentors(organization).filter(is_active=True), search).order_by(
        "last_name", "first_name", "patronymic"
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/external_list.html",
        {
            "organization": organization,
            "page": page,
            "search": search,
            "tab": "external",
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@role_required(access.MANAGER_ROLES)
def external_create(request: HttpRequest, organization_pk: int) -> HttpResponse:
    return _person_form_page(request, organization_pk, None, external=True)


@role_required(access.MANAGER_ROLES)
def external_edit(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    return _person_form_page(request, organization_pk, staff_pk, external=True)


@role_required(access.OBSERVER_ROLES)
def group_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    groups = (
        StudyGroup.objects.filter(organization=organization)
        .select_related("class_teacher")
        .annotate(n=Count("students", filter=Q(students__is_active=True)))
        .order_by("course", "name")
    )
    return render(
        request,
        "staff/group_list.html",
        {
            "organization": organization,
            "groups": groups,
            "tab": "groups",
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@role_required(access.MANAGER_ROLES)
def group_edit(
    request: HttpRequest, organization_pk: int, group_pk: int | None = None
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    group = (
        access.get_or_404(StudyGroup.objects.filter(organization=organization), pk=group_pk)
        if group_pk is not None
        else None
    )
    initial = (
        {
            "name": group.name,
            "course": group.course,
            "specialty": group.specialty,
            "class_teacher": group.class_teacher_id,
        }
        if group
        else None
    )
    form = StudyGroupForm(request.POST or None, initial=initial, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            people.group_save(
                actor=request.user, organization=organization, group=group, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("staff:group_list", organization.pk)
    return render(
        request,
        "staff/group_form.html",
        {"organization": organization, "form": form, "group": group},
    )


@role_required(CLASS_TEACHER_ROLES)
def my_groups(request: HttpRequest, organization_pk: int) -> HttpResponse:
    """The class teacher's own groups and their students, nothing else."""
    organization = access.get_organization(request.user, organization_pk, roles=CLASS_TEACHER_ROLES)
    groups = list(people.groups_of_class_teacher(organization, request.user))
    students = (
        people.students(organization)
        .filter(study_group__in=groups, is_active=True)
        .select_related("study_group")
        .order_by("study_group__name", "last_name", "first_name", "patronymic")
    )
    today = timezone.localdate()
    rows = [(s, s.is_minor_on(today)) for s in students]
    return render(
        request,
        "staff/my_groups.html",
        {
            "organization": organization,
            "groups": groups,
            "rows": rows,
            "surveys": people.group_survey_rates(groups),
        },
    )


@role_required(CLASS_TEACHER_ROLES)
def my_group_student_edit(
    request: HttpRequest, organization_pk: int, staff_pk: int
) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk, roles=CLASS_TEACHER_ROLES)
    groups = people.groups_of_class_teacher(organization, request.user)
    person = access.get_or_404(
        people.students(organization).filter(study_group__in=groups), pk=staff_pk
    )
    initial = {name: getattr(person, name) for name in CLASS_TEACHER_FIELDS}
    form = StudentForm(
        request.POST or None,
        initial=initial,
        organization=organization,
        fields=CLASS_TEACHER_FIELDS,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in CLASS_TEACHER_FIELDS}
        people.person_save(
            actor=request.user, organization=organization, kind=person.kind, person=person, **data
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("staff:my_groups", organization.pk)
    return render(
        request,
        "staff/person_form.html",
        {
            "organization": organization,
            "form": form,
            "member": person,
            "back": "staff:my_groups",
            "title": person.full_name,
            "list_title": _("My groups"),
        },
    )
