"""The network matching of a municipality: the same exact matching across its schools for the
mentees still waiting or on the support list; a pair across schools becomes a mentorship in
the mentee's organization."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.banks.models import MenteeProfile
from nastavnik.core.context import get_academic_year
from nastavnik.core.decorators import role_required
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.matching import scoring, services
from nastavnik.matching.forms import AcceptForm
from nastavnik.matching.views import accept_posted, form_code_of, proposal_context
from nastavnik.organizations.models import Municipality, Organization

# Who accepts the network proposal: the municipal methodologist runs the network matching.
NETWORK_ROLES = frozenset({Role.ADMIN, Role.MUNICIPAL_METHODOLOGIST})


def _organizations(municipality: Municipality) -> list[Organization]:
    return list(
        Organization.objects.filter(municipality=municipality)
        .select_related("municipality__region")
        .order_by("short_name", "pk")
    )


@role_required(access.OVERSEER_ROLES)
def network(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk)
    year = get_academic_year(request)
    form_code = form_code_of(request.GET.get("form"))
    organizations = _organizations(municipality)
    result = services.run_for(organizations, year, form=form_code)
    starts, ends = services.default_period(year, timezone.localdate())
    accepted = request.GET.get("accepted", "")
    return render(
        request,
        "matching/network.html",
        {
            "municipality": municipality,
            "year": year,
            "form_code": form_code,
            "form_choices": MentorshipForm.choices,
            "accept_form": AcceptForm(
                initial={
                    "starts_on": starts,
                    "ends_on": ends,
                    "form": form_code,
                    "pairs": result.pair_keys(),
                }
            ),
            "on_support": set(
                MenteeProfile.objects.filter(
                    organization__in=organizations,
                    academic_year=year,
                    status=MenteeProfile.Status.SUPPORT,
                ).values_list("staff_id", flat=True)
            ),
            "accepted": int(accepted) if accepted.isdigit() else 0,
            "can_accept": access.municipalities_for(request.user, roles=NETWORK_ROLES)
            .filter(pk=municipality.pk)
            .exists(),
            "can_manage": False,  # locks and rejections are the schools' curators' decisions
            **proposal_context(result, {o.pk: o.short_name for o in organizations}),
        },
    )


@require_POST
@role_required(NETWORK_ROLES)
def network_accept(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(request.user, municipality_pk, roles=NETWORK_ROLES)
    year = get_academic_year(request)
    organizations = _organizations(municipality)
    count, form_code = accept_posted(
        request,
        organizations,
        lambda code: services.run_for(organizations, year, form=code),
    )
    query: dict[str, str] = {"accepted": str(count)} if count else {}
    if form_code != scoring.DEFAULT_FORM:
        query["form"] = form_code
    url = reverse("matching:network", args=[municipality.pk])
    return redirect(f"{url}?{urlencode(query)}" if query else url)
