"""Tokens of the read API: one per consumer, scoped to a region or a municipality."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.organizations.models import Municipality, Region


class ApiToken(models.Model):
    """A secret with which a system of the regional centre or of a municipality reads the API.

    The secret is shown once, when the token is created; only its SHA-256 digest is stored.
    """

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Who uses the token, e.g. «Information system of the regional centre»."),
    )
    region = models.ForeignKey(
        Region,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("municipality"),
    )
    prefix = models.CharField(_("beginning of the token"), max_length=16)
    digest = models.CharField(_("digest of the token"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Exactly one scope: a region or a municipality.
            models.CheckConstraint(
                name="api_token_one_scope",
                condition=(
                    Q(region__isnull=False, municipality__isnull=True)
                    | Q(region__isnull=True, municipality__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def scope_region(self) -> Region:
        """The region the token reads in (a municipality's token reads in its region)."""
        if self.region is not None:
            return self.region
        assert self.municipality is not None
        return self.municipality.region
