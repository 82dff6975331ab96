"""The calendar pages and the ICS feed."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nastavnik.accounts import access
from nastavnik.core.decorators import role_required
from nastavnik.mentorships import calendar
from nastavnik.mentorships.models import CalendarFeed, Mentorship


def _month_context(
    request: HttpRequest, mentorships: QuerySet[Mentorship], **whose: Any
) -> dict[str, Any]:
    """`whose` is person=<user> or organization=<organization>: whose events to include."""
    today = timezone.localdate()
    year, month = calendar.parse_month(request.GET.get("month"), today)
    first = datetime.date(year, month, 1)
    start, end = calendar.month_bounds(year, month)
    items = calendar.entries(mentorships, start, end, **whose)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    return {
        "month": first,
        "today": today,
        "weeks": calendar.month_weeks(year, month, items),
        "agenda": [e for e in items if e.date.month == month],
        "previous": f"{previous:%Y-%m}",
        "following": f"{following:%Y-%m}",
        "upcoming": next(
            (
                e
                for e in calendar.entries(mentorships, today, today + datetime.timedelta(days=365))
                if e.kind == "meeting" and not e.held
            ),
            None,
        ),
    }


@login_required
def calendar_mine(request: HttpRequest) -> HttpResponse:
    context = _month_context(request, calendar.own_mentorships(request.user), person=request.user)
    feed = CalendarFeed.objects.filter(user=request.user.pk).first()
    context["feed_url"] = (
        request.build_absolute_uri(reverse("mentorships:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    context["mine"] = True
    return render(request, "mentorships/calendar.html", context)


@role_required(access.OBSERVER_ROLES)
def calendar_organization(request: HttpRequest, organization_pk: int) -> HttpResponse:
    organization = access.get_organization(request.user, organization_pk)
    context = _month_context(
        request, calendar.organization_mentorships(organization), organization=organization
    )
    context["organization"] = organization
    return render(request, "mentorships/calendar.html", context)


@login_required
@require_POST
def calendar_feed_reset(request: HttpRequest) -> HttpResponse:
    existed = CalendarFeed.objects.filter(user=request.user.pk).exists()
    calendar.feed_for(request.user, reset=True)
    if existed:
        messages.success(request, _("The calendar has a new address; the old one stopped working."))
    else:
        messages.success(request, _("The address of your calendar is ready."))
    return redirect("mentorships:calendar_mine")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(
        calendar.ics(feed.user, timezone.localdate()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
