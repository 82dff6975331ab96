import os

from django.conf import settings
from django.db import connection


def test_the_database_is_the_one_database_url_names() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_sqlite_waits_for_locks_instead_of_failing() -> None:
    if connection.vendor != "sqlite":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_the_interface_is_russian_with_russian_dates() -> None:
    import datetime

    from django.utils import formats, translation

    assert settings.LANGUAGE_CODE == "ru"
    with translation.override("ru"):
        assert formats.date_format(datetime.date(2025, 10, 1)) == "01.10.2025"
        assert formats.date_format(datetime.date(2025, 10, 1), "SHORT_DATE_FORMAT") == "01.10.2025"
