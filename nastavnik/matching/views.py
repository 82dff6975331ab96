"""The proposal of pairs of a school, the curator's decisions and acceptance, the support list
and the network matching of a municipality."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.banks.models import MenteeProfile
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.matching import scoring, services
from nastavnik.matching.forms import AcceptForm, DecisionForm, SupportForm, staff_of
from nastavnik.matching.models import MatchingDecision, SupportRecord
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))


def form_code_of(value: Any) -> str:
    return value if value in MentorshipForm.values else scoring.DEFAULT_FORM


def weight_rows(weights: scoring.Weights) -> list[tuple[str, float]]:
    """The share of each part of the score in points out of 100, for the page."""
    scale = 100.0 / weights.total if weights.total > 0 else 0.0
    parts = [
        (_("Needs of the mentee covered by the mentor's competencies (by level)"), weights.needs),
        (_("Same subject"), weights.subject),
        (_("Longer experience and a higher qualification category"), weights.experience),
        (_("Same organization"), weights.organization),
        (
            _("Similarity of the mentee's needs and the mentor's experience in own words"),
            weights.text,
        ),
        (_("Preference questionnaire (both directions)"), weights.preference),
    ]
    return [(label, round(value * scale, 2)) for label, value in parts]


def proposal_context(result: services.Run, schools: dict[int, str] | None = None) -> dict[str, Any]:
    """Rows of the proposal for the template: each pair with its alternatives (and, across a
    municipality, each person's school from ``schools``)."""
    schools = schools or {}
    pairs = []
    for pair in result.proposal.pairs:
        key = (pair.mentor.pk, pair.mentee.pk)
        pairs.append(
            {
                "pair": pair,
                "mentor_school": schools.get(pair.mentor.organization_id, ""),
                "mentee_school": schools.get(pair.mentee.organization_id, ""),
                "locked": key in result.locked,
                "choices": [
                    c
                    for c in result.choices.get(pair.mentee.pk, [])
                    if c.mentor.pk != pair.mentor.pk
                ],
            }
        )
    unmatched = [
        {
            "item": u,
            "choices": result.choices.get(u.mentee.pk, []),
            "mentee_school": schools.get(u.mentee.organization_id, ""),
        }
        for u in result.proposal.unmatched
    ]
    return {
        "result": result,
        "pairs": pairs,
        "unmatched": unmatched,
        "weights": weight_rows(result.data.weights),
        "show_school": bool(schools),
    }


@role_required(access.OBSERVER_ROLES)
def proposal(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    form_code = form_code_of(request.GET.get("form"))
    result = services.run_for(organization, year, form=form_code)
    starts, ends = services.default_period(year, timezone.localdate())
    accept_form = AcceptForm(
        initial={
            "starts_on": starts,
            "ends_on": ends,
            "form": form_code,
            "pairs": result.pair_keys(),
        }
    )
    on_support = set(
        MenteeProfile.objects.filter(
            organization=organization, academic_year=year, status=MenteeProfile.Status.SUPPORT
        ).values_list("staff_id", flat=True)
    )
    accepted = request.GET.get("accepted", "")
    return render(
        request,
        "matching/proposal.html",
        {
            "organization": organization,
            "year": year,
            "form_code": form_code,
            "form_choices": MentorshipForm.choices,
            "accept_form": accept_form,
            "on_support": on_support,
            "accepted": int(accepted) if accepted.isdigit() else 0,
            "can_manage": access.can(request.user, access.MANAGER_ROLES, organization),
            **proposal_context(result),
        },
    )


def _back(organization: Organization, form_code: str = scoring.DEFAULT_FORM, **extra: Any) -> str:
    url = reverse("matching:proposal", args=[organization.pk])
    query = {k: v for k, v in extra.items() if v}
    if form_code != scoring.DEFAULT_FORM:
        query["form"] = form_code
    return f"{url}?{urlencode(query)}" if query else url


def _person(organization: Organization, pk: int) -> StaffMember:
    return access.get_or_404(StaffMember.objects.filter(organization=organization), pk=pk)


@require_POST
@role_required(access.MANAGER_ROLES)
def decide(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = get_academic_year(request)
    form_code = form_code_of(request.POST.get("form"))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    action = form.cleaned_data["action"]
    mentor = _person(organization, form.cleaned_data["mentor"])
    mentee = _person(organization, form.cleaned_data["mentee"])
    names = {"mentor": mentor.full_name, "mentee": mentee.full_name}
    if action == "clear":
        services.decision_clear(
            actor=request.user,
            organization=organization,
            year=year,
            mentor_id=mentor.pk,
            mentee_id=mentee.pk,
        )
        messages.success(request, _("The decision on %(mentor)s — %(mentee)s is undone.") % names)
        return redirect(_back(organization, form_code))
    if action == "change":
        result = services.run_for(organization, year, form=form_code)
        allowed = {c.mentor.pk for c in result.choices.get(mentee.pk, [])}
        if mentor.pk not in allowed:
            messages.error(
                request,
                _(
                    "%(mentor)s cannot be the mentor of %(mentee)s: the rules or the capacity do "
                    "not allow it."
                )
                % names,
            )
            return redirect(_back(organization, form_code))
    kind = MatchingDecision.Kind.FORBIDDEN if action == "reject" else MatchingDecision.Kind.LOCKED
    services.decision_set(
        actor=request.user,
        organization=organization,
        year=year,
        mentor=mentor,
        mentee=mentee,
        kind=kind,
    )
    text = {
        "lock": _("The pair %(mentor)s — %(mentee)s is locked: it stays on every re-run."),
        "change": _("%(mentor)s is now the mentor of %(mentee)s; the pair is locked."),
        "reject": _("The pair %(mentor)s — %(mentee)s is rejected and will not be proposed."),
    }[action]
    messages.success(request, text % names)
    return redirect(_back(organization, form_code))


@require_POST
@role_required(access.MANAGER_ROLES)
def reset(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    count = services.decisions_reset(
        actor=request.user, organization=organization, year=get_academic_year(request)
    )
    messages.success(
        request,
        ngettext(
            "%(count)d decision is reset; the proposal is made anew.",
            "%(count)d decisions are reset; the proposal is made anew.",
            count,
        )
        % {"count": count},
    )
    return redirect(_back(organization, form_code_of(request.POST.get("form"))))


def accept_posted(
    request: HttpRequest,
    organizations: list[Organization],
    result_of: Any,
) -> tuple[int, str]:
    """Accept the proposal posted in AcceptForm; (mentorships created, form code)."""
    form = AcceptForm(request.POST)
    form_code = form_code_of(request.POST.get("form"))
    if not form.is_valid():
        _form_errors(request, form)
        return 0, form_code
    data = form.cleaned_data
    result = result_of(data["form"])
    if data["pairs"] != result.pair_keys():
        messages.error(
            request,
            _(
                "The proposal has changed since the page was opened (another form of mentorship, "
                "new data or someone's decision). Check it and accept again."
            ),
        )
        return 0, form_code
    try:
        created = services.accept(
            actor=request.user,
            year=get_academic_year(request),
            pairs=[(p.mentor, p.mentee) for p in result.proposal.pairs],
            form=data["form"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            group=data["group"],
            organizations={o.pk: o for o in organizations},
        )
    except ValidationError as error:
        _errors(request, error)
        return 0, form_code
    # The page shows the count with the links to the pairs and the order (?accepted=N).
    return len(created), form_code


@require_POST
@role_required(access.MANAGER_ROLES)
def accept(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = get_academic_year(request)
    count, form_code = accept_posted(
        request,
        [organization],
        lambda code: services.run_for(organization, year, form=code),
    )
    return redirect(_back(organization, form_code, accepted=count or None))


@require_POST
@role_required(access.MANAGER_ROLES)
def support_add(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(
        request.user, organization_pk, roles=access.MANAGER_ROLES
    )
    year = get_academic_year(request)
    form_code = form_code_of(request.POST.get("form"))
    pk = request.POST.get("mentee", "")
    mentee = _person(organization, int(pk) if pk.isdigit() else 0)
    result = services.run_for(organization, year, form=form_code)
    reason = next(
        (u.message for u in result.proposal.unmatched if u.mentee.pk == mentee.pk),
        _("No mentor was found in the matching."),
    )
    try:
        services.support_add(
            actor=request.user, organization=organization, year=year, mentee=mentee, reason=reason
        )
    except (ValidationError, MenteeProfile.DoesNotExist):
        raise Http404 from None
    messages.success(
        request,
        _("%(person)s is on the support list; write who supports him or her and what was offered.")
        % {"person": mentee.full_name},
    )
    return redirect("matching:support", organization.pk)


@role_required(access.OBSERVER_ROLES)
def support(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    year = get_academic_year(request)
    can_manage = access.can(request.user, access.MANAGER_ROLES, organization)
    profiles = list(
        MenteeProfile.objects.filter(
            organization=organization, academic_year=year, status=MenteeProfile.Status.SUPPORT
        )
        .select_related("staff", "support__supporter")
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic", "pk")
    )
    staff = list(staff_of(organization))
    if request.method == "POST":
        if not can_manage:
            raise Http404
        pk = request.POST.get("profile", "")
        profile = next((p for p in profiles if str(p.pk) == pk), None)
        if profile is None:
            raise Http404
        if request.POST.get("action") == "return":
            services.support_return(actor=request.user, profile=profile)
            messages.success(
                request,
                _("%(person)s is back in matching and waits for a mentor.")
                % {"person": profile.staff.full_name},
            )
            return redirect("matching:support", organization.pk)
        form = SupportForm(request.POST, prefix=f"p{profile.pk}", staff=staff)
        if form.is_valid():
            record = getattr(profile, "support", None) or SupportRecord(profile=profile)
            services.support_update(
                actor=request.user,
                record=record,
                supporter=form.chosen_supporter(),
                offered=form.cleaned_data["offered"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("The support of %(person)s is saved.") % {"person": profile.staff.full_name},
            )
            return redirect("matching:support", organization.pk)
        _form_errors(request, form)
    rows = []
    for profile in profiles:
        record = getattr(profile, "support", None)
        rows.append(
            {
                "profile": profile,
                "record": record,
                "form": SupportForm(
                    prefix=f"p{profile.pk}",
                    staff=staff,
                    initial={
                        "supporter": record.supporter_id if record else None,
                        "offered": record.offered if record else "",
                        "reason": record.reason if record else "",
                    },
                )
                if can_manage
                else None,
            }
        )
    return render(
        request,
        "matching/support.html",
        {"organization": organization, "year": year, "rows": rows, "can_manage": can_manage},
    )
