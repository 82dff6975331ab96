from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "nastavnik.practices"
    label = "practices"
    verbose_name = _("Methodological library and awards")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent
        from nastavnik.monitoring.indicators import register_award_counter
        from nastavnik.practices.selectors import award_counts

        register_award_counter(award_counts)

        AuditEvent.ACTION_LABELS.update(
            {
                "practice_create": _("practice added to the library"),
                "practice_update": _("practice changed"),
                "practice_delete": _("practice deleted"),
                "practice_publish": _("practice published to the region"),
                "practice_withdraw": _("practice withdrawn from the region"),
                "practice_file_add": _("material added to a practice"),
                "practice_file_remove": _("material removed from a practice"),
                "nomination_create": _("participant nominated for a reward"),
                "nomination_update": _("nomination changed"),
                "nomination_approve": _("nomination approved"),
                "nomination_remove": _("nomination removed"),
                "nominations_order": _("reward order made from the nominations"),
            }
        )
        from nastavnik.documents.kinds.orders import Award

        awards = dict(Award.choices)
        AuditEvent.DETAIL_CHOICES.update({"nomination_create": awards, "nomination_update": awards})
