from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A subject of the Russian Federation; one installation usually serves one region."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    center_name = models.CharField(
        _("regional mentorship centre"),
        max_length=300,
        blank=True,
        help_text=_("Full name of the regional centre of pedagogical mentorship."),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipal district or urban district with its education authority."""

    region = models.ForeignKey(
        Region, models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    authority_name = models.CharField(
        _("education authority"),
        max_length=300,
        blank=True,
        help_text=_("The body of local government that manages education."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """An educational organization: a school, college, kindergarten or centre of extra education."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        COLLEGE = "college", _("college")
        KINDERGARTEN = "kindergarten", _("kindergarten")
        ADDITIONAL = "additional", _("centre of additional education")

    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        related_name="organizations",
        verbose_name=_("municipality"),
    )
    full_name = models.CharField(_("full official name"), max_length=500)
    short_name = models.CharField(_("short official name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    address = models.CharField(_("address"), max_length=500, blank=True)
    locality = models.CharField(
        _("place of issue"),
        max_length=200,
        blank=True,
        help_text=_("The locality printed on documents, e.g. «г. Светлогорск»."),
    )
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    head_last_name = models.CharField(_("head's surname"), max_length=100, blank=True)
    head_first_name = models.CharField(_("head's first name"), max_length=100, blank=True)
    head_patronymic = models.CharField(_("head's patronymic"), max_length=100, blank=True)
    head_position = models.CharField(_("head's position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="organization_unique_short_name"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def head_full_name(self) -> str:
        """«Фамилия Имя Отчество» of the head."""
        parts = [self.head_last_name, self.head_first_name, self.head_patronymic]
        return " ".join(p for p in parts if p)

    @property
    def head_signature_name(self) -> str:
        """Initials and surname, as in a signature block: «Н.Х. Горелова»."""
        initials = "".join(f"{p[0]}." for p in (self.head_first_name, self.head_patronymic) if p)
        return f"{initials} {self.head_last_name}".strip()
