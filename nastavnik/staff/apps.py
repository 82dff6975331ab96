from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "nastavnik.staff"
    label = "staff"
    verbose_name = _("Staff")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent
        from nastavnik.staff.models import PersonKind

        AuditEvent.ACTION_LABELS.update(
            {
                "staff_create": _("person added to the staff"),
                "staff_update": _("staff record changed"),
                "person_create": _("student or employer's mentor added"),
                "person_update": _("student or employer's mentor changed"),
                "group_create": _("study group created"),
                "group_update": _("study group changed"),
                "account_issue": _("account given to a participant"),
                "account_link": _("account linked to a person"),
                "account_unlink": _("account unlinked from a person"),
                "account_password_reset": _("temporary password given out"),
                "participant_role_grant": _("program role given to a participant's account"),
            }
        )
        kinds = dict(PersonKind.choices)
        AuditEvent.DETAIL_CHOICES.update(
            {"person_create": kinds, "person_update": kinds, "people_import": kinds}
        )
