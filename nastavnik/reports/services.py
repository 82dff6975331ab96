"""The analytical report of an organization's year and its way upward: save the texts, make the
DOCX, submit (the figures are frozen), accept or return with a comment; reporting deadlines.
Each change is one transaction with an audit row; wrong transitions are refused."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nastavnik.accounts.models import Role, User
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.documents.models import Document
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.reports import selectors
from nastavnik.reports.drafts import drafts
from nastavnik.reports.models import AnnualReport, ReportingDeadline
from nastavnik.staff.models import StaffMember

Status = AnnualReport.Status


def _audit(actor: Any, action: str, report: AnnualReport, **details: Any) -> None:
    audit(
        actor=actor,
        action=action,
        target=report,
        organization=report.organization,
        region=report.organization.municipality.region,
        year=str(report.academic_year),
        **details,
    )


def report_draft_texts(organization: Organization, year: AcademicYear) -> dict[str, str]:
    """The prefilled text sections of a new report, from the live figures."""
    return drafts(organization, year, selectors.data_of(None, organization, year))


@transaction.atomic
def report_get_or_create(
    *, actor: Any, organization: Organization, year: AcademicYear
) -> AnnualReport:
    """The report of the year; a new one starts with the drafts written from the figures."""
    report = AnnualReport.objects.filter(organization=organization, academic_year=year).first()
    if report is not None:
        return report
    report = AnnualReport.objects.create(
        organization=organization,
        academic_year=year,
        **report_draft_texts(organization, year),
    )
    _audit(actor, "annual_report_create", report)
    return report


def _locked(report: AnnualReport) -> AnnualReport:
    return (
        AnnualReport.objects.select_for_update()
        .select_related("organization__municipality__region", "academic_year")
        .get(pk=report.pk)
    )


@transaction.atomic
def report_update(*, actor: Any, report: AnnualReport, **texts: str) -> AnnualReport:
    report = _locked(report)
    if not report.is_editable:
        raise ValidationError(_("The report is submitted: its texts can no longer be changed."))
    for name in AnnualReport.TEXT_FIELDS:
        if name in texts:
            setattr(report, name, texts[name].strip())
    report.save()
    _audit(actor, "annual_report_update", report)
    return report


def report_submit(*, actor: Any, report: AnnualReport) -> AnnualReport:
    """Submit to the municipality: the figures are frozen and the methodologists are told."""
    with transaction.atomic():
        report = _locked(report)
        if report.status == Status.SUBMITTED:
            raise ValidationError(_("The report has already been submitted."))
        if report.status == Status.ACCEPTED:
            raise ValidationError(_("The report is accepted and cannot be submitted again."))
        for name in AnnualReport.TEXT_FIELDS:
            if not getattr(report, name).strip():
                raise ValidationError(
                    _("Fill in every text section of the report before submitting it.")
                )
        resubmitted = report.status == Status.RETURNED
        report.snapshot = selectors.snapshot(report.organization, report.academic_year)
        report.status = Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor if getattr(actor, "pk", None) else None
        report.save()
        _audit(actor, "annual_report_submit", report, again=resubmitted)
    _send(_letters_submitted(report, resubmitted))
    return report


@transaction.atomic
def report_accept(*, actor: Any, report: AnnualReport) -> AnnualReport:
    report = _locked(report)
    _check_reviewable(report)
    report.status = Status.ACCEPTED
    report.return_comment = ""
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor if getattr(actor, "pk", None) else None
    report.save()
    _audit(actor, "annual_report_accept", report)
    return report


def report_return(*, actor: Any, report: AnnualReport, comment: str) -> AnnualReport:
    """Return for correction with a comment, which the curators receive by e-mail."""
    comment = comment.strip()
    with transaction.atomic():
        report = _locked(report)
        _check_reviewable(report)
        if not comment:
            raise ValidationError(_("Write what the organization should correct."))
        report.status = Status.RETURNED
        report.return_comment = comment
        report.reviewed_at = timezone.now()
        report.reviewed_by = actor if getattr(actor, "pk", None) else None
        report.save()
        _audit(actor, "annual_report_return", report, comment=comment)
    _send(_letters_returned(report))
    return report


def _check_reviewable(report: AnnualReport) -> None:
    if report.status == Status.DRAFT:
        raise ValidationError(
            _("The report is a draft: the organization has not submitted it yet.")
        )
    if report.status == Status.RETURNED:
        raise ValidationError(
            _("The report has been returned to the organization: wait until it is submitted again.")
        )
    if report.status == Status.ACCEPTED:
        raise ValidationError(_("The report has already been accepted."))


def report_document(
    *, actor: Any, report: AnnualReport, curator: StaffMember | None = None
) -> Document:
    """Make the DOCX of the report in the organization's register (a new draft document, or
    the report's draft document made again)."""
    from nastavnik.documents import services as documents
    from nastavnik.documents.kinds import get_kind

    kind = get_kind("annual_report")
    data = {
        "year": report.academic_year.start_year,
        "curator": curator.pk if curator is not None else None,
    }
    with transaction.atomic():
        report = _locked(report)
        existing = report.document
        if existing is not None and not existing.is_frozen:
            document = documents.document_update(
                actor=actor,
                document=existing,
                number=existing.number,
                day=timezone.localdate(),
                title=existing.title,
                data=data,
            )
        else:
            document = documents.document_create(
                actor=actor,
                organization=report.organization,
                kind=kind,
                number="",
                day=timezone.localdate(),
                title=_("Analytical report on the mentorship program for %(year)s")
                % {"year": report.academic_year},
                data=data,
            )
            report.document = document
            report.save(update_fields=["document", "updated_at"])
        _audit(actor, "annual_report_document", report, document=document.pk)
    return document


@transaction.atomic
def deadline_set(
    *,
    actor: Any,
    year: AcademicYear,
    due_on: datetime.date,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> ReportingDeadline:
    if (municipality is None) == (region is None):
        raise ValueError("exactly one of municipality and region")
    if not year.starts_on <= due_on <= year.ends_on + datetime.timedelta(days=92):
        raise ValidationError(
            _("The deadline must fall within the academic year %(year)s or soon after it.")
            % {"year": year}
        )
    deadline, _created = ReportingDeadline.objects.update_or_create(
        municipality=municipality,
        region=region,
        academic_year=year,
        defaults={"due_on": due_on, "set_by": actor if getattr(actor, "pk", None) else None},
    )
    audit(
        actor=actor,
        action="reporting_deadline_set",
        target=deadline,
        region=region or (municipality.region if municipality else None),
        municipality=municipality.pk if municipality else None,
        due_on=due_on.isoformat(),
    )
    return deadline


# --- e-mail --------------------------------------------------------------------------------


def _addresses(**role_filter: Any) -> list[str]:
    return sorted(
        set(
            User.objects.filter(is_active=True, **role_filter)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[pk])


def _letters_submitted(report: AnnualReport, again: bool) -> list[EmailMessage]:
    organization = report.organization
    to = _addresses(
        role_assignments__role=Role.MUNICIPAL_METHODOLOGIST,
        role_assignments__municipality=organization.municipality_id,
    )
    if not to:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Analytical report of %(organization)s for %(year)s") % {
            "organization": organization.short_name,
            "year": report.academic_year,
        }
        lines = [
            (
                _("%(organization)s has submitted its corrected analytical report for %(year)s.")
                if again
                else _("%(organization)s has submitted its analytical report for %(year)s.")
            )
            % {"organization": organization.short_name, "year": report.academic_year},
            _("Accept it or return it with a comment on the page of the report:"),
            _link("reports:report", organization.pk),
            "",
            _("This letter was sent by Nastavnik."),
        ]
    return [EmailMessage(subject=subject, body="\n".join(lines), to=[address]) for address in to]


def _letters_returned(report: AnnualReport) -> list[EmailMessage]:
    organization = report.organization
    to = _addresses(
        role_assignments__role=Role.CURATOR, role_assignments__organization=organization
    )
    if not to:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The analytical report for %(year)s is returned for correction") % {
            "year": report.academic_year
        }
        lines = [
            _(
                "The municipal methodologist has returned the analytical report of "
                "%(organization)s for %(year)s with a comment:"
            )
            % {"organization": organization.short_name, "year": report.academic_year},
            "",
            report.return_comment,
            "",
            _("Correct the report and submit it again:"),
            _link("reports:report", organization.pk),
            "",
            _("This letter was sent by Nastavnik."),
        ]
    return [EmailMessage(subject=subject, body="\n".join(lines), to=[address]) for address in to]


def _send(letters: list[EmailMessage]) -> None:
    if letters:
        get_connection(fail_silently=True).send_messages(letters)
