"""Pages where an administrator of the region or a municipal methodologist issues and revokes
the tokens of the read API."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.accounts.models import Role
from nastavnik.api import selectors, services
from nastavnik.api.forms import TokenForm
from nastavnik.api.models import ApiToken
from nastavnik.core.decorators import role_required
from nastavnik.organizations.models import Municipality, Region

# Who issues the tokens of a municipality: its methodologist and the administrator of the region.
MUNICIPALITY_TOKEN_ROLES = frozenset({Role.ADMIN, Role.MUNICIPAL_METHODOLOGIST})


def _tokens_page(
    request: HttpRequest,
    *,
    region: Region | None,
    municipality: Municipality | None,
    back: str,
) -> HttpResponse:
    tokens = selectors.tokens_of(region=region, municipality=municipality)
    form = TokenForm(request.POST if request.POST.get("action") == "create" else None)
    secret = ""
    created: ApiToken | None = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            token = access.get_or_404(tokens, pk=request.POST.get("token", ""))
            services.api_token_revoke(actor=request.user, token=token)
            messages.success(request, _("The token «%(name)s» is revoked.") % {"name": token.name})
            return redirect(request.path)
        if form.is_valid():
            created, secret = services.api_token_create(
                actor=request.user,
                name=form.cleaned_data["name"].strip(),
                region=region,
                municipality=municipality,
            )
            form = TokenForm()
    context: dict[str, Any] = {
        "region": region or (municipality.region if municipality else None),
        "municipality": municipality,
        "scope_name": str(municipality or region),
        "tokens": tokens,
        "form": form,
        "secret": secret,
        "created": created,
        "back": back,
    }
    return render(request, "api/tokens.html", context)


@role_required(access.STRUCTURE_ROLES)
def region_tokens(request: HttpRequest, region_pk: int) -> HttpResponse:
    region = access.get_or_404(
        access.regions_for(request.user, roles=access.STRUCTURE_ROLES), pk=region_pk
    )
    return _tokens_page(request, region=region, municipality=None, back="region")


@role_required(MUNICIPALITY_TOKEN_ROLES)
def municipality_tokens(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality = access.get_municipality(
        request.user, municipality_pk, roles=MUNICIPALITY_TOKEN_ROLES
    )
    return _tokens_page(request, region=None, municipality=municipality, back="municipality")
