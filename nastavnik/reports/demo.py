"""The demo school's analytical reports: last year's submitted and accepted by the municipal
methodologist, this year's a draft written from the figures; the municipality's deadlines."""

import datetime

from django.utils import timezone

from nastavnik.accounts.models import Role, User
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current, audit
from nastavnik.organizations.models import Organization
from nastavnik.reports import selectors, services
from nastavnik.reports.models import AnnualReport, ReportingDeadline, default_due


def demo_reports(school: Organization, curator: User) -> None:
    current = academic_year_current()
    previous, _created = AcademicYear.objects.get_or_create(start_year=current.start_year - 1)
    municipality = school.municipality
    for year in (previous, current):
        ReportingDeadline.objects.get_or_create(
            municipality=municipality,
            academic_year=year,
            defaults={"due_on": default_due(year), "set_by": None},
        )
    methodologist = (
        User.objects.filter(
            role_assignments__role=Role.MUNICIPAL_METHODOLOGIST,
            role_assignments__municipality=municipality,
        )
        .order_by("pk")
        .first()
    )
    if not AnnualReport.objects.filter(organization=school, academic_year=previous).exists():
        report = services.report_get_or_create(actor=curator, organization=school, year=previous)
        submitted = timezone.make_aware(
            datetime.datetime.combine(
                default_due(previous) - datetime.timedelta(days=5), datetime.time(10, 0)
            )
        )
        report.snapshot = selectors.snapshot(school, previous)
        report.status = AnnualReport.Status.ACCEPTED
        report.submitted_at, report.submitted_by = submitted, curator
        report.reviewed_at = submitted + datetime.timedelta(days=2)
        report.reviewed_by = methodologist
        report.save()
        audit(
            actor=methodologist,
            action="annual_report_accept",
            target=report,
            organization=school,
            region=municipality.region,
            year=str(previous),
        )
    services.report_get_or_create(actor=curator, organization=school, year=current)
