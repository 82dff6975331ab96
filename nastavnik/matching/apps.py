from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "nastavnik.matching"
    label = "matching"
    verbose_name = _("Matching of mentors and mentees")
