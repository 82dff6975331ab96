"""Writes of the read API: creating, revoking and checking tokens."""

import datetime
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nastavnik.api.models import ApiToken
from nastavnik.core.services import audit
from nastavnik.organizations.models import Municipality, Region

TOKEN_PREFIX = "nst_"
# How often the moment of last use is written: not on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_token_create(
    *,
    actor: Any,
    name: str,
    region: Region | None = None,
    municipality: Municipality | None = None,
) -> tuple[ApiToken, str]:
    """A new token for a region or a municipality; returns it with its secret, which is not
    stored and cannot be shown again."""
    if (region is None) == (municipality is None):
        raise ValueError("a token needs exactly one scope: a region or a municipality")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name,
            region=region,
            municipality=municipality,
            prefix=secret[:12],
            digest=token_digest(secret),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        audit(
            actor=actor,
            action="api_token_create",
            target=token,
            region=token.scope_region,
            scope=str(municipality or region),
        )
    return token, secret


def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke the token at once; a revoked token is kept for the audit trail."""
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit(
                actor=actor,
                action="api_token_revoke",
                target=token,
                region=token.scope_region,
            )
    return token


def api_token_authenticate(header: str) -> ApiToken | None:
    """The active token named by an `Authorization: Bearer <token>` header, or None."""
    scheme, _sep, secret = header.strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("region", "municipality__region")
        .filter(digest=token_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # One conditional UPDATE per request; it writes at most once a minute.
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION),
        pk=token.pk,
    ).update(last_used_at=now)
    return token
