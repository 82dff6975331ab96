from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.banks import exports, personal_export, selectors, services
from nastavnik.banks.forms import (
    AddToBankForm,
    BankSettingsForm,
    CompetencyForm,
    ConsentSignForm,
    MenteeForm,
    MentorForm,
    RevokeForm,
    TrainingForm,
)
from nastavnik.banks.models import Competency, Consent, MenteeProfile, MentorProfile
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.core.services import audit
from nastavnik.documents.models import DocumentLink
from nastavnik.organizations.models import Organization
from nastavnik.staff import logins
from nastavnik.staff.models import StaffMember

REGION_ROLES = access.STRUCTURE_ROLES | {Role.REGIONAL_METHODOLOGIST}


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _bank_context(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    return {
        "organization": organization,
        "year": get_academic_year(request),
        "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
    }


def _add_form(request: HttpRequest, organization: Organization, taken: Any) -> AddToBankForm:
    staff = StaffMember.objects.filter(organization=organization, is_active=True).exclude(
        pk__in=taken
    )
    return AddToBankForm(request.POST or None, staff=staff.order_by("last_name", "first_name"))


def _consent_marks(staff_ids: list[int]) -> dict[int, dict[str, Consent]]:
    return selectors.current_consents(staff_ids)


# --- mentee bank ---------------------------------------------------------------------------


@role_required(access.OBSERVER_ROLES)
def mentee_bank(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    context = _bank_context(request, organization)
    year = context["year"]
    profiles = list(selectors.mentee_bank(organization=organization, year=year))
    form = _add_form(request, organization, [p.staff_id for p in profiles])
    if request.method == "POST":
        if not context["can_manage"]:
            raise Http404
        if form.is_valid():
            try:
                profile = services.mentee_add(
                    actor=request.user, staff=form.cleaned_data["staff"], year=year
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(
                    request, _("The person is in the mentee bank. Now note the needs.")
                )
                return redirect("banks:mentee_edit", organization.pk, profile.pk)
        return redirect("banks:mentee_bank", organization.pk)
    status = request.GET.get("status", "")
    if status in MenteeProfile.Status.values:
        shown = [p for p in profiles if p.status == status]
    else:
        shown = profiles
    rules = selectors.rules_for(organization.municipality.region_id)
    today = timezone.localdate()
    consents = _consent_marks([p.staff_id for p in profiles])
    rows = [
        {
            "profile": p,
            "badges": selectors.badges(p.staff, rules, today),
            "consent": consents.get(p.staff_id, {}).get(Consent.Kind.PERSONAL_DATA),
        }
        for p in shown
    ]
    return render(
        request,
        "banks/mentee_bank.html",
        {
            **context,
            "rows": rows,
            "form": form,
            "statuses": MenteeProfile.Status.choices,
            "selected_status": status,
            "total": len(profiles),
        },
    )


@role_required(access.MANAGER_ROLES)
def mentee_edit(request: HttpRequest, organization_pk: int, profile_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    profile = access.get_or_404(
        MenteeProfile.objects.filter(organization=organization).select_related(
            "staff", "academic_year"
        ),
        pk=profile_pk,
    )
    competencies = list(selectors.competencies_for(organization.municipality.region))
    chosen = {n.competency_id: n.source for n in profile.needs.all()}
    initial: dict[str, Any] = {
        "category": profile.category,
        "status": profile.status,
        "needs_text": profile.needs_text,
        "result": profile.result,
    }
    for pk, source in chosen.items():
        initial[f"need_{pk}"] = True
        initial[f"source_{pk}"] = source
    form = MenteeForm(request.POST or None, competencies=competencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentee_update(
                actor=request.user,
                profile=profile,
                category=form.cleaned_data["category"],
                status=form.cleaned_data["status"],
                needs_text=form.cleaned_data["needs_text"].strip(),
                result=form.cleaned_data["result"].strip(),
                needs=form.chosen_needs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("banks:mentee_bank", organization.pk)
    return render(
        request,
        "banks/mentee_form.html",
        {"organization": organization, "profile": profile, "form": form},
    )


# --- mentor bank ---------------------------------------------------------------------------


@role_required(access.OBSERVER_ROLES)
def mentor_bank(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    context = _bank_context(request, organization)
    year = context["year"]
    profiles = list(selectors.mentor_bank(organization=organization, year=year))
    form = _add_form(request, organization, [p.staff_id for p in profiles])
    if request.method == "POST":
        if not context["can_manage"]:
            raise Http404
        if form.is_valid():
            try:
                profile = services.mentor_add(
                    actor=request.user, staff=form.cleaned_data["staff"], year=year
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(
                    request, _("The person is in the mentor bank. Now note the competencies.")
                )
                return redirect("banks:mentor_edit", organization.pk, profile.pk)
        return redirect("banks:mentor_bank", organization.pk)
    status = request.GET.get("status", "")
    shown = [p for p in profiles if p.status == status] if status else profiles
    consents = _consent_marks([p.staff_id for p in profiles])
    rows = [
        {
            "profile": p,
            "consent": consents.get(p.staff_id, {}).get(Consent.Kind.PERSONAL_DATA),
            "duties": consents.get(p.staff_id, {}).get(Consent.Kind.DUTIES),
        }
        for p in shown
    ]
    return render(
        request,
        "banks/mentor_bank.html",
        {
            **context,
            "rows": rows,
            "form": form,
            "statuses": MentorProfile.Status.choices,
            "selected_status": status,
            "total": len(profiles),
            "capacity": sum(p.capacity for p in profiles if p.status != "excluded"),
        },
    )


@role_required(access.MANAGER_ROLES)
def mentor_edit(request: HttpRequest, organization_pk: int, profile_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    profile = access.get_or_404(
        MentorProfile.objects.filter(organization=organization).select_related(
            "staff", "academic_year"
        ),
        pk=profile_pk,
    )
    region = organization.municipality.region
    competencies = list(selectors.competencies_for(region))
    rules = selectors.rules_for(region)
    initial: dict[str, Any] = {
        "status": profile.status,
        "capacity": profile.capacity,
        "mentorship_forms": profile.forms,
        "motivation": profile.motivation,
        "experience_text": profile.experience_text,
        "result": profile.result,
    }
    for c in profile.competencies.all():
        initial[f"competency_{c.competency_id}"] = True
        initial[f"level_{c.competency_id}"] = c.level
    form = MentorForm(request.POST or None, competencies=competencies, rules=rules, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_update(
                actor=request.user,
                profile=profile,
                status=form.cleaned_data["status"],
                capacity=form.cleaned_data["capacity"],
                forms=form.cleaned_data["mentorship_forms"],
                motivation=form.cleaned_data["motivation"].strip(),
                experience_text=form.cleaned_data["experience_text"].strip(),
                result=form.cleaned_data["result"].strip(),
                competencies=form.chosen_competencies(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("banks:mentor_bank", organization.pk)
    return render(
        request,
        "banks/mentor_form.html",
        {
            "organization": organization,
            "profile": profile,
            "form": form,
            "training_form": TrainingForm(initial={"date": timezone.localdate()}),
            "trainings": profile.trainings.all(),
        },
    )


@require_POST
@role_required(access.MANAGER_ROLES)
def training_add(request: HttpRequest, organization_pk: int, profile_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    profile = access.get_or_404(
        MentorProfile.objects.filter(organization=organization).select_related("staff"),
        pk=profile_pk,
    )
    form = TrainingForm(request.POST)
    if form.is_valid():
        services.mentor_training_add(actor=request.user, profile=profile, **form.cleaned_data)
        messages.success(request, _("The training is noted."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("banks:mentor_edit", organization.pk, profile.pk)


# --- exports -------------------------------------------------------------------------------


def _xlsx(content: bytes, name: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


@role_required(access.OBSERVER_ROLES)
def mentee_export(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    content = exports.mentee_bank_xlsx(organization=organization, year=year)
    audit(
        actor=request.user,
        action="pd_export",
        target=organization,
        organization=organization,
        what="mentee_bank",
        year=str(year),
    )
    return _xlsx(content, f"mentees_{year.start_year}.xlsx")


@role_required(access.OBSERVER_ROLES)
def mentor_export(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    content = exports.mentor_bank_xlsx(organization=organization, year=year)
    audit(
        actor=request.user,
        action="pd_export",
        target=organization,
        organization=organization,
        what="mentor_bank",
        year=str(year),
    )
    return _xlsx(content, f"mentors_{year.start_year}.xlsx")


@role_required(access.OBSERVER_ROLES)
def staff_export(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    content = exports.staff_xlsx(organization=organization)
    audit(
        actor=request.user,
        action="pd_export",
        target=organization,
        organization=organization,
        what="staff",
    )
    return _xlsx(content, "staff.xlsx")


@role_required(access.MANAGER_ROLES)
def person_export(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    """Everything the system holds about the person, on his or her request (152-ФЗ, art. 14)."""
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    person = access.get_or_404(
        organization.staff.select_related("user", "organization"), pk=staff_pk
    )
    content = personal_export.person_xlsx(person)
    audit(actor=request.user, action="pd_export_person", target=person, organization=organization)
    return _xlsx(content, f"personal_data_{person.pk}.xlsx")


# --- consents and the person's card --------------------------------------------------------


@role_required(access.OBSERVER_ROLES)
def consent_list(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    staff = list(
        StaffMember.objects.filter(organization=organization, is_active=True).order_by(
            "last_name", "first_name", "patronymic"
        )
    )
    consents = selectors.current_consents([s.pk for s in staff])
    missing = request.GET.get("missing", "")
    rows = []
    for person in staff:
        current = consents.get(person.pk, {})
        if missing in Consent.Kind.values:
            found = current.get(missing)
            if found is not None and found.status == Consent.Status.SIGNED:
                continue
        rows.append({"person": person, "consents": [current.get(k) for k in Consent.Kind.values]})
    return render(
        request,
        "banks/consent_list.html",
        {
            "organization": organization,
            "rows": rows,
            "kinds": Consent.Kind.choices,
            "missing": missing,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
        },
    )


@role_required(access.OBSERVER_ROLES)
def person_detail(request: HttpRequest, organization_pk: int, staff_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    person = access.get_or_404(
        organization.staff.select_related("user", "study_group"), pk=staff_pk
    )
    audit(actor=request.user, action="pd_view", target=person, organization=organization)
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    today = timezone.localdate()
    rules = selectors.rules_for(organization.municipality.region_id)
    current = selectors.current_consents([person.pk]).get(person.pk, {})
    documents = (
        DocumentLink.objects.filter(content_type__model="staffmember", object_id=person.pk)
        .select_related("document")
        .order_by("-document__date")
    )
    return render(
        request,
        "banks/person_detail.html",
        {
            "organization": organization,
            "person": person,
            "badges": selectors.badges(person, rules, today),
            "age": person.age_on(today),
            "experience": person.experience_on(today),
            "consents": [
                (value, label, current.get(value))
                for value, label in Consent.Kind.choices
                if value != Consent.Kind.DUTIES or services.needs_duties_consent(person)
            ],
            "minor": person.is_minor_on(today),
            "revoked": person.consents.filter(status=Consent.Status.REVOKED),
            "history": selectors.person_history(person),
            "documents": [link.document for link in documents],
            "can_manage": can_manage,
            "sign_form": ConsentSignForm(initial={"signed_at": today}),
            "account": _account_card(person, can_manage),
        },
    )


def _account_card(person: StaffMember, can_manage: bool) -> dict[str, Any]:
    """The person's login on his or her card: its roles here, or the ways to give one."""
    user = person.user
    if user is not None:
        return {
            "roles": [
                a.get_role_display()
                for a in user.role_assignments.filter(organization=person.organization_id)
            ],
            "can_reset": can_manage and logins.can_reset_password(user),
        }
    if not can_manage:
        return {}
    linkable = list(logins.linkable_accounts(person.organization))
    same_name = [u for u in linkable if u.full_name == person.full_name]
    return {
        "participates": bool(logins.roles_of(person)),
        "linkable": linkable,
        "suggested": same_name[0].pk if same_name else None,
    }


def _consent(organization: Organization, consent_pk: int) -> Consent:
    return access.get_or_404(
        Consent.objects.filter(organization=organization).select_related("staff__organization"),
        pk=consent_pk,
    )


@require_POST
@role_required(access.MANAGER_ROLES)
def consent_issue(
    request: HttpRequest, organization_pk: int, staff_pk: int, kind: str
) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    person = access.get_or_404(organization.staff.all(), pk=staff_pk)
    if kind not in Consent.Kind.values:
        raise Http404
    try:
        services.consent_issue(actor=request.user, staff=person, kind=kind)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request, _("The consent form is ready: download, print and give it to sign.")
        )
    return redirect("banks:person_detail", organization.pk, person.pk)


@role_required(access.OBSERVER_ROLES)
def consent_download(
    request: HttpRequest, organization_pk: int, consent_pk: int, what: str
) -> FileResponse:
    organization = access.get_organization(request.user, organization_pk)
    consent = _consent(organization, consent_pk)
    field = consent.file if what == "docx" else consent.scan if what == "scan" else None
    if not field:
        raise Http404
    extension = field.name.rsplit(".", 1)[-1]
    name = f"{consent.get_kind_display()} — {consent.staff.full_name}.{extension}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@require_POST
@role_required(access.MANAGER_ROLES)
def consent_sign(request: HttpRequest, organization_pk: int, consent_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    consent = _consent(organization, consent_pk)
    form = ConsentSignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.consent_sign(
                actor=request.user,
                consent=consent,
                scan=form.cleaned_data["scan"],
                signed_at=form.cleaned_data["signed_at"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The signed consent is saved."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("banks:person_detail", organization.pk, consent.staff_id)


@role_required(access.MANAGER_ROLES)
def consent_revoke(request: HttpRequest, organization_pk: int, consent_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    consent = _consent(organization, consent_pk)
    form = RevokeForm(request.POST or None, initial={"revoked_at": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(
                actor=request.user, consent=consent, revoked_at=form.cleaned_data["revoked_at"]
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The consent is revoked."))
        return redirect("banks:person_detail", organization.pk, consent.staff_id)
    return render(
        request,
        "banks/consent_revoke.html",
        {"organization": organization, "consent": consent, "form": form},
    )


# --- the region's rules and taxonomy -------------------------------------------------------


@role_required(REGION_ROLES)
def region_banks(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = access.get_or_404(access.regions_for(request.user, roles=REGION_ROLES), pk=region_pk)
    rules = selectors.rules_for(region)
    competencies = list(selectors.competencies_for(region, active_only=False))
    rules_form = BankSettingsForm(
        request.POST if request.POST.get("form") == "rules" else None, instance=rules
    )
    competency_form = CompetencyForm(
        request.POST if request.POST.get("form") == "competency" else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("form") == "rules" and rules_form.is_valid():
                services.bank_settings_update(
                    actor=request.user, rules=rules, **rules_form.cleaned_data
                )
                messages.success(request, _("The rules are saved."))
                return redirect("banks:region_banks", region.pk)
            if request.POST.get("form") == "competency" and competency_form.is_valid():
                pk = request.POST.get("pk", "")
                item = (
                    access.get_or_404(Competency.objects.filter(region=region), pk=pk)
                    if pk
                    else Competency(region=region)
                )
                services.competency_save(
                    actor=request.user,
                    competency=item,
                    group=competency_form.cleaned_data["group"].strip(),
                    name=competency_form.cleaned_data["name"].strip(),
                    is_active=competency_form.cleaned_data["is_active"],
                )
                messages.success(request, _("The list of needs and competencies is saved."))
                return redirect("banks:region_banks", region.pk)
        except ValidationError as error:
            _errors(request, error)
            return redirect("banks:region_banks", region.pk)
    return render(
        request,
        "banks/region_banks.html",
        {
            "region": region,
            "rules_form": rules_form,
            "competency_form": competency_form,
            "competencies": competencies,
        },
    )
