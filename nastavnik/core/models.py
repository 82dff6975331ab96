import datetime
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AcademicYear(models.Model):
    """An academic year, 1 September of `start_year` to 31 August of the next year."""

    start_year = models.PositiveSmallIntegerField(_("first calendar year"), unique=True)

    class Meta:
        verbose_name = _("academic year")
        verbose_name_plural = _("academic years")
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return f"{self.start_year}/{self.start_year + 1}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 8, 31)

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class AuditEvent(models.Model):
    """One row per change made through a service: who did what to which object, and where."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "accounts.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=100)
    target_type = models.CharField(_("object type"), max_length=100)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=500, blank=True)
    region = models.ForeignKey(
        "organizations.Region",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    # What each action code means to a person; other areas add theirs in AppConfig.ready().
    ACTION_LABELS: ClassVar[dict[str, Any]] = {
        "region_create": _("region created"),
        "municipality_create": _("municipality created"),
        "municipality_update": _("municipality changed"),
        "organization_create": _("organization created"),
        "organization_update": _("organization changed"),
        "user_create": _("account created"),
        "user_update": _("account changed"),
        "user_set_password": _("password set"),
        "role_assign": _("role given"),
        "role_revoke": _("role taken away"),
        "second_factor_on": _("second factor of login turned on"),
        "temporary_password_replaced": _("temporary password replaced by the person"),
        "second_factor_off": _("second factor of login turned off"),
    }

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.target_repr}"

    # Russian names of the detail keys services write most; others are shown as written.
    DETAIL_LABELS: ClassVar[dict[str, Any]] = {
        "year": pgettext_lazy("journal detail", "year"),
        "kind": pgettext_lazy("journal detail", "kind"),
        "count": pgettext_lazy("journal detail", "number"),
        "people": pgettext_lazy("journal detail", "people"),
        "invited": pgettext_lazy("journal detail", "invited"),
        "emailed": pgettext_lazy("journal detail", "sent by e-mail"),
        "anonymous": pgettext_lazy("journal detail", "anonymous"),
        "role": pgettext_lazy("journal detail", "role"),
        "what": pgettext_lazy("journal detail", "what"),
        "reason": pgettext_lazy("journal detail", "reason"),
        "participants": pgettext_lazy("journal detail", "participants"),
    }

    DETAIL_VALUES: ClassVar[dict[str, Any]] = {
        "staff": _("the staff list"),
        "mentee_bank": _("the mentee bank"),
        "mentor_bank": _("the mentor bank"),
    }

    # The names of the codes an action writes in its «kind» or «role» (a consent's kind, a
    # meeting's kind…), by action: each app adds its own choices in its ready(). A value needs
    # only .get(code), so a registry read when the journal is shown will do.
    DETAIL_CHOICES: ClassVar[dict[str, Any]] = {}

    def details_display(self) -> list[tuple[str, str]]:
        """The details as (Russian name, value) pairs for the journal; ids of other records
        are left out, they mean nothing to a reader."""
        rows = []
        for key, value in (self.details or {}).items():
            if key not in self.DETAIL_LABELS:
                continue
            if isinstance(value, bool):
                shown = str(_("yes") if value else _("no"))
            else:
                choices = self.DETAIL_CHOICES.get(self.action, {})
                shown = str(
                    (choices.get(value) or self.DETAIL_VALUES.get(value, value))
                    if isinstance(value, str)
                    else value
                )
            rows.append((str(self.DETAIL_LABELS[key]), shown))
        return rows

    def changes_display(self) -> list[tuple[str, str, str | None]]:
        """The changed fields as (Russian name, before, after); after is None for rows
        written before the journal kept it."""
        details = self.details or {}
        before, after = details.get("before") or {}, details.get("after")
        if not isinstance(before, dict):
            return []
        try:
            model = apps.get_model(self.target_type)
        except (LookupError, ValueError):
            model = None
        rows = []
        for name, value in before.items():
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
            shown_after = _shown(field, after.get(name)) if isinstance(after, dict) else None
            rows.append((label, _shown(field, value), shown_after))
        return rows

    def get_action_display(self) -> str:
        return str(self.ACTION_LABELS.get(self.action, self.action))


def _field(model: Any, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(field: Any, value: Any) -> str:
    """A value of the journal as a person reads it: a choice by its name, a date as
    01.09.2025, yes or no (a related record is kept by its name already)."""
    if value in (None, "", "None"):  # "None": rows written before, as str(None)
        return "—"
    if isinstance(value, bool) or (
        isinstance(field, models.BooleanField) and value in ("True", "False")
    ):
        return str(_("yes") if value in (True, "True") else _("no"))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10]).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return str(value)
