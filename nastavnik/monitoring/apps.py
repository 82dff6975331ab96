from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "nastavnik.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and dashboards")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "control_schedule_create": _("control schedule created"),
                "control_point_add": _("control point added"),
                "control_point_delete": _("control point deleted"),
            }
        )
