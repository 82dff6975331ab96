"""English interface strings left untranslated in a page's text: the English msgids of the
ru catalog that have a translation, matched as whole phrases."""

import re
from functools import cache
from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parent.parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")


@cache
def english_phrases() -> re.Pattern[str]:
    """The English msgids of the catalog that have a Russian translation, as one pattern: the
    whole msgid, or for a msgid with placeholders its long literal fragments."""
    phrases: set[str] = set()
    for entry in polib.pofile(str(CATALOG)).translated_entries():
        if entry.msgstr == entry.msgid or not re.search(r"[A-Za-z]{3}", entry.msgid):
            continue
        for fragment in PLACEHOLDER.split(entry.msgid):
            fragment = fragment.strip(" .,:;—-()«»\n")
            words = re.findall(r"[A-Za-z]+", fragment)
            whole = fragment == entry.msgid.strip(" .,:;—-()«»\n")
            if (whole and len(fragment) >= 4 and words) or (
                len(words) >= 2 and len(fragment) >= 10
            ):
                phrases.add(fragment)
    ordered = sorted(phrases, key=len, reverse=True)
    # Not inside an address, a file name or another word: «school7@…», «report.docx».
    return re.compile(r"(?<![\w@./-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w@/-]|\.\w)")


# The stretches of a text between Cyrillic letters and line ends: an English phrase lies
# within one. A Russian page has few, so the long pattern of phrases reads little.
STRETCH = re.compile(r"[^\u0400-\u04ff\n]*[A-Za-z]{3}[^\u0400-\u04ff\n]*")


def untranslated(text: str) -> list[str]:
    latin = "\n".join(STRETCH.findall(text))
    return sorted(set(english_phrases().findall(latin)))
