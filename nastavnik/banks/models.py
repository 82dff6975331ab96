"""The banks (bases) of mentors and mentees per academic year, the shared taxonomy of needs
and competencies, the region's rules, and the consents of each person."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization, Region
from nastavnik.staff.models import StaffMember


class BankSettings(models.Model):
    """The rules of a region: who is a young specialist, a new employee, how many mentees."""

    region = models.OneToOneField(
        Region, models.CASCADE, related_name="bank_settings", verbose_name=_("region")
    )
    young_max_age = models.PositiveSmallIntegerField(
        _("young specialist: younger than, years"), default=35
    )
    young_max_experience = models.PositiveSmallIntegerField(
        _("young specialist: experience at most, years"), default=3
    )
    new_employee_months = models.PositiveSmallIntegerField(
        _("new employee: hired within, months"), default=12
    )
    capacity_min = models.PositiveSmallIntegerField(_("mentees per mentor: at least"), default=1)
    capacity_max = models.PositiveSmallIntegerField(_("mentees per mentor: at most"), default=3)
    formal_after_days = models.PositiveSmallIntegerField(
        _("formal mentorship: no meeting for more than, days"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(120)],
        help_text=_("A pair or group without a meeting for longer is flagged as formal."),
    )
    # The weights of the parts of the matching score (issue 6); the page shows them out of 100.
    weight_needs = models.PositiveSmallIntegerField(
        _("matching: needs covered by competencies, points"),
        default=35,
        validators=[MaxValueValidator(100)],
    )
    weight_subject = models.PositiveSmallIntegerField(
        _("matching: same subject, points"), default=20, validators=[MaxValueValidator(100)]
    )
    weight_experience = models.PositiveSmallIntegerField(
        _("matching: experience and category, points"),
        default=15,
        validators=[MaxValueValidator(100)],
    )
    weight_organization = models.PositiveSmallIntegerField(
        _("matching: same organization, points"), default=5, validators=[MaxValueValidator(100)]
    )
    weight_text = models.PositiveSmallIntegerField(
        _("matching: similarity of texts, points"), default=15, validators=[MaxValueValidator(100)]
    )
    weight_preference = models.PositiveSmallIntegerField(
        _("matching: preference questionnaire, points"),
        default=10,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("rules of the banks")
        verbose_name_plural = _("rules of the banks")
        constraints = [
            models.CheckConstraint(
                name="bank_settings_capacity_range",
                condition=Q(capacity_min__lte=models.F("capacity_max")),
            )
        ]

    def __str__(self) -> str:
        return str(self.region)


class Competency(models.Model):
    """One item of the region's taxonomy: a need of a mentee is a competency of a mentor."""

    region = models.ForeignKey(
        Region, models.CASCADE, related_name="competencies", verbose_name=_("region")
    )
    group = models.CharField(_("group"), max_length=200)
    name = models.CharField(_("name"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("need / competency")
        verbose_name_plural = _("needs and competencies")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="competency_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MenteeProfile(models.Model):
    """A person in the mentee bank of an organization for an academic year."""

    class Category(models.TextChoices):
        YOUNG = "young", _("young specialist")
        NEW = "new", _("new employee")
        CHANGED_POSITION = "changed_position", _("changed position")
        ATTESTATION = "attestation", _("preparing for attestation")
        DIFFICULTIES = "difficulties", _("professional difficulties")
        STUDENT = "student", _("student")
        SCHOOLCHILD = "schoolchild", _("schoolchild")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        WAITING = "waiting", _("waiting for a mentor")
        PAIRED = "paired", _("in a pair or group")
        SUPPORT = "support", _("needs support")
        COMPLETED = "completed", _("completed")
        EXCLUDED = "excluded", _("excluded")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="mentee_profiles", verbose_name=_("organization")
    )
    staff = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="mentee_profiles", verbose_name=_("person")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    needs_text = models.TextField(_("needs in own words"), blank=True)
    result = models.TextField(_("result of the program"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("mentee bank entry")
        verbose_name_plural = _("mentee bank")
        ordering = ["staff__last_name", "staff__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year"], name="mentee_profile_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} ({self.academic_year})"


class MenteeNeed(models.Model):
    class Source(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("questionnaire")
        PERSONAL_FILE = "personal_file", _("personal file")
        ATTESTATION = "attestation", _("attestation recommendations")
        METHODICAL = "methodical", _("analysis of methodological work")
        CURATOR = "curator", _("the curator's observation")

    profile = models.ForeignKey(
        MenteeProfile, models.CASCADE, related_name="needs", verbose_name=_("mentee")
    )
    competency = models.ForeignKey(
        Competency, models.PROTECT, related_name="+", verbose_name=_("need")
    )
    source = models.CharField(
        _("where it came from"), max_length=20, choices=Source.choices, default=Source.CURATOR
    )

    class Meta:
        verbose_name = _("need of a mentee")
        verbose_name_plural = _("needs of mentees")
        constraints = [
            models.UniqueConstraint(fields=["profile", "competency"], name="mentee_need_unique")
        ]

    def __str__(self) -> str:
        return str(self.competency)


class MentorProfile(models.Model):
    """A person in the mentor bank of an organization for an academic year."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("candidate")
        SELECTED = "selected", _("selected")
        TRAINED = "trained", _("trained")
        ACTIVE = "active", pgettext_lazy("mentor status", "active")
        EXCLUDED = "excluded", _("excluded")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="mentor_profiles", verbose_name=_("organization")
    )
    staff = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="mentor_profiles", verbose_name=_("person")
    )
    academic_year = models.ForeignKey(
        AcademicYear, models.PROTECT, related_name="+", verbose_name=_("academic year")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    capacity = models.PositiveSmallIntegerField(_("how many mentees"), default=1)
    forms = models.JSONField(_("forms of mentorship"), default=list, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    experience_text = models.TextField(
        _("experience to share"),
        blank=True,
        help_text=_("In own words: what the mentor can teach, methods, achievements."),
    )
    result = models.TextField(_("result of the year"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("mentor bank entry")
        verbose_name_plural = _("mentor bank")
        ordering = ["staff__last_name", "staff__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year"], name="mentor_profile_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} ({self.academic_year})"


class MentorCompetency(models.Model):
    class Level(models.IntegerChoices):
        BASIC = 1, _("basic")
        CONFIDENT = 2, _("confident")
        EXPERT = 3, _("expert")

    profile = models.ForeignKey(
        MentorProfile, models.CASCADE, related_name="competencies", verbose_name=_("mentor")
    )
    competency = models.ForeignKey(
        Competency, models.PROTECT, related_name="+", verbose_name=_("competency")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.CONFIDENT
    )

    class Meta:
        verbose_name = _("competency of a mentor")
        verbose_name_plural = _("competencies of mentors")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"], name="mentor_competency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.get_level_display()})"


class MentorTraining(models.Model):
    """Training a mentor attended (stage 4): установочные сессии, consultations, exchange."""

    class Kind(models.TextChoices):
        SESSION = "session", _("orientation session")
        CONSULTATION = "consultation", _("consultation")
        EXCHANGE = "exchange", _("exchange of experience")
        COURSE = "course", _("course")

    profile = models.ForeignKey(
        MentorProfile, models.CASCADE, related_name="trainings", verbose_name=_("mentor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("training of a mentor")
        verbose_name_plural = _("training of mentors")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title


def consent_upload_to(instance: "Consent", filename: str) -> str:
    return f"consents/{instance.organization_id}/{uuid.uuid4().hex}/{filename}"


class Consent(models.Model):
    """A consent of a person: issued (a DOCX made), signed (the scan kept), revoked."""

    class Kind(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("processing of personal data")
        DUTIES = "duties", _("mentoring duties")
        PUBLICATION = "publication", _("publication on the website")

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued")
        SIGNED = "signed", _("signed")
        REVOKED = "revoked", _("revoked")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="consents", verbose_name=_("organization")
    )
    staff = models.ForeignKey(
        StaffMember, models.PROTECT, related_name="consents", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    version = models.CharField(_("version of the text"), max_length=20)
    file = models.FileField(
        _("consent form"), upload_to=consent_upload_to, blank=True, max_length=255
    )
    scan = models.FileField(
        _("signed scan"), upload_to=consent_upload_to, blank=True, max_length=255
    )
    issued_at = models.DateField(_("issued on"))
    signed_at = models.DateField(_("signed on"), null=True, blank=True)
    revoked_at = models.DateField(_("revoked on"), null=True, blank=True)
    representative_name = models.CharField(
        _("given by the legal representative"),
        max_length=300,
        blank=True,
        help_text=_("For a minor the consent is given by a parent or legal representative."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind"],
                condition=~Q(status="revoked"),
                name="consent_one_current_per_kind",
            ),
            models.CheckConstraint(
                name="consent_signed_has_date",
                condition=~Q(status="signed") | Q(signed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.staff}"
