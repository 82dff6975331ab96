"""The organization's analytical report for an academic year (аналитическая справка) and its
formal submission upward: the municipal methodologist accepts it or returns it with a comment,
by a deadline the municipality (or the region) sets."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.documents.models import Document
from nastavnik.organizations.models import Municipality, Organization, Region

# When no deadline is set: 15 June of the year's second calendar year.
DEFAULT_DUE = (6, 15)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for correction")

    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("organization"),
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(_("general information"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    problems = models.TextField(_("problems and risks"), blank=True)
    proposals = models.TextField(_("proposals for the next year"), blank=True)
    return_comment = models.TextField(_("comment of the reviewer"), blank=True)
    snapshot = models.JSONField(_("figures at submission"), default=dict, blank=True)
    document = models.ForeignKey(
        Document,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    TEXT_FIELDS = ("introduction", "conclusions", "problems", "proposals")

    class Meta:
        verbose_name = _("annual analytical report")
        verbose_name_plural = _("annual analytical reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year"], name="annual_report_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name}, {self.academic_year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_frozen(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)


class ReportingDeadline(models.Model):
    """By when the organizations of a municipality (or of a whole region) submit the report of
    an academic year; a municipality's own deadline wins over the region's."""

    municipality = models.ForeignKey(
        Municipality,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.CASCADE, related_name="+", verbose_name=_("academic year")
    )
    due_on = models.DateField(_("submit by"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        constraints = [
            models.CheckConstraint(
                name="deadline_one_scope",
                condition=Q(municipality__isnull=True, region__isnull=False)
                | Q(municipality__isnull=False, region__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["municipality", "academic_year"],
                condition=Q(municipality__isnull=False),
                name="deadline_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["region", "academic_year"],
                condition=Q(region__isnull=False),
                name="deadline_once_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.academic_year}: {self.due_on:%d.%m.%Y}"


def default_due(year: AcademicYear) -> datetime.date:
    return datetime.date(year.start_year + 1, *DEFAULT_DUE)
