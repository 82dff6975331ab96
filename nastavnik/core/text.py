"""Text helpers shared by the areas."""

import re

_SPACES = re.compile(r"\s+")


def normalize_name(value: str) -> str:
    """A comparison key for names: case-folded, «ё» as «е», quotes and spaces unified.

    Done in Python because SQLite folds the case of ASCII letters only.
    """
    value = value.casefold().replace("ё", "е")
    value = value.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", value).strip()
