from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "nastavnik.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from nastavnik.core.models import AuditEvent

        AuditEvent.ACTION_LABELS.update(
            {
                "document_create": _("document created"),
                "document_update": _("document changed"),
                "document_sign": _("signed scan uploaded"),
                "document_delete": _("draft deleted"),
                "template_upload": _("document template uploaded"),
                "template_delete": _("document template deleted"),
                "batch_start": _("bulk generation started"),
            }
        )
        kinds = _KindNames()
        AuditEvent.DETAIL_CHOICES.update(
            {
                "document_create": kinds,
                "template_upload": kinds,
                "template_delete": kinds,
                "batch_start": kinds,
            }
        )


class _KindNames:
    """The names of the document kinds, read from their registry when the journal asks."""

    def get(self, code: str, default: object = None) -> object:
        from nastavnik.documents.kinds import KINDS

        kind = KINDS.get(code)
        return kind.label if kind is not None else default
