from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nastavnik.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from nastavnik.accounts.models import Role
        from nastavnik.core.models import AuditEvent

        roles = dict(Role.choices)
        AuditEvent.DETAIL_CHOICES.update(
            {"role_assign": roles, "role_revoke": roles, "participant_role_grant": roles}
        )
