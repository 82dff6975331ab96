from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.organizations.models import Municipality, Organization, Region


class User(AbstractUser):
    """An account. Names are kept as «Фамилия Имя Отчество» (surname, first name, patronymic)."""

    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
        help_text=_("The region whose administrators manage this account."),
    )
    must_change_password = models.BooleanField(
        _("must change the password"),
        default=False,
        help_text=_(
            "The password was given out by a curator: "
            "the person sets his or her own at the next login."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "patronymic", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        """«Фамилия Имя Отчество»."""
        parts = [self.last_name, self.first_name, self.patronymic]
        return " ".join(p for p in parts if p)

    @property
    def short_name(self) -> str:
        """«Фамилия И.О.»."""
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip() or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.short_name


class Role(models.TextChoices):
    """What a person does, each in its own kind of scope (see SCOPE_OF_ROLE)."""

    ADMIN = "admin", _("administrator")
    REGIONAL_METHODOLOGIST = "regional_methodologist", _("methodologist of the regional centre")
    MUNICIPAL_METHODOLOGIST = "municipal_methodologist", _("municipal methodologist")
    DIRECTOR = "director", _("director")
    CURATOR = "curator", _("curator")
    MENTOR = "mentor", _("mentor")
    MENTEE = "mentee", _("mentee")
    CLASS_TEACHER = "class_teacher", _("class teacher")


class Scope(models.TextChoices):
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    ORGANIZATION = "organization", _("organization")


SCOPE_OF_ROLE: dict[str, str] = {
    Role.ADMIN: Scope.REGION,
    Role.REGIONAL_METHODOLOGIST: Scope.REGION,
    Role.MUNICIPAL_METHODOLOGIST: Scope.MUNICIPALITY,
    Role.DIRECTOR: Scope.ORGANIZATION,
    Role.CURATOR: Scope.ORGANIZATION,
    Role.MENTOR: Scope.ORGANIZATION,
    Role.MENTEE: Scope.ORGANIZATION,
    Role.CLASS_TEACHER: Scope.ORGANIZATION,
}


def scope_field(scope: Region | Municipality | Organization) -> str:
    """The RoleAssignment field that holds a scope object of this kind."""
    for model, field in (
        (Region, "region"),
        (Municipality, "municipality"),
        (Organization, "organization"),
    ):
        if isinstance(scope, model):
            return field
    raise TypeError(f"not a scope: {scope!r}")


class RoleAssignment(models.Model):
    """A role that a user holds in one scope: a region, a municipality or an organization."""

    user = models.ForeignKey(
        User, models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("organization"),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            # Exactly the scope that the role needs is set, and nothing else.
            models.CheckConstraint(
                name="role_assignment_scope_matches_role",
                condition=(
                    Q(
                        role__in=[Role.ADMIN, Role.REGIONAL_METHODOLOGIST],
                        region__isnull=False,
                        municipality__isnull=True,
                        organization__isnull=True,
                    )
                    | Q(
                        role=Role.MUNICIPAL_METHODOLOGIST,
                        region__isnull=True,
                        municipality__isnull=False,
                        organization__isnull=True,
                    )
                    | Q(
                        role__in=[
                            Role.DIRECTOR,
                            Role.CURATOR,
                            Role.MENTOR,
                            Role.MENTEE,
                            Role.CLASS_TEACHER,
                        ],
                        region__isnull=True,
                        municipality__isnull=True,
                        organization__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="role_assignment_unique_in_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="role_assignment_unique_in_municipality",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=Q(organization__isnull=False),
                name="role_assignment_unique_in_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.scope_object}"

    @property
    def scope_object(self) -> Region | Municipality | Organization | None:
        return self.organization or self.municipality or self.region
