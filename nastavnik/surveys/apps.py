from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "nastavnik.surveys"
    label = "surveys"
    verbose_name = _("Questionnaires and surveys")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "questionnaire_create": _("questionnaire created"),
                "questionnaire_change": _("questionnaire changed"),
                "survey_create": _("survey prepared"),
                "survey_launch": _("survey launched"),
                "survey_close": _("survey closed"),
                "survey_delete": _("survey deleted"),
                "survey_links_print": _("survey links printed"),
                "survey_to_bank": _("questionnaire answers moved to the bank"),
            }
        )
