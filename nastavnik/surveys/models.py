"""Questionnaires (анкеты) and the surveys (анкетирование) that run them.

A questionnaire is either a template of the library (the region's copy of a shipped template,
or an organization's own) or the frozen copy a survey runs on, so that editing the library never
changes the questions of a survey already answered.

Anonymity: an anonymous survey keeps no path from a response to a person. Invitations know who
was asked and whether he or she answered; responses know the survey, the respondent's group and
organization, and nothing else: no invitation, no timestamp, a random primary key. Personal
links are random tokens of which only a digest is stored; an anonymous draft is found by another
digest of the same token, so that without the token (which only the respondent holds) the draft
cannot be tied to the invitation either.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization, Region
from nastavnik.staff.models import StaffMember


class Questionnaire(models.Model):
    class Kind(models.TextChoices):
        MENTEE_NEEDS = "mentee_needs", _("mentee: professional needs and difficulties")
        MENTOR_POTENTIAL = "mentor_potential", _("potential mentor")
        PREFERENCES = "preferences", _("preferences after the group meeting")
        INTERIM = "interim", _("interim feedback")
        SATISFACTION_MENTOR = "satisfaction_mentor", _("satisfaction of the mentor")
        SATISFACTION_MENTEE = "satisfaction_mentee", _("satisfaction of the mentee")
        PROGRAM_QUALITY = "program_quality", _("quality of the program")
        GROWTH = "growth", _("self-assessment of professional growth")
        STUDENT_INTERESTS = "student_interests", _("interests and abilities of a student")
        OTHER = "other", _("other")

    region = models.ForeignKey(
        Region, models.CASCADE, related_name="questionnaires", verbose_name=_("region")
    )
    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name=_("organization"),
        help_text=_("Empty for a template of the region."),
    )
    kind = models.CharField(_("purpose"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to the respondent above the questions.")
    )
    is_template = models.BooleanField(_("in the library"), default=True)
    based_on = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="sections", verbose_name=_("questionnaire")
    )
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one answer from a list")
        MULTIPLE = "multiple", _("several answers from a list")
        SCALE5 = "scale5", _("scale from 1 to 5")
        SCALE10 = "scale10", _("scale from 1 to 10")
        NUMBER = "number", pgettext_lazy("type of answer", "number")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")
        DATE = "date", _("date")
        PEOPLE = "people", _("people of the organization")
        COMPETENCIES = "competencies", _("needs and competencies")

    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="questions", verbose_name=_("questionnaire")
    )
    section = models.ForeignKey(
        Section,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("section"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_(
            "What the system does with the answer, e.g. needs, competencies, capacity, "
            "preferred_mentors, preferred_mentees; empty for an ordinary question."
        ),
    )
    kind = models.CharField(_("type of answer"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("hint"), max_length=500, blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    options = models.JSONField(_("answer options"), default=list, blank=True)
    max_choices = models.PositiveSmallIntegerField(
        _("choices at most"),
        null=True,
        blank=True,
        help_text=_("For people and lists: how many may be chosen (people are ranked)."),
    )
    condition_question = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("show only if the answer to"),
    )
    condition_value = models.CharField(_("is"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_scale(self) -> bool:
        return self.kind in (self.Kind.SCALE5, self.Kind.SCALE10)

    @property
    def scale_max(self) -> int:
        return 10 if self.kind == self.Kind.SCALE10 else 5


class Survey(models.Model):
    """One run of a questionnaire for an audience of an organization in an academic year."""

    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("all staff")
        MENTEE_BANK = "mentee_bank", _("the mentee bank")
        MENTOR_BANK = "mentor_bank", _("the mentor bank")
        BOTH_BANKS = "both_banks", _("both banks")
        MENTORSHIPS = "mentorships", _("chosen pairs and groups")
        PEOPLE = "people", _("chosen people")
        STUDENTS = "students", _("students of chosen groups")
        EXTERNAL = "external", _("employers' mentors")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="surveys", verbose_name=_("organization")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    questionnaire = models.OneToOneField(
        Questionnaire, models.PROTECT, related_name="survey", verbose_name=_("questionnaire")
    )
    title = models.CharField(_("title"), max_length=300)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("No one, not even the administrator, can tell who gave which answers."),
    )
    audience = models.CharField(_("who is asked"), max_length=20, choices=Audience.choices)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    reminder_limit = models.PositiveSmallIntegerField(_("reminders at most"), default=2)
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("days between reminders at least"), default=3
    )
    launched_at = models.DateTimeField(_("launched"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="survey_closes_after_opening", condition=Q(closes_on__gte=models.F("opens_on"))
            )
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """Who is asked. For an anonymous survey it knows only whether the person answered."""

    class Group(models.TextChoices):
        MENTOR = "mentor", _("mentors")
        MENTEE = "mentee", _("mentees")
        STAFF = "staff", _("other staff")
        LEARNER = "learner", _("students")

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    staff = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="survey_invitations", verbose_name=_("person")
    )
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    answered = models.BooleanField(_("answered"), default=False)
    emailed_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["staff__last_name", "staff__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "staff"], name="invitation_once_per_survey")
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.staff}"


class InvitationToken(models.Model):
    """The digest of one personal link; a person may hold several (e-mail, print, reminder)."""

    invitation = models.ForeignKey(
        Invitation, models.CASCADE, related_name="tokens", verbose_name=_("invitation")
    )
    digest = models.CharField(_("digest of the link"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")

    def __str__(self) -> str:
        return self.digest[:8]


class Response(models.Model):
    """A set of answers. Identified: tied to the invitation. Anonymous: tied to nobody; while a
    draft, found only by the digest of the respondent's link (`draft_key`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    group = models.CharField(_("group"), max_length=10, choices=Invitation.Group.choices)
    invitation = models.OneToOneField(
        Invitation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("invitation"),
    )
    draft_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    submitted = models.BooleanField(_("submitted"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    moved_to_bank = models.BooleanField(_("moved to the bank"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            # An anonymous response carries neither its invitation nor a time.
            models.CheckConstraint(
                name="response_anonymous_or_identified",
                condition=Q(invitation__isnull=False) | Q(submitted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """The answer to one question: a list of option texts, a number, a text, an ISO date, a
    ranked list of staff ids, or a list of competency ids, as JSON."""

    response = models.ForeignKey(
        Response, models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once")]

    def __str__(self) -> str:
        return str(self.value)
