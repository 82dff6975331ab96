from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "nastavnik.reports"
    label = "reports"
    verbose_name = _("Analytical reports and reporting upward")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "annual_report_create": _("analytical report for the year started"),
                "annual_report_update": _("analytical report for the year changed"),
                "annual_report_document": _("analytical report for the year made as DOCX"),
                "annual_report_submit": _("analytical report for the year submitted"),
                "annual_report_accept": _("analytical report for the year accepted"),
                "annual_report_return": _("analytical report for the year returned"),
                "reporting_deadline_set": _("reporting deadline set"),
            }
        )
