"""The curator's decisions on the proposal of pairs, and the support of mentees left without
a mentor (stage 5.3 of the roadmap)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nastavnik.banks.models import MenteeProfile
from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class MatchingDecision(models.Model):
    """A pair the curator keeps on every re-run (locked) or never wants proposed (forbidden)."""

    class Kind(models.TextChoices):
        LOCKED = "locked", _("locked")
        FORBIDDEN = "forbidden", _("rejected")

    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="matching_decisions",
        verbose_name=_("organization"),
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    mentor = models.ForeignKey(
        StaffMember, models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        StaffMember, models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision on a proposed pair")
        verbose_name_plural = _("decisions on proposed pairs")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year", "mentor", "mentee"],
                name="matching_decision_once_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} — {self.mentee}: {self.get_kind_display()}"


class SupportRecord(models.Model):
    """How a mentee without a mentor is supported: who, with what, and why nobody fit."""

    profile = models.OneToOneField(
        MenteeProfile, models.CASCADE, related_name="support", verbose_name=_("mentee")
    )
    supporter = models.ForeignKey(
        StaffMember,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who supports"),
    )
    offered = models.TextField(
        _("what was offered"),
        blank=True,
        help_text=_("Consultations, a methodological association, a network mentor…"),
    )
    reason = models.CharField(_("why no mentor fit"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("support of a mentee")
        verbose_name_plural = _("support of mentees")

    def __str__(self) -> str:
        return str(self.profile)
