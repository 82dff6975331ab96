"""Mentorships (pairs and groups), their personalized programs (ПНП), meetings and the
mentee's portfolio — stage 5 of the roadmaps."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class Mentorship(models.Model):
    class Type(models.TextChoices):
        INDIVIDUAL = "individual", pgettext_lazy("kind of mentorship", "individual")
        GROUP = "group", pgettext_lazy("kind of mentorship", "group")
        VIRTUAL = "virtual", pgettext_lazy("kind of mentorship", "virtual")
        REVERSE = "reverse", pgettext_lazy("kind of mentorship", "reverse")
        SITUATIONAL = "situational", pgettext_lazy("kind of mentorship", "situational")
        FLASH = "flash", pgettext_lazy("kind of mentorship", "flash mentoring")

    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        ENDED_EARLY = "ended_early", _("ended early")

    class Initiator(models.TextChoices):
        MENTOR = "mentor", _("the mentor")
        MENTEE = "mentee", _("the mentee")
        BOTH = "both", _("both sides")
        ORGANIZATION = "organization", _("the organization")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="mentorships", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    mentor = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="mentorships_led", verbose_name=_("mentor")
    )
    mentees = models.ManyToManyField(
        StaffMember, related_name="mentorships", verbose_name=_("mentees")
    )
    co_mentors = models.ManyToManyField(
        StaffMember,
        related_name="mentorships_co_led",
        blank=True,
        verbose_name=_("co-mentors"),
        help_text=_("A group may have several mentors: the co-mentors work beside the mentor."),
    )
    form = models.CharField(
        _("form of mentorship"),
        max_length=30,
        choices=MentorshipForm.choices,
        default=MentorshipForm.TEACHER_TEACHER,
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.INDIVIDUAL)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_initiator = models.CharField(
        _("ended on the initiative of"), max_length=20, choices=Initiator.choices, blank=True
    )
    end_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("formed by"),
    )
    created_at = models.DateTimeField(_("formed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["mentor__last_name", "pk"]

    def __str__(self) -> str:
        return str(self.mentor)


class Program(models.Model):
    """The personalized mentorship program (ПНП): the mentor drafts, the mentee comments, the
    curator approves; after approval each change is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waits for approval")
        APPROVED = "approved", _("approved")

    mentorship = models.OneToOneField(
        Mentorship, models.CASCADE, related_name="program", verbose_name=_("mentorship")
    )
    goal = models.TextField(_("goal"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    development_plan = models.TextField(_("individual development plan of the mentee"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("personalized program")
        verbose_name_plural = _("personalized programs")

    def __str__(self) -> str:
        return str(self.mentorship)


class ProgramActivity(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        LESSON = "lesson", _("lesson visit")
        OPEN_LESSON = "open_lesson", _("open lesson")
        STUDY = "study", _("self-study")
        PROJECT = "project", _("methodological product")
        EVENT = "event", _("event")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="activities", verbose_name=_("program")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("activity"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    due_on = models.DateField(_("due"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)

    class Meta:
        verbose_name = _("program activity")
        verbose_name_plural = _("program activities")
        ordering = ["order", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgramComment(models.Model):
    program = models.ForeignKey(
        Program, models.CASCADE, related_name="comments", verbose_name=_("program")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a program")
        verbose_name_plural = _("comments on programs")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class ProgramVersion(models.Model):
    """A frozen copy of an approved program, kept when it changes afterwards."""

    program = models.ForeignKey(
        Program, models.CASCADE, related_name="versions", verbose_name=_("program")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    snapshot = models.JSONField(_("contents"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a program")
        verbose_name_plural = _("versions of programs")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="program_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program} v{self.number}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORGANIZATIONAL = "organizational", _("organizational meeting")
        TRIAL = "trial", _("trial meeting")
        PLANNING = "planning", _("planning meeting")
        REGULAR = "regular", _("regular meeting")
        MASTER_CLASS = "master_class", _("master class or round table")
        FINAL = "final", _("final meeting")

    mentorship = models.ForeignKey(
        Mentorship, models.CASCADE, related_name="meetings", verbose_name=_("mentorship")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("duration, minutes"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    topic = models.CharField(_("topic"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    attended = models.ManyToManyField(
        StaffMember, blank=True, related_name="meetings_attended", verbose_name=_("attended")
    )
    held = models.BooleanField(_("held"), default=False)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "time", "pk"]

    def __str__(self) -> str:
        return self.topic


def portfolio_upload_to(instance: "PortfolioItem", filename: str) -> str:
    return f"portfolio/{instance.staff_id}/{uuid.uuid4().hex}/{filename}"


class PortfolioItem(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("publication")
        DEVELOPMENT = "development", _("methodological development")
        OPEN_LESSON = "open_lesson", _("open lesson")
        CONTEST = "contest", _("contest or festival")
        COURSE = "course", _("course")
        ATTESTATION = "attestation", _("attestation result")

    staff = models.ForeignKey(
        StaffMember, models.CASCADE, related_name="portfolio", verbose_name=_("mentee")
    )
    mentorship = models.ForeignKey(
        Mentorship,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="portfolio",
        verbose_name=_("mentorship"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=portfolio_upload_to, blank=True, max_length=255)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("portfolio item")
        verbose_name_plural = _("portfolio")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed (ICS) for phone and desktop calendars."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class OrganizationEvent(models.Model):
    """An event of the organization for its mentors and mentees: an installation session,
    the general meeting, a master class, a round table, a conference."""

    class Kind(models.TextChoices):
        INSTALLATION = "installation", _("installation session for mentors")
        GENERAL_MEETING = "general_meeting", _("general meeting of mentors and mentees")
        MASTER_CLASS = "master_class", _("master class")
        ROUND_TABLE = "round_table", _("round table")
        CONFERENCE = "conference", _("conference")
        OTHER = "other", pgettext_lazy("kind of event", "other")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="events", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    duration = models.PositiveSmallIntegerField(_("duration, minutes"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    participants = models.ManyToManyField(
        StaffMember, blank=True, related_name="events", verbose_name=_("participants")
    )
    held = models.BooleanField(_("held"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event of the organization")
        verbose_name_plural = _("events of the organization")
        ordering = ["date", "time", "pk"]

    def __str__(self) -> str:
        return self.title


def event_material_upload_to(instance: "EventMaterial", filename: str) -> str:
    return f"events/{instance.event_id}/{uuid.uuid4().hex}/{filename}"


class EventMaterial(models.Model):
    """A material of an event: a file (at most 20 MB) or a link."""

    event = models.ForeignKey(
        OrganizationEvent, models.CASCADE, related_name="materials", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"), upload_to=event_material_upload_to, blank=True, max_length=255
    )
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("material of an event")
        verbose_name_plural = _("materials of events")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ParticipantReport(models.Model):
    """The report of a participant at the end of a program (stage 6 of seed 002: «заслушивание
    отчётов наставников и наставляемых о проделанной работе»): the mentor writes his, each
    mentee hers; draft → submitted; the curator may return one for rework with a comment."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("mentor")
        MENTEE = "mentee", _("mentee")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for rework")

    mentorship = models.ForeignKey(
        Mentorship, models.CASCADE, related_name="reports", verbose_name=_("mentorship")
    )
    author = models.ForeignKey(
        StaffMember, models.CASCADE, related_name="completion_reports", verbose_name=_("author")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(
        _("results achieved against the goal and tasks of the program"), blank=True
    )
    difficulties = models.TextField(_("difficulties"), blank=True)
    self_assessment = models.PositiveSmallIntegerField(
        _("self-assessment, 1–10"), null=True, blank=True
    )
    to_continue = models.TextField(_("what to continue"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    useful_forms = models.TextField(_("the most useful forms of work"), blank=True)
    recommends_mentor = models.BooleanField(_("would recommend the mentor"), null=True, blank=True)
    return_comment = models.TextField(_("comment of the curator"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("report of a participant")
        verbose_name_plural = _("reports of participants")
        ordering = ["mentorship", "role", "author__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "author"], name="participant_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} ({self.get_role_display()})"
