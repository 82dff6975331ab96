"""The read API (JSON, GET only, `Authorization: Bearer <token>`), its OpenAPI document and its
page for people. Every answer is JSON, errors included: {"error": "…"} in Russian."""

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nastavnik.api import openapi, selectors
from nastavnik.api.models import ApiToken
from nastavnik.api.services import api_token_authenticate
from nastavnik.core.services import academic_year_start
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.organizations.models import Organization

PAGE_SIZE = 50
MAX_PAGE = 100_000
YEARS = (2000, 2100)
JSON_PARAMS = {"ensure_ascii": False}


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status, json_dumps_params=JSON_PARAMS)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="nastavnik"'
    return response


def ok(data: dict[str, Any]) -> JsonResponse:
    return JsonResponse(data, json_dumps_params=JSON_PARAMS)


ApiView = Callable[..., JsonResponse]


def api_view(view: ApiView) -> Callable[..., HttpResponse]:
    """GET with a valid token; anything else gets a JSON error, never a page or a 500.

    A session does not count: the API answers only to tokens (a logged-in person gets 401).
    """

    @csrf_exempt  # nothing changes here and no session is read: a token is the only key
    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error(405, _("Only GET requests are accepted."))
            response["Allow"] = "GET, HEAD"
            return response
        token = api_token_authenticate(request.headers.get("Authorization", ""))
        if token is None:
            return error(
                401,
                _("A valid token is required: send the header «Authorization: Bearer <token>»."),
            )
        try:
            return view(request, token, **kwargs)
        except ApiError as exc:
            return error(exc.status, exc.message)

    return wrapper


# --- parameters ------------------------------------------------------------------------------


def int_param(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not low <= int(raw) <= high:
        raise ApiError(
            400,
            _("The parameter «%(name)s» must be a whole number from %(low)s to %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return int(raw)


def year_param(request: HttpRequest) -> int:
    """?year=2026 means the academic year 2026/2027; the current one by default."""
    return int_param(request, "year", academic_year_start(timezone.localdate()), *YEARS)


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> tuple[list[Any], dict[str, Any]]:
    page = int_param(request, "page", 1, 1, MAX_PAGE)
    count = queryset.count()
    start = (page - 1) * PAGE_SIZE
    items = list(queryset[start : start + PAGE_SIZE]) if start < count else []
    meta = {
        "count": count,
        "page": page,
        "pages": max(1, math.ceil(count / PAGE_SIZE)),
        "page_size": PAGE_SIZE,
    }
    return items, meta


def organization_or_404(token: ApiToken, raw: str) -> Organization:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ApiError(404, _("No such organization."))
    organization = selectors.organizations_for_token(token).filter(pk=int(raw)).first()
    if organization is None:
        raise ApiError(404, _("No such organization."))
    return organization


def year_json(start_year: int) -> dict[str, Any]:
    return {"start": start_year, "name": f"{start_year}/{start_year + 1}"}


# --- representations ------------------------------------------------------------------------


def organization_json(o: Organization) -> dict[str, Any]:
    """An organization as the API shows it: no personal data except the head's name, which
    the organization publishes itself."""
    return {
        "id": o.pk,
        "short_name": o.short_name,
        "full_name": o.full_name,
        "kind": o.kind,
        "kind_name": str(o.get_kind_display()),
        "municipality": {"id": o.municipality_id, "name": o.municipality.name},
        "address": o.address,
        "locality": o.locality,
        "head": {"name": o.head_full_name, "position": o.head_position},
    }


def indicators_json(o: Organization, start_year: int, figures: dict[str, Any]) -> dict[str, Any]:
    return {
        "organization": {
            "id": o.pk,
            "short_name": o.short_name,
            "municipality_id": o.municipality_id,
        },
        "academic_year": year_json(start_year),
        **figures,
    }


# --- endpoints -------------------------------------------------------------------------------


@api_view
def organization_list(request: HttpRequest, token: ApiToken) -> JsonResponse:
    items, meta = paginate(request, selectors.organizations_for_token(token))
    return ok({**meta, "results": [organization_json(o) for o in items]})


@api_view
def organization_detail(
    request: HttpRequest, token: ApiToken, organization_pk: str
) -> JsonResponse:
    return ok(organization_json(organization_or_404(token, organization_pk)))


@api_view
def organization_indicators(
    request: HttpRequest, token: ApiToken, organization_pk: str
) -> JsonResponse:
    organization = organization_or_404(token, organization_pk)
    start_year = year_param(request)
    figures = selectors.indicators(
        [organization.pk],
        start_year,
        timezone.localdate(),
        selectors.formal_days_of(token.scope_region.pk),
    )
    return ok(indicators_json(organization, start_year, figures[organization.pk]))


@api_view
def indicator_list(request: HttpRequest, token: ApiToken) -> JsonResponse:
    start_year = year_param(request)
    items, meta = paginate(request, selectors.organizations_for_token(token))
    figures = selectors.indicators(
        [o.pk for o in items],
        start_year,
        timezone.localdate(),
        selectors.formal_days_of(token.scope_region.pk),
    )
    return ok(
        {
            **meta,
            "academic_year": year_json(start_year),
            "results": [indicators_json(o, start_year, figures[o.pk]) for o in items],
        }
    )


@api_view
def municipality_list(request: HttpRequest, token: ApiToken) -> JsonResponse:
    items, meta = paginate(request, selectors.municipalities_for_token(token))
    return ok(
        {
            **meta,
            "results": [
                {
                    "id": m.pk,
                    "name": m.name,
                    "authority_name": m.authority_name,
                    "region": {"id": m.region_id, "name": m.region.name},
                    "organization_count": m.organization_count,
                }
                for m in items
            ],
        }
    )


@api_view
def roadmap_progress(request: HttpRequest, token: ApiToken, organization_pk: str) -> JsonResponse:
    organization = organization_or_404(token, organization_pk)
    start_year = year_param(request)
    return ok(
        {
            "organization": {
                "id": organization.pk,
                "short_name": organization.short_name,
                "municipality_id": organization.municipality_id,
            },
            "academic_year": year_json(start_year),
            "roadmap": selectors.roadmap_progress(organization, start_year, timezone.localdate()),
        }
    )


# --- the document and the page ---------------------------------------------------------------


def schema(request: HttpRequest) -> JsonResponse:
    """The OpenAPI document; public, like any description of an interface."""
    return JsonResponse(
        openapi.document(request.build_absolute_uri("/api/v1")), json_dumps_params=JSON_PARAMS
    )


def docs(request: HttpRequest) -> HttpResponse:
    """The page for people: what the API gives and how to get a token."""
    return render(
        request,
        "api/docs.html",
        {
            "page_size": PAGE_SIZE,
            "forms": MentorshipForm.choices,
            "endpoints": openapi.endpoint_summaries(),
        },
    )
