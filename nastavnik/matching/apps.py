from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "nastavnik.matching"
    label = "matching"
    verbose_name = _("Matching of mentors and mentees")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent
        from nastavnik.matching.models import MatchingDecision

        AuditEvent.ACTION_LABELS.update(
            {
                "matching_locked": _("proposed pair locked"),
                "matching_forbidden": _("proposed pair rejected"),
                "matching_clear": _("decision on a proposed pair undone"),
                "matching_reset": _("decisions on proposed pairs reset"),
                "matching_accept": _("proposed pairs accepted"),
                "support_add": _("mentee put on the support list"),
                "support_change": _("support of a mentee changed"),
                "support_return": _("mentee returned to matching"),
            }
        )
        AuditEvent.DETAIL_CHOICES.update({"matching_clear": dict(MatchingDecision.Kind.choices)})
