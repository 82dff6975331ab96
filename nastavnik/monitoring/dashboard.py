"""What the three dashboards show: the figures of the year and of the year before, the rows of
the table below (organizations or municipalities), the charts, and where each figure leads."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from nastavnik.banks.selectors import rules_for
from nastavnik.core.models import AcademicYear
from nastavnik.monitoring import indicators, lists
from nastavnik.monitoring.indicators import INDICATORS, Figures
from nastavnik.organizations.models import Municipality, Organization, Region

# Figures shown in the «year against year» chart.
CHART_KEYS = ["mentors", "mentees", "mentorships", "meetings_held", "completed", "portfolio"]
# Columns of the table of organizations or municipalities (the sorted one is added).
TABLE_KEYS = [
    "mentors",
    "mentees",
    "waiting",
    "young_share",
    "mentorships",
    "flagged",
    "late",
    "meetings_held",
    "satisfaction_mentee",
    "retention_1",
]


def columns(sort: str) -> list[indicators.Indicator]:
    keys = list(TABLE_KEYS)
    if sort in indicators.BY_KEY and sort not in keys:
        keys.append(sort)
    return [indicators.BY_KEY[k] for k in keys]


@dataclass
class Line:
    """One indicator row: this year, last year, the change, and the list behind it."""

    indicator: indicators.Indicator
    now: Any
    before: Any
    url: str = ""

    @property
    def change(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return round(self.now - self.before, 2)


def _figures(
    organization_ids: list[int],
    region_id: int,
    year: AcademicYear,
    today: datetime.date,
    scope: QuerySet[Any] | None = None,
    last: AcademicYear | None = None,
) -> tuple[dict[int, Figures], dict[int, Figures]]:
    """The figures of the year and of `last` (the year before, if any); `scope`: the same
    organizations as a query, for indicators.compute."""
    years = [year] if last is None else [year, last]
    found = indicators.compute_years(
        organization_ids, years, rules=rules_for(region_id), today=today, scope=scope
    )
    return found[year.pk], found[last.pk] if last is not None else {}


def lines(now: Figures, before: Figures | None, urls: dict[str, str]) -> list[Line]:
    return [
        Line(i, now[i.key], before[i.key] if before is not None else None, urls.get(i.key, ""))
        for i in INDICATORS
    ]


def organization_urls(organization: Organization) -> dict[str, str]:
    pk = organization.pk
    mentees = reverse("banks:mentee_bank", args=[pk])
    pairs = reverse("mentorships:mentorship_list", args=[pk])
    surveys = reverse("surveys:survey_list", args=[pk])
    staff = reverse("staff:staff_list", args=[pk])
    return {
        "mentors": reverse("banks:mentor_bank", args=[pk]),
        "mentees": mentees,
        "waiting": f"{mentees}?status=waiting",
        "support": f"{mentees}?status=support",
        "young": f"{staff}?young=1",
        "young_share": f"{staff}?young=1",
        "young_with_mentor": pairs,
        "mentorships": pairs,
        "pairs": pairs,
        "groups": pairs,
        "flagged": pairs,
        "on_time": pairs,
        "late": pairs,
        "completed": pairs,
        "ended_early": pairs,
        "meetings_held": pairs,
        "meetings_planned": pairs,
        "satisfaction_mentor": surveys,
        "satisfaction_mentee": surveys,
        "growth": surveys,
        "retention_1": staff,
        "retention_2": staff,
        **{
            figure: reverse("monitoring:organization_figure", args=[pk, figure])
            for figure in lists.FIGURES
        },
    }


def overview_urls(name: str, pk: int, base: str) -> dict[str, str]:
    """Where the figures of a municipality or a region lead: the list of records where there
    is one (portfolio, attestation, awards), else the table of its parts sorted by the figure."""
    urls = {i.key: f"{base}?sort={i.key}#rows" for i in INDICATORS}
    urls.update({figure: reverse(name, args=[pk, figure]) for figure in lists.FIGURES})
    return urls


def sorted_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Rows with `figures`, by the chosen indicator (largest first) or by name."""
    if sort in indicators.BY_KEY:
        return sorted(
            rows,
            key=lambda r: (r["figures"][sort] is None, -(r["figures"][sort] or 0), r["name"]),
        )
    return sorted(rows, key=lambda r: r["name"])


def charts(
    now: Figures,
    before: Figures | None,
    year: AcademicYear,
    rows: Sequence[dict[str, Any]],
    last: AcademicYear | None,
) -> dict[str, Any]:
    """The JSON of the charts: year against year, pairs by form, the share per row; `last` is
    the year before `year` (indicators.previous_year)."""
    datasets = [
        {"label": str(year), "data": [now[k] or 0 for k in CHART_KEYS]},
    ]
    if before is not None and last is not None:
        datasets.insert(0, {"label": str(last), "data": [before[k] or 0 for k in CHART_KEYS]})
    by_form = sorted(now.by_form.items(), key=lambda kv: -kv[1])
    shares = [r for r in rows if r["figures"]["young_share"] is not None]
    shares.sort(key=lambda r: r["figures"]["young_share"])
    return {
        "years": {
            "type": "bar",
            "labels": [str(indicators.BY_KEY[k].label) for k in CHART_KEYS],
            "datasets": datasets,
        },
        "forms": {
            "type": "pie",
            "labels": [indicators.form_label(k) for k, _n in by_form],
            "datasets": [{"label": _("Pairs and groups"), "data": [n for _k, n in by_form]}],
            "table": [[indicators.form_label(k), n] for k, n in by_form],
        },
        "shares": {
            "type": "bar",
            "horizontal": True,
            "labels": [r["name"] for r in shares[:40]],
            "datasets": [
                {
                    "label": str(indicators.BY_KEY["young_share"].label),
                    "data": [r["figures"]["young_share"] for r in shares[:40]],
                }
            ],
        },
    }


def _flagged(
    organization: Organization, year: AcademicYear, today: datetime.date
) -> tuple[int, list[Any]]:
    """How many of the year's pairs and groups look formal, and all of them."""
    from nastavnik.mentorships.models import Mentorship
    from nastavnik.mentorships.selectors import with_flags

    day = indicators.reference_day(year, today)
    rows = with_flags(Mentorship.objects.filter(organization=organization, academic_year=year), day)
    return sum(1 for row in rows if row["flags"]), [row["mentorship"] for row in rows]


def organization_page(
    organization: Organization, year: AcademicYear, today: datetime.date
) -> dict[str, Any]:
    last = indicators.previous_year(year)
    now_all, before_all = _figures(
        [organization.pk], organization.municipality.region_id, year, today, last=last
    )
    now, before = now_all[organization.pk], before_all.get(organization.pk)
    # The organization's page counts formal pairs exactly as its list of pairs flags them
    # (with the low satisfaction of the surveys, which the aggregate of the region omits).
    now.values["flagged"], mentorships = _flagged(organization, year, today)
    if before is not None and last is not None:
        before.values["flagged"], _rows = _flagged(organization, last, today)
    return {
        "mentorships": mentorships,  # the year's pairs and groups, for the control summary
        "figures": now,
        "before": before,
        "lines": lines(now, before, organization_urls(organization)),
        "charts": charts(now, before, year, [], last),
        "previous": last,
    }


def municipality_page(
    municipality: Municipality, year: AcademicYear, today: datetime.date, sort: str
) -> dict[str, Any]:
    members = Organization.objects.filter(municipality=municipality)
    organizations = list(members.only("pk", "short_name"))
    last = indicators.previous_year(year)
    now_all, before_all = _figures(
        [o.pk for o in organizations],
        municipality.region_id,
        year,
        today,
        scope=members.order_by().values("pk"),
        last=last,
    )
    now = indicators.total(now_all.values())
    before = indicators.total(before_all.values()) if before_all else None
    base = reverse("monitoring:municipality_dashboard", args=[municipality.pk])
    rows = [
        {
            "name": o.short_name,
            "url": reverse("monitoring:organization_dashboard", args=[o.pk]),
            "figures": now_all[o.pk],
            "urls": organization_urls(o),
        }
        for o in organizations
    ]
    return {
        "figures": now,
        "before": before,
        "lines": lines(
            now, before, overview_urls("monitoring:municipality_figure", municipality.pk, base)
        ),
        "rows": sorted_rows(rows, sort),
        "charts": charts(now, before, year, rows, last),
        "previous": last,
    }


def region_page(
    region: Region, year: AcademicYear, today: datetime.date, sort: str
) -> dict[str, Any]:
    in_region = Organization.objects.filter(municipality__region=region)
    organizations = list(in_region.values_list("pk", "municipality_id"))
    municipalities = list(Municipality.objects.filter(region=region).only("pk", "name"))
    last = indicators.previous_year(year)
    now_all, before_all = _figures(
        [pk for pk, _m in organizations],
        region.pk,
        year,
        today,
        scope=in_region.order_by().values("pk"),
        last=last,
    )
    members: dict[int, list[int]] = {m.pk: [] for m in municipalities}
    for pk, municipality_id in organizations:
        members[municipality_id].append(pk)
    base = reverse("monitoring:region_dashboard", args=[region.pk])
    totals = {m.pk: indicators.total(now_all[pk] for pk in members[m.pk]) for m in municipalities}
    rows = [
        {
            "name": m.name,
            "url": reverse("monitoring:municipality_dashboard", args=[m.pk]),
            "urls": overview_urls(
                "monitoring:municipality_figure",
                m.pk,
                reverse("monitoring:municipality_dashboard", args=[m.pk]),
            ),
            "organizations": len(members[m.pk]),
            "figures": totals[m.pk],
        }
        for m in municipalities
    ]
    # Every organization is in one of the municipalities: the region is their total.
    now = indicators.total(totals.values())
    before = indicators.total(before_all.values()) if before_all else None
    return {
        "figures": now,
        "before": before,
        "lines": lines(now, before, overview_urls("monitoring:region_figure", region.pk, base)),
        "rows": sorted_rows(rows, sort),
        "charts": charts(now, before, year, rows, last),
        "previous": last,
        "organization_count": len(organizations),
    }
