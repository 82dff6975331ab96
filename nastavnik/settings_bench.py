"""Settings of the load benchmark (`bench/load.py`): the real settings, plus one bare view at
/bench/bare/ that measures what Django itself costs on this machine. Never in production: only
`bench/load.py` selects this module (DJANGO_SETTINGS_MODULE=nastavnik.settings_bench)."""

from nastavnik.settings import *  # noqa: F403

ROOT_URLCONF = "nastavnik.urls_bench"
