from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "nastavnik.roadmaps"
    label = "roadmaps"
    verbose_name = _("Roadmaps, risks and publications")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "roadmap_create": _("roadmap created"),
                "roadmap_change": _("roadmap changed"),
                "activity_change": _("roadmap activity changed"),
                "risk_change": _("risk register changed"),
                "publication_change": _("publication changed"),
            }
        )
