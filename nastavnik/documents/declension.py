"""Declension of Russian full names and job positions for official orders (приказы).

«назначить Иванову Марию Петровну, учителя математики, куратором», «закрепить за Ивановой
Марией Петровной», «объявить благодарность Ивановой Марии Петровне, учителю математики».

Names are declined with pytrovich (the petrovich rules), positions with pymorphy3. Both
libraries are loaded lazily, once per process. Whatever a library cannot handle is left as
written: a document with an undeclined word is better than a document that fails to render.
"""

import enum
import logging
import re
from functools import cache

import pymorphy3
import pymorphy3.analyzer
from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as PetrovichCase
from pytrovich.enums import Gender as PetrovichGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

logger = logging.getLogger(__name__)


class Case(enum.StrEnum):
    """A grammatical case; the values are pymorphy3's (OpenCorpora) grammemes."""

    NOMINATIVE = "nomn"
    GENITIVE = "gent"
    DATIVE = "datv"
    ACCUSATIVE = "accs"
    INSTRUMENTAL = "ablt"
    PREPOSITIONAL = "loct"


class Gender(enum.StrEnum):
    """A person's gender; the values are those of `StaffMember.Gender`."""

    MALE = "male"
    FEMALE = "female"


_PETROVICH_CASES = {
    Case.NOMINATIVE: PetrovichCase.NOMINATIVE,
    Case.GENITIVE: PetrovichCase.GENITIVE,
    Case.DATIVE: PetrovichCase.DATIVE,
    Case.ACCUSATIVE: PetrovichCase.ACCUSATIVE,
    Case.INSTRUMENTAL: PetrovichCase.INSTRUMENTAL,
    Case.PREPOSITIONAL: PetrovichCase.PREPOSITIONAL,
}
_PETROVICH_GENDERS = {Gender.MALE: PetrovichGender.MALE, Gender.FEMALE: PetrovichGender.FEMALE}

# The last word of a Turkic patronymic: «Гейдар оглы», «Ибрагим кызы». It never declines.
_MALE_PATRONYMIC_PARTICLES = frozenset({"оглы", "оглу", "улы", "уулу"})
_FEMALE_PATRONYMIC_PARTICLES = frozenset({"кызы", "гызы", "кизи"})
_PATRONYMIC_PARTICLES = _MALE_PATRONYMIC_PARTICLES | _FEMALE_PATRONYMIC_PARTICLES

_VOWELS = frozenset("аеёиоуыэюяaeiouy")


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    """The shared pymorphy3 analyzer (loading the dictionaries takes a while)."""
    return pymorphy3.MorphAnalyzer()


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def _clean(text: str | None) -> str:
    """Collapses runs of whitespace and strips the ends."""
    return " ".join((text or "").split())


def _match_case(original: str, inflected: str) -> str:
    """Gives *inflected* the capitalization of *original* («ИВАНОВА» → «ИВАНОВОЙ», not
    «ИВАНОВой»; «Директор» → «Директора»), hyphenated parts each on their own."""
    original_parts = original.split("-")
    inflected_parts = inflected.split("-")
    if len(original_parts) != len(inflected_parts):
        original_parts, inflected_parts = [original], [inflected]
    result = []
    for source, target in zip(original_parts, inflected_parts, strict=True):
        if len(source) > 1 and source.isupper():
            target = target.upper()
        elif source[:1].isupper():
            target = target[:1].upper() + target[1:]
        elif source[:1].islower():
            target = target[:1].lower() + target[1:]
        result.append(target)
    return "-".join(result)


# Names -----------------------------------------------------------------------------------------


def _to_gender(gender: Gender | str | None) -> Gender | None:
    if gender is None or gender == "":
        return None
    return Gender(gender)


def _patronymic_particle(patronymic: str) -> str | None:
    """«оглы» for «Гейдар оглы» / «Гейдар-оглы», None for an ordinary patronymic."""
    words = re.split(r"[\s-]+", patronymic.lower())
    if len(words) > 1 and words[-1] in _PATRONYMIC_PARTICLES:
        return words[-1]
    return None


def detect_gender(*, first_name: str, patronymic: str) -> Gender | None:
    """Tells a person's gender from the patronymic (-ич / -вна, -чна, -шна, «оглы» / «кызы»),
    else from the first name via pytrovich; None when it cannot tell («Саша», «Женя»)."""
    patronymic = _clean(patronymic).lower()
    if patronymic:
        particle = _patronymic_particle(patronymic)
        if particle in _MALE_PATRONYMIC_PARTICLES:
            return Gender.MALE
        if particle in _FEMALE_PATRONYMIC_PARTICLES:
            return Gender.FEMALE
        if patronymic.endswith("ич"):
            return Gender.MALE
        if patronymic.endswith(("вна", "чна", "шна")):
            return Gender.FEMALE
    first_name = _clean(first_name)
    if not first_name:
        return None
    try:
        detected = _detector().detect(firstname=first_name)
    except Exception:  # pytrovich is not meant to fail on odd input, but a document must render
        logger.warning("pytrovich failed to detect the gender of %r", first_name, exc_info=True)
        return None
    if detected == PetrovichGender.MALE:
        return Gender.MALE
    if detected == PetrovichGender.FEMALE:
        return Gender.FEMALE
    return None


def _resolve_gender(
    gender: Gender | str | None, last_name: str, first_name: str, patronymic: str
) -> tuple[PetrovichGender, bool]:
    """The pytrovich gender to decline with, and whether it is known (vs. only guessed)."""
    known = _to_gender(gender) or detect_gender(first_name=first_name, patronymic=patronymic)
    if known is not None:
        return _PETROVICH_GENDERS[known], True
    if not (last_name or first_name or patronymic):
        return PetrovichGender.ANDROGYNOUS, False
    try:
        guessed = _detector().detect(
            lastname=last_name or None, firstname=first_name or None, middlename=patronymic or None
        )
    except Exception:
        logger.warning("pytrovich failed to detect a gender", exc_info=True)
        guessed = PetrovichGender.ANDROGYNOUS
    return guessed, False


def _keep_fleeting_vowel(word: str, inflected: str) -> str:
    """Puts back the «е» of «-ец» the rules drop after two consonants: pytrovich turns
    «Кузнец» into «Кузнца»; the surname keeps its vowel («Кузнеца», «Кузнецу»)."""
    lower = word.lower()
    if (
        len(lower) >= 4
        and lower.endswith("ец")
        and lower[-3] not in _VOWELS
        and lower[-4] not in _VOWELS
        and inflected.lower().startswith(lower[:-2] + "ц")
    ):
        ending = inflected[len(word) - 1 :]
        # The «е» is the stressed vowel here, so the instrumental is «-цом»: «Кузнецом».
        return word + ("ом" if ending == "ем" else ending)
    return inflected


def _decline_word(
    part: NamePart, gender: PetrovichGender, case: Case, word: str, known_gender: bool
) -> str:
    try:
        inflected = _maker().make(part, gender, _PETROVICH_CASES[case], word, known_gender)
    except Exception:
        logger.warning("pytrovich failed to decline %r", word, exc_info=True)
        return word
    if part == NamePart.LASTNAME and gender != PetrovichGender.FEMALE:
        inflected = _keep_fleeting_vowel(word, inflected)
    return _match_case(word, inflected)


def _decline_part(
    part: NamePart, gender: PetrovichGender, case: Case, text: str, known_gender: bool
) -> str:
    """Declines every word of one name part (a part may hold several words)."""
    if case == Case.NOMINATIVE or not text:
        return text
    if part == NamePart.MIDDLENAME and _patronymic_particle(text):
        return text  # «Гейдар оглы»: the father's name and the particle stay as they are
    return " ".join(
        _decline_word(part, gender, case, word, known_gender) for word in text.split(" ")
    )


def decline_name(
    *,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    case: Case,
    gender: Gender | str | None = None,
) -> str:
    """«Фамилия Имя Отчество» in *case*: «Ивановой Марии Петровне» for the dative.

    *gender* (the person's stored gender) overrides detection; without it the gender comes
    from the patronymic or the first name, and when neither tells, the name is declined the
    way pytrovich guesses from all three parts. Keeps «ё», capitalization and hyphenated double
    surnames (both parts declined: Петрова-Водкина → Петровой-Водкиной). Indeclinable surnames
    stay (Шевченко, Черных, Мельник for a woman, Кравчук for a woman, Дюма). Empty parts are
    skipped; extra whitespace is normalized.
    """
    last_name, first_name, patronymic = _clean(last_name), _clean(first_name), _clean(patronymic)
    petrovich_gender, known = _resolve_gender(gender, last_name, first_name, patronymic)
    parts = (
        _decline_part(NamePart.LASTNAME, petrovich_gender, case, last_name, known),
        _decline_part(NamePart.FIRSTNAME, petrovich_gender, case, first_name, known),
        _decline_part(NamePart.MIDDLENAME, petrovich_gender, case, patronymic, known),
    )
    return " ".join(part for part in parts if part)


def _initials(first_name: str, patronymic: str) -> str:
    """«М.П.» for Мария Петровна, «А.-М.» for Анна-Мария, «Р.Г.» for Рашид Гейдар оглы."""
    words = [*_clean(first_name).split(), *_clean(patronymic).split()]
    words = [word for word in words if word.lower() not in _PATRONYMIC_PARTICLES]
    return "".join(
        "-".join(f"{piece[0].upper()}." for piece in word.split("-") if piece) for word in words
    )


def decline_short_name(
    *,
    last_name: str,
    first_name: str,
    patronymic: str = "",
    case: Case,
    gender: Gender | str | None = None,
) -> str:
    """«Иванову М.П.»: the surname in *case* followed by the initials."""
    last_name, first_name, patronymic = _clean(last_name), _clean(first_name), _clean(patronymic)
    petrovich_gender, known = _resolve_gender(gender, last_name, first_name, patronymic)
    surname = _decline_part(NamePart.LASTNAME, petrovich_gender, case, last_name, known)
    return " ".join(part for part in (surname, _initials(first_name, patronymic)) if part)


def initials_name(*, last_name: str, first_name: str, patronymic: str = "") -> str:
    """«М.П. Иванова», as under a signature (no declension)."""
    initials = _initials(first_name, patronymic)
    return " ".join(part for part in (initials, _clean(last_name)) if part)


# Positions -------------------------------------------------------------------------------------

# A token of a position phrase: leading punctuation, the word (letters and inner hyphens),
# trailing punctuation.
_TOKEN = re.compile(r"^(?P<before>[^\w]*)(?P<word>\w+(?:-\w+)*)(?P<after>[^\w]*)$")
_ADJECTIVE_POS = frozenset({"ADJF", "PRTF"})
# Proper-name tags only come with pymorphy's guesses for unknown words: not a position.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _is_russian(word: str) -> bool:
    return bool(re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", word.lower()))


def _nominative_parse(word: str, pos: frozenset[str]) -> pymorphy3.analyzer.Parse | None:
    """The likeliest singular nominative parse of *word* with a part of speech in *pos*,
    animate nouns first (positions name people: «тьютор» is guessed inanimate)."""
    candidates = [
        parse
        for parse in _morph().parse(word.lower())
        if parse.tag.POS in pos
        and parse.tag.case == "nomn"
        and parse.tag.number == "sing"
        and not (_PROPER & parse.tag.grammemes)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda parse: (parse.tag.animacy == "anim", parse.score))


def _restore_yo(original: str, inflected: str) -> str:
    """pymorphy3 writes «учёного» even for «ученый»: the stem keeps the spelling of the input,
    while an «ё» of the ending stays («секретарём»)."""
    return "".join(
        "е" if char == "ё" and index < len(original) and original[index].lower() == "е" else char
        for index, char in enumerate(inflected)
    )


def _inflect_noun(word: str, case: Case) -> str | None:
    """*word* (a nominative noun, possibly «педагог-психолог») in *case*, or None."""
    pieces = word.split("-")
    if len(pieces) > 1:
        declined = [_inflect_noun(piece, case) for piece in pieces]
        if any(piece is None for piece in declined):
            return None
        return "-".join(piece for piece in declined if piece is not None)
    parse = _nominative_parse(word, frozenset({"NOUN"}))
    if parse is None:
        return None
    grammemes = {case.value}
    if case == Case.ACCUSATIVE and parse.tag.gender == "masc":
        grammemes = {Case.GENITIVE.value}  # a person: the animate accusative is the genitive
    inflected = parse.inflect(grammemes)
    if inflected is None:
        return None
    return _match_case(word, _restore_yo(word, inflected.word))


def _inflect_adjective(
    parse: pymorphy3.analyzer.Parse, word: str, case: Case, gender: str | None
) -> str | None:
    gender = gender or parse.tag.gender or "masc"
    grammemes = {case.value, "sing", gender}
    if case == Case.ACCUSATIVE and gender == "masc":
        grammemes.add("anim")  # a person: «старшего воспитателя», not «старший»
    inflected = parse.inflect(grammemes)
    if inflected is None:
        return None
    return _match_case(word, _restore_yo(word, inflected.word))


def _decline_tokens(words: list[str], case: Case) -> list[str] | None:
    """The declined leading adjectives and head noun of *words*, or None if not understood."""
    adjectives: list[tuple[pymorphy3.analyzer.Parse, str]] = []
    for index, word in enumerate(words):
        if _is_abbreviation(word) or not _is_russian(word):
            return None
        next_word = words[index + 1] if index + 1 < len(words) else None
        adjective = _nominative_parse(word, _ADJECTIVE_POS)
        next_is_nominative = (
            next_word is not None
            and _is_russian(next_word)
            and not _is_abbreviation(next_word)
            and _nominative_parse(next_word, _ADJECTIVE_POS | {"NOUN"}) is not None
        )
        if adjective is not None and next_is_nominative:
            adjectives.append((adjective, word))  # «старший воспитатель», «учёный секретарь»
            continue
        head = _inflect_noun(word, case)
        if head is not None:
            noun = _nominative_parse(word.split("-")[-1], frozenset({"NOUN"}))
            gender = noun.tag.gender if noun is not None else None
        elif adjective is not None:
            # A substantivized adjective or participle: «заведующий библиотекой».
            head = _inflect_adjective(adjective, word, case, None)
            gender = adjective.tag.gender
        else:
            return None
        if head is None:
            return None
        declined = []
        for parse, adjective_word in adjectives:
            inflected = _inflect_adjective(
                parse, adjective_word, case, gender if gender in ("masc", "femn", "neut") else None
            )
            if inflected is None:
                return None
            declined.append(inflected)
        return [*declined, head]
    return None


def decline_position(position: str, case: Case) -> str:
    """Declines a position phrase: the leading adjectives and the head noun take *case*, the rest
    (the genitive tail) stays.

    «учитель математики» → «учителю математики» (dative); «заместитель директора по
    учебно-воспитательной работе» → «заместителя директора по учебно-воспитательной работе»
    (accusative); «педагог-психолог» → «педагога-психолога» (genitive, each part of a
    hyphenated noun declined); «старший воспитатель» → «старшего воспитателя». The capital
    letter of «Директор» is kept. Abbreviations and anything unparseable stay unchanged; the
    nominative returns the input.
    """
    if case == Case.NOMINATIVE or not position.strip():
        return position
    tokens = re.split(r"(\s+)", position.strip())
    words = tokens[::2]
    matches = [_TOKEN.match(word) for word in words]
    # The declined words must be bare: stop at the first word with punctuation around it.
    bare = 0
    for match in matches:
        if match is None:
            break
        if match["before"]:
            break
        bare += 1
        if match["after"]:
            break
    if bare == 0:
        return position
    cores = [match["word"] for match in matches[:bare] if match is not None]
    declined = _decline_tokens(cores, case)
    if declined is None:
        return position
    last = matches[len(declined) - 1]
    if last is not None:
        declined[-1] += last["after"]
    for index, word in enumerate(declined):
        tokens[index * 2] = word
    leading = position[: len(position) - len(position.lstrip())]
    trailing = position[len(position.rstrip()) :]
    return leading + "".join(tokens) + trailing
