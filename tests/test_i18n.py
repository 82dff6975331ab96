"""The ru catalog is complete: nothing untranslated or fuzzy, nothing makemessages would add."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"
SOURCES = ["manage.py", "nastavnik", "templates", "locale"]


def test_the_catalog_has_no_untranslated_or_fuzzy_entries() -> None:
    po = polib.pofile(str(CATALOG))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    incomplete_plurals = [
        e.msgid
        for e in po
        if e.msgid_plural and (len(e.msgstr_plural) != 3 or not all(e.msgstr_plural.values()))
    ]
    assert untranslated == []
    assert fuzzy == []
    assert incomplete_plurals == [], "Russian plurals need all three forms"


def test_the_translations_keep_the_placeholders() -> None:
    import re

    placeholder = re.compile(r"%\(\w+\)s|\{\w*\}")
    po = polib.pofile(str(CATALOG))
    broken = []
    for e in po.translated_entries():
        wanted = sorted(set(placeholder.findall(e.msgid)))
        translations = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        for text in translations:
            if sorted(set(placeholder.findall(text))) != wanted:
                broken.append(e.msgid)
    assert broken == []


def test_makemessages_would_add_or_drop_nothing(tmp_path: Path) -> None:
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed (scripts/ensure_system_packages.sh installs it)")
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy(src, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / CATALOG.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOG)) if not e.obsolete}
    assert sorted(fresh - committed, key=str) == [], "run `make messages` and translate them"
    assert sorted(committed - fresh, key=str) == [], "stale entries: run `make messages`"


def test_every_page_speaks_russian(client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/accounts/login/")
    body = response.content.decode()
    assert "Войти" in body and "Логин" in body and "Пароль" in body
    assert 'lang="ru"' in body
