from typing import Any

from django.core.management.base import BaseCommand

from nastavnik.documents.build import build_all
from nastavnik.documents.engine import SHIPPED_DIR


class Command(BaseCommand):
    help = "Rebuild the shipped DOCX templates in nastavnik/documents/docx/ (for developers)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in build_all(SHIPPED_DIR):
            self.stdout.write(str(path.relative_to(SHIPPED_DIR.parent.parent.parent)))
