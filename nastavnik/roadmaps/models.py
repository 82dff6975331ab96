"""The roadmap (дорожная карта) of an organization for an academic year: stages, activities
with deadlines, responsible people, status and evidence; the risk register; publications."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.core.models import AcademicYear
from nastavnik.documents.models import Document
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class Roadmap(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="roadmaps", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    title = models.CharField(_("title"), max_length=500)
    normative_basis = models.TextField(
        _("normative basis"),
        blank=True,
        help_text=_("The acts the program rests on, one per line; shown on the public page."),
    )
    # The sections of the program around the roadmap (seeds 002 and 004).
    goal = models.TextField(_("goal of the program"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True, help_text=_("One task per line."))
    forms_intro = models.TextField(
        _("forms of mentorship: introduction"),
        blank=True,
        help_text=_("What a form of mentorship is; printed before the list of forms."),
    )
    forms = models.JSONField(_("forms of mentorship used"), default=list, blank=True)
    forms_note = models.TextField(
        _("forms of mentorship: conclusion"),
        blank=True,
        help_text=_("Printed after the list of forms."),
    )
    control = models.TextField(
        _("organization of control"),
        blank=True,
        help_text=_(
            "How the results are checked: current and final control and their schedule, "
            "one point per line."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "academic_year"], name="roadmap_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ExpectedResult(models.Model):
    """An expected result of the program for one group of participants, optionally measured by
    an indicator of the system (roadmaps.indicators)."""

    class Group(models.TextChoices):
        MENTEE = "mentee", _("for the young teacher (mentee)")
        MENTOR = "mentor", _("for the mentor")
        ORGANIZATION = "organization", _("for the organization")

    roadmap = models.ForeignKey(
        Roadmap, models.CASCADE, related_name="expected_results", verbose_name=_("roadmap")
    )
    group = models.CharField(_("for whom"), max_length=20, choices=Group.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("expected result"))
    indicator = models.CharField(_("measured by"), max_length=30, blank=True)
    target = models.DecimalField(
        _("target value"), max_digits=7, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        ordering = ["group", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class RegionTemplate(models.Model):
    """The roadmap a region publishes as the template its organizations start from."""

    region = models.OneToOneField(
        "organizations.Region",
        models.CASCADE,
        related_name="roadmap_template",
        verbose_name=_("region"),
    )
    roadmap = models.ForeignKey(
        Roadmap, models.CASCADE, related_name="+", verbose_name=_("roadmap")
    )
    published_at = models.DateTimeField(_("published at"), auto_now=True)

    class Meta:
        verbose_name = _("roadmap template of the region")
        verbose_name_plural = _("roadmap templates of regions")

    def __str__(self) -> str:
        return str(self.roadmap)


class Stage(models.Model):
    roadmap = models.ForeignKey(
        Roadmap, models.CASCADE, related_name="stages", verbose_name=_("roadmap")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("activity status", "in progress")
        DONE = "done", _("done")

    class Fact(models.TextChoices):
        """A fact of the system that completes the activity by itself when it becomes true."""

        NONE = "", _("— marked by hand —")
        REGULATION_SIGNED = "regulation_signed", _("the order approving the Regulation is signed")
        CURATOR_ORDER_SIGNED = (
            "curator_order_signed",
            _("the order appointing the curator is signed"),
        )
        MENTEE_BANK_READY = "mentee_bank_ready", _("the mentee bank has people with consents")
        MENTOR_BANK_READY = (
            "mentor_bank_ready",
            _("the mentor bank has selected mentors with consents"),
        )
        PAIR_ORDER_SIGNED = "pair_order_signed", _("the pair-assignment order is signed")
        FINAL_EVENT_ORDER_SIGNED = (
            "final_event_order_signed",
            _("the order on the final event is signed"),
        )
        AWARD_ORDER_SIGNED = "award_order_signed", _("the reward order is signed")

    stage = models.ForeignKey(
        Stage, models.CASCADE, related_name="activities", verbose_name=_("stage")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("activity"), max_length=500)
    content = models.TextField(_("content"), blank=True)
    deadline = models.CharField(_("deadline"), max_length=200, blank=True)
    responsible_roles = models.JSONField(_("responsible roles"), default=list, blank=True)
    responsible_text = models.CharField(_("responsible"), max_length=300, blank=True)
    responsible_people = models.ManyToManyField(
        StaffMember,
        blank=True,
        related_name="roadmap_activities",
        verbose_name=_("responsible people"),
    )
    fact = models.CharField(
        _("completes itself when"), max_length=40, choices=Fact.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    return f"roadmaps/{uuid.uuid4().hex}/{filename}"


class Evidence(models.Model):
    """What proves an activity is done: a document of the register, a file or a link."""

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="evidence", verbose_name=_("activity")
    )
    document = models.ForeignKey(
        Document,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=255)
    url = models.URLField(_("link"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.note or (str(self.document) if self.document else self.url)


class Risk(models.Model):
    class Level(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    class Status(models.TextChoices):
        OPEN = "open", _("watched")
        ACTIVE = "active", _("happening")
        CLOSED = "closed", _("closed")

    roadmap = models.ForeignKey(
        Roadmap, models.CASCADE, related_name="risks", verbose_name=_("roadmap")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("risk"), max_length=300)
    likelihood = models.CharField(
        _("likelihood"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    impact = models.CharField(
        _("impact"), max_length=10, choices=Level.choices, default=Level.MEDIUM
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    formalism = models.BooleanField(
        _("formal mentorship"),
        default=False,
        help_text=_("This risk is linked to the pairs flagged as formal."),
    )

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


def publication_upload_to(instance: "Publication", filename: str) -> str:
    return f"publications/{instance.organization_id}/{uuid.uuid4().hex}/{filename}"


class Publication(models.Model):
    """Information support (stage 7): news of a stage for the site and social networks."""

    class Channel(models.TextChoices):
        SITE = "site", _("website")
        SOCIAL = "social", _("social networks")
        BOTH = "both", _("website and social networks")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="publications", verbose_name=_("organization")
    )
    activity = models.ForeignKey(
        Activity,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("roadmap activity"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    date = models.DateField(_("date"))
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.BOTH
    )
    photo = models.FileField(
        _("photo"), upload_to=publication_upload_to, blank=True, max_length=255
    )
    people = models.ManyToManyField(
        StaffMember,
        blank=True,
        related_name="publications",
        verbose_name=_("people named or shown"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title
