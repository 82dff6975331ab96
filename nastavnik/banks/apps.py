from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanksConfig(AppConfig):
    name = "nastavnik.banks"
    label = "banks"
    verbose_name = _("Banks of mentors and mentees, consents")

    def ready(self) -> None:
        from nastavnik.banks.models import Consent
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "mentee_add": _("added to the mentee bank"),
                "mentee_update": _("mentee bank entry changed"),
                "mentor_add": _("added to the mentor bank"),
                "mentor_update": _("mentor bank entry changed"),
                "consent_issue": _("consent issued"),
                "consent_sign": _("signed consent uploaded"),
                "consent_revoke": _("consent revoked"),
                "person_anonymize": _("personal data removed"),
                "staff_import": _("staff list imported"),
                "people_import": _("list of students or employers' mentors imported"),
                "competency_change": _("needs and competencies changed"),
                "bank_settings_change": _("bank rules changed"),
                "pd_view": _("personal data viewed"),
                "pd_export": _("list with personal data exported"),
                "pd_export_person": _("all data of a person exported on request"),
            }
        )
        consents = dict(Consent.Kind.choices)
        AuditEvent.DETAIL_CHOICES.update(
            {"consent_issue": consents, "consent_sign": consents, "consent_revoke": consents}
        )
