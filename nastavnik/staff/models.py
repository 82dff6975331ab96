from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nastavnik.organizations.models import Organization


class StaffMember(models.Model):
    """A pedagogical worker on the staff of an organization."""

    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="staff", verbose_name=_("organization")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_records",
        verbose_name=_("account"),
    )
    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=200)
    is_active = models.BooleanField(_("on staff"), default=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [models.Index(fields=["organization", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """«Фамилия Имя Отчество»."""
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)
