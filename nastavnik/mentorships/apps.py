from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "nastavnik.mentorships"
    label = "mentorships"
    verbose_name = _("Mentorships, programs, meetings and portfolios")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent
        from nastavnik.mentorships.models import (
            Meeting,
            OrganizationEvent,
            ParticipantReport,
            PortfolioItem,
        )

        AuditEvent.ACTION_LABELS.update(
            {
                "mentorship_create": _("mentorship formed"),
                "mentorship_end": _("mentorship ended early"),
                "mentorship_complete": _("mentorship completed"),
                "event_create": _("event planned"),
                "event_update": _("event changed"),
                "event_held": _("event held"),
                "event_material_add": _("event material added"),
                "event_material_remove": _("event material removed"),
                "program_change": _("personalized program changed"),
                "program_approve": _("personalized program approved"),
                "meeting_log": _("meeting logged"),
                "portfolio_add": _("portfolio item added"),
                "report_save": _("report of a participant saved"),
                "report_submit": _("report of a participant submitted"),
                "report_return": _("report of a participant returned for rework"),
            }
        )
        AuditEvent.DETAIL_CHOICES.update(
            {
                "meeting_log": dict(Meeting.Kind.choices),
                "portfolio_add": dict(PortfolioItem.Kind.choices),
                "report_save": dict(ParticipantReport.Role.choices),
                "report_submit": dict(ParticipantReport.Role.choices),
                "report_return": dict(ParticipantReport.Role.choices),
                "event_create": dict(OrganizationEvent.Kind.choices),
                "event_update": dict(OrganizationEvent.Kind.choices),
            }
        )
