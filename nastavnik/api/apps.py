from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "nastavnik.api"
    label = "api"
    verbose_name = _("Read API for the region")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "api_token_create": _("API token created"),
                "api_token_revoke": _("API token revoked"),
            }
        )
