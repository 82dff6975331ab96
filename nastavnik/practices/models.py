"""The methodological library (методическая копилка) of best practices and the awards
(поощрения) of the participants of mentorship — stage 6 of the roadmaps."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import Award, MentorshipForm
from nastavnik.documents.models import Document
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class Practice(models.Model):
    """A best practice of mentorship kept in the organization's library; the organization may
    publish it to every organization of its region."""

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="practices", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    title = models.CharField(_("title"), max_length=300)
    authors = models.ManyToManyField(
        StaffMember, blank=True, related_name="practices", verbose_name=_("authors")
    )
    other_authors = models.CharField(
        _("other authors"),
        max_length=500,
        blank=True,
        help_text=_("Authors who are not on the staff list, separated by commas."),
    )
    form = models.CharField(
        _("form of mentorship"),
        max_length=30,
        choices=MentorshipForm.choices,
        default=MentorshipForm.TEACHER_TEACHER,
    )
    # Normalized: lower case, «ё» as «е», unique, sorted, joined by ", ".
    tags = models.CharField(_("tags"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    event = models.ForeignKey(
        OrganizationEvent,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("selected at the event"),
    )
    published_to_region = models.BooleanField(_("published to the region"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Lower-cased title, description, tags and authors: searching it with `contains` is
    # case-insensitive for Cyrillic on SQLite as well as on PostgreSQL.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-academic_year__start_year", "title", "pk"]
        indexes = [models.Index(fields=["organization", "academic_year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(", ") if t]


def practice_file_upload_to(instance: "PracticeFile", filename: str) -> str:
    return f"practices/{instance.practice_id}/{uuid.uuid4().hex}/{filename}"


class PracticeFile(models.Model):
    """A file (at most 20 MB) or a link of a practice."""

    practice = models.ForeignKey(
        Practice, models.CASCADE, related_name="files", verbose_name=_("practice")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to=practice_file_upload_to, blank=True, max_length=255
    )
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("material of a practice")
        verbose_name_plural = _("materials of practices")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Nomination(models.Model):
    """A participant of mentorship put forward for a reward; the approved ones go into the
    reward order (приказ о поощрении)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("nomination", "proposed")
        APPROVED = "approved", pgettext_lazy("nomination", "approved")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="nominations", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    staff = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="nominations", verbose_name=_("participant")
    )
    kind = models.CharField(_("reward"), max_length=20, choices=Award.choices)
    amount = models.DecimalField(
        _("bonus, roubles"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("for what"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    order = models.ForeignKey(
        Document,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("reward order"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination for a reward")
        verbose_name_plural = _("nominations for rewards")
        ordering = ["staff__last_name", "staff__first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.staff} — {self.get_kind_display()}"
