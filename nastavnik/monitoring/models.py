"""The schedule of interim and final control of an organization for an academic year."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization


class ControlPoint(models.Model):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim control")
        FINAL = "final", _("final control")

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="control_points", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("control point")
        verbose_name_plural = _("control points")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organization", "academic_year"])]

    def __str__(self) -> str:
        return self.title
