import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nastavnik.organizations.models import Organization


class PersonKind(models.TextChoices):
    """Who a participant of mentorship is (seed 004: not always a member of staff)."""

    STAFF = "staff", _("member of staff")
    STUDENT = "student", _("student")
    SCHOOLCHILD = "schoolchild", _("schoolchild")
    EXTERNAL = "external", _("employer's mentor")


ADULT_AGE = 18


class StudyGroup(models.Model):
    """A group of students of a college or a class of a school, with its class teacher
    (куратор группы / классный руководитель), who sees and fills the data of this group only."""

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="study_groups", verbose_name=_("organization")
    )
    name = models.CharField(_("group or class"), max_length=50)
    course = models.PositiveSmallIntegerField(_("course or year of study"), null=True, blank=True)
    specialty = models.CharField(_("specialty or profile"), max_length=300, blank=True)
    class_teacher = models.ForeignKey(
        "StaffMember",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("class teacher"),
    )

    class Meta:
        verbose_name = _("study group")
        verbose_name_plural = _("study groups")
        ordering = ["course", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="study_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StaffMember(models.Model):
    """A person of an organization who may take part in mentorship.

    Mostly a pedagogical worker on the staff (`kind` staff); in a college also a student, a
    schoolchild of a partner school, or an employer's representative who mentors students
    (seed 004). The banks, pairs, consents and questionnaires refer to all of them alike; the
    forms of mentorship say which kinds may be a mentor and a mentee
    (`nastavnik.documents.kinds.orders.FORM_PARTICIPANTS`).
    """

    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    class Category(models.TextChoices):
        """Qualification category of a pedagogical worker."""

        NONE = "none", _("no category")
        CONFORMITY = "conformity", _("conformity with the position")
        FIRST = "first", _("first category")
        HIGHEST = "highest", _("highest category")
        MENTOR = "mentor", _("pedagogue-mentor")
        METHODIST = "methodist", _("pedagogue-methodist")

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
    kind = models.CharField(
        _("kind of participant"),
        max_length=20,
        choices=PersonKind.choices,
        default=PersonKind.STAFF,
    )
    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    subjects = models.CharField(_("subjects taught"), max_length=300, blank=True)
    category = models.CharField(
        _("qualification category"),
        max_length=20,
        choices=Category.choices,
        default=Category.NONE,
        blank=True,
    )
    experience_years = models.PositiveSmallIntegerField(
        _("pedagogical experience, years"), null=True, blank=True
    )
    experience_as_of = models.DateField(
        _("experience as of"),
        null=True,
        blank=True,
        help_text=_("The date on which the experience was counted (usually the import date)."),
    )
    hired_on = models.DateField(_("date of hire"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Students and schoolchildren.
    study_group = models.ForeignKey(
        StudyGroup,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("group or class"),
    )
    course = models.PositiveSmallIntegerField(_("course or year of study"), null=True, blank=True)
    specialty = models.CharField(_("specialty or profile"), max_length=300, blank=True)
    representative_name = models.CharField(
        _("parent or legal representative"),
        max_length=300,
        blank=True,
        help_text=_("For a minor: the full name of the parent who signs the consents."),
    )
    representative_phone = models.CharField(
        _("phone of the representative"), max_length=50, blank=True
    )
    representative_email = models.EmailField(_("e-mail of the representative"), blank=True)
    # Schoolchildren of a partner school and employers' mentors.
    home_organization = models.CharField(
        _("employer or school"),
        max_length=500,
        blank=True,
        help_text=_("The employer of an external mentor, the school of a schoolchild."),
    )
    agreement = models.CharField(
        _("agreement with the employer"),
        max_length=300,
        blank=True,
        help_text=_("For example: «Договор о сетевом взаимодействии № 12 от 01.09.2025»."),
    )
    is_active = models.BooleanField(_("on staff"), default=True)
    anonymized_at = models.DateTimeField(
        _("personal data removed at"),
        null=True,
        blank=True,
        help_text=_("Set when the person revoked the consent to the processing of data."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["last_name", "first_name", "patronymic"]
        indexes = [
            models.Index(fields=["organization", "last_name"]),
            models.Index(fields=["organization", "kind"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """«Фамилия Имя Отчество»."""
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def experience_on(self, day: datetime.date) -> int | None:
        """Pedagogical experience in whole years on `day`."""
        if self.experience_years is None:
            return None
        if self.experience_as_of is None:
            return self.experience_years
        return self.experience_years + max(full_years(self.experience_as_of, day), 0)

    def age_on(self, day: datetime.date) -> int | None:
        return full_years(self.birth_date, day) if self.birth_date else None

    def is_minor_on(self, day: datetime.date) -> bool:
        """Under 18 on `day`. A student or schoolchild without a date of birth counts as a
        minor: the consent of a parent is the safe side of 152-FZ art. 9."""
        age = self.age_on(day)
        if age is None:
            return self.kind in (PersonKind.STUDENT, PersonKind.SCHOOLCHILD)
        return age < ADULT_AGE

    @property
    def description(self) -> str:
        """What to show beside the name in a choice: the position, the employer, or who."""
        if self.kind == PersonKind.EXTERNAL:
            return ", ".join(p for p in (self.position, self.home_organization) if p)
        if self.kind in (PersonKind.STUDENT, PersonKind.SCHOOLCHILD):
            return str(self.get_kind_display())
        return self.position

    @property
    def is_learner(self) -> bool:
        return self.kind in (PersonKind.STUDENT, PersonKind.SCHOOLCHILD)


def full_years(start: datetime.date, end: datetime.date) -> int:
    """Whole years from `start` to `end` (an age, a length of service)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def import_upload_to(instance: "StaffImport", filename: str) -> str:
    return f"staff-imports/{instance.organization_id}/{uuid.uuid4().hex}/{filename}"


class StaffImport(models.Model):
    """An uploaded staff list kept between the upload, the column mapping and the confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        APPLIED = "applied", _("applied")

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="staff_imports", verbose_name=_("organization")
    )
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(
        _("kind of participant"),
        max_length=20,
        choices=PersonKind.choices,
        default=PersonKind.STAFF,
        help_text=_("Whom the list holds: staff, students or employers' mentors."),
    )
    mapping = models.JSONField(_("columns"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff list upload")
        verbose_name_plural = _("staff list uploads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
