"""Declension of full names and positions for orders: every expected form is written by hand."""

from unittest import mock

import pytest

from nastavnik.documents import declension
from nastavnik.documents.declension import (
    Case,
    Gender,
    decline_name,
    decline_position,
    decline_short_name,
    detect_gender,
    initials_name,
)
from nastavnik.staff.models import StaffMember

# (surname, first name, patronymic, genitive, dative)
FULL_NAMES = [
    # -ов / -ова, -ин / -ина
    ("Иванова", "Мария", "Петровна", "Ивановой Марии Петровны", "Ивановой Марии Петровне"),
    ("Петров", "Иван", "Сергеевич", "Петрова Ивана Сергеевича", "Петрову Ивану Сергеевичу"),
    ("Смирнова", "Ольга", "Николаевна", "Смирновой Ольги Николаевны", "Смирновой Ольге Николаевне"),
    (
        "Кузнецов",
        "Алексей",
        "Владимирович",
        "Кузнецова Алексея Владимировича",
        "Кузнецову Алексею Владимировичу",
    ),
    (
        "Сорокина",
        "Наталья",
        "Викторовна",
        "Сорокиной Натальи Викторовны",
        "Сорокиной Наталье Викторовне",
    ),
    ("Корчагин", "Павел", "Андреевич", "Корчагина Павла Андреевича", "Корчагину Павлу Андреевичу"),
    # -ский / -ская, -цкий / -цкая
    ("Вишневская", "Анна", "Андреевна", "Вишневской Анны Андреевны", "Вишневской Анне Андреевне"),
    (
        "Достоевский",
        "Фёдор",
        "Михайлович",
        "Достоевского Фёдора Михайловича",
        "Достоевскому Фёдору Михайловичу",
    ),
    (
        "Заболоцкий",
        "Николай",
        "Алексеевич",
        "Заболоцкого Николая Алексеевича",
        "Заболоцкому Николаю Алексеевичу",
    ),
    ("Трубецкая", "Елена", "Игоревна", "Трубецкой Елены Игоревны", "Трубецкой Елене Игоревне"),
    # -ко / -енко: indeclinable
    (
        "Шевченко",
        "Тарас",
        "Григорьевич",
        "Шевченко Тараса Григорьевича",
        "Шевченко Тарасу Григорьевичу",
    ),
    (
        "Бондаренко",
        "Ирина",
        "Сергеевна",
        "Бондаренко Ирины Сергеевны",
        "Бондаренко Ирине Сергеевне",
    ),
    (
        "Кириенко",
        "Сергей",
        "Владиленович",
        "Кириенко Сергея Владиленовича",
        "Кириенко Сергею Владиленовичу",
    ),
    # -ук / -юк: declined for men, not for women
    (
        "Кравчук",
        "Леонид",
        "Макарович",
        "Кравчука Леонида Макаровича",
        "Кравчуку Леониду Макаровичу",
    ),
    ("Кравчук", "Галина", "Ивановна", "Кравчук Галины Ивановны", "Кравчук Галине Ивановне"),
    (
        "Ковальчук",
        "Светлана",
        "Олеговна",
        "Ковальчук Светланы Олеговны",
        "Ковальчук Светлане Олеговне",
    ),
    ("Грицюк", "Олег", "Юрьевич", "Грицюка Олега Юрьевича", "Грицюку Олегу Юрьевичу"),
    ("Грицюк", "Ольга", "Юрьевна", "Грицюк Ольги Юрьевны", "Грицюк Ольге Юрьевне"),
    # Мельник: declined for a man, not for a woman
    ("Мельник", "Андрей", "Петрович", "Мельника Андрея Петровича", "Мельнику Андрею Петровичу"),
    (
        "Мельник",
        "Татьяна",
        "Васильевна",
        "Мельник Татьяны Васильевны",
        "Мельник Татьяне Васильевне",
    ),
    # -их / -ых: indeclinable
    ("Черных", "Сергей", "Иванович", "Черных Сергея Ивановича", "Черных Сергею Ивановичу"),
    ("Долгих", "Юлия", "Александровна", "Долгих Юлии Александровны", "Долгих Юлии Александровне"),
    ("Седых", "Наталия", "Петровна", "Седых Наталии Петровны", "Седых Наталии Петровне"),
    # double-barrelled surnames: both parts declined
    (
        "Петрова-Водкина",
        "Анна",
        "Кузьминична",
        "Петровой-Водкиной Анны Кузьминичны",
        "Петровой-Водкиной Анне Кузьминичне",
    ),
    (
        "Римский-Корсаков",
        "Николай",
        "Андреевич",
        "Римского-Корсакова Николая Андреевича",
        "Римскому-Корсакову Николаю Андреевичу",
    ),
    # ё in the surname, the first name and the patronymic
    (
        "Соловьёва",
        "Любовь",
        "Фёдоровна",
        "Соловьёвой Любови Фёдоровны",
        "Соловьёвой Любови Фёдоровне",
    ),
    ("Ерёмин", "Артём", "Артёмович", "Ерёмина Артёма Артёмовича", "Ерёмину Артёму Артёмовичу"),
    ("Ёлкина", "Алёна", "Семёновна", "Ёлкиной Алёны Семёновны", "Ёлкиной Алёне Семёновне"),
    ("Хрусталёв", "Матвей", "Фомич", "Хрусталёва Матвея Фомича", "Хрусталёву Матвею Фомичу"),
    # Ильич / Ильинична, Кузьмич
    ("Ульянов", "Владимир", "Ильич", "Ульянова Владимира Ильича", "Ульянову Владимиру Ильичу"),
    ("Ульянова", "Мария", "Ильинична", "Ульяновой Марии Ильиничны", "Ульяновой Марии Ильиничне"),
    ("Ростова", "Наталья", "Ильинична", "Ростовой Натальи Ильиничны", "Ростовой Наталье Ильиничне"),
    ("Лукин", "Пётр", "Кузьмич", "Лукина Петра Кузьмича", "Лукину Петру Кузьмичу"),
    # first names: Лев, Пётр, Павел, Илья, Никита, Любовь
    ("Толстой", "Лев", "Николаевич", "Толстого Льва Николаевича", "Толстому Льву Николаевичу"),
    ("Чайковский", "Пётр", "Ильич", "Чайковского Петра Ильича", "Чайковскому Петру Ильичу"),
    ("Муромцев", "Илья", "Иванович", "Муромцева Ильи Ивановича", "Муромцеву Илье Ивановичу"),
    (
        "Михалков",
        "Никита",
        "Сергеевич",
        "Михалкова Никиты Сергеевича",
        "Михалкову Никите Сергеевичу",
    ),
    ("Орлова", "Любовь", "Петровна", "Орловой Любови Петровны", "Орловой Любови Петровне"),
    # оглы / кызы: the patronymic stays
    ("Алиев", "Рашид", "Гейдар оглы", "Алиева Рашида Гейдар оглы", "Алиеву Рашиду Гейдар оглы"),
    (
        "Мамедова",
        "Айгюль",
        "Ибрагим кызы",
        "Мамедовой Айгюль Ибрагим кызы",
        "Мамедовой Айгюль Ибрагим кызы",
    ),
    # other endings
    ("Гоголь", "Николай", "Васильевич", "Гоголя Николая Васильевича", "Гоголю Николаю Васильевичу"),
    ("Саакян", "Армен", "Ашотович", "Саакяна Армена Ашотовича", "Саакяну Армену Ашотовичу"),
    ("Саакян", "Анаит", "Ашотовна", "Саакян Анаит Ашотовны", "Саакян Анаит Ашотовне"),
    ("Дюма", "Александр", "Петрович", "Дюма Александра Петровича", "Дюма Александру Петровичу"),
    ("Кузнец", "Иван", "Петрович", "Кузнеца Ивана Петровича", "Кузнецу Ивану Петровичу"),
]


def full(surname: str, first_name: str, patronymic: str) -> str:
    return f"{surname} {first_name} {patronymic}"


# The acceptance test of the feature ---------------------------------------------------------


def test_the_table_holds_at_least_thirty_distinct_people() -> None:
    assert len({(last, first, patr) for last, first, patr, _, _ in FULL_NAMES}) >= 30


@pytest.mark.parametrize(
    ("last_name", "first_name", "patronymic", "genitive", "dative"),
    FULL_NAMES,
    ids=[full(*row[:3]) for row in FULL_NAMES],
)
def test_it_declines_full_names_in_the_genitive_and_the_dative(
    last_name: str, first_name: str, patronymic: str, genitive: str, dative: str
) -> None:
    name = {"last_name": last_name, "first_name": first_name, "patronymic": patronymic}
    assert decline_name(**name, case=Case.GENITIVE) == genitive
    assert decline_name(**name, case=Case.DATIVE) == dative


@pytest.mark.parametrize(
    ("last_name", "first_name", "patronymic", "genitive", "dative"),
    FULL_NAMES,
    ids=[full(*row[:3]) for row in FULL_NAMES],
)
def test_the_stored_gender_gives_the_same_forms_as_detection(
    last_name: str, first_name: str, patronymic: str, genitive: str, dative: str
) -> None:
    gender = detect_gender(first_name=first_name, patronymic=patronymic)
    assert gender is not None
    name = {"last_name": last_name, "first_name": first_name, "patronymic": patronymic}
    assert decline_name(**name, case=Case.GENITIVE, gender=gender.value) == genitive
    assert decline_name(**name, case=Case.DATIVE, gender=gender) == dative


def test_the_nominative_returns_the_name_as_written() -> None:
    for last_name, first_name, patronymic, _, _ in FULL_NAMES:
        assert decline_name(
            last_name=last_name, first_name=first_name, patronymic=patronymic, case=Case.NOMINATIVE
        ) == full(last_name, first_name, patronymic)


# Names: particular rules --------------------------------------------------------------------


def test_it_declines_female_surnames_in_ova_in_the_dative() -> None:
    assert (
        decline_name(
            last_name="Иванова", first_name="Мария", patronymic="Петровна", case=Case.DATIVE
        )
        == "Ивановой Марии Петровне"
    )


def test_it_declines_female_names_in_the_accusative_and_the_instrumental() -> None:
    name = {"last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна"}
    assert decline_name(**name, case=Case.ACCUSATIVE) == "Иванову Марию Петровну"
    assert decline_name(**name, case=Case.INSTRUMENTAL) == "Ивановой Марией Петровной"
    assert decline_name(**name, case=Case.PREPOSITIONAL) == "Ивановой Марии Петровне"


def test_it_declines_male_names_in_the_accusative_and_the_instrumental() -> None:
    name = {"last_name": "Петров", "first_name": "Иван", "patronymic": "Сергеевич"}
    assert decline_name(**name, case=Case.ACCUSATIVE) == "Петрова Ивана Сергеевича"
    assert decline_name(**name, case=Case.INSTRUMENTAL) == "Петровым Иваном Сергеевичем"
    assert decline_name(**name, case=Case.PREPOSITIONAL) == "Петрове Иване Сергеевиче"


def test_it_declines_surnames_in_sky_and_tsky() -> None:
    assert (
        decline_name(
            last_name="Вишневская", first_name="Анна", patronymic="Андреевна", case=Case.ACCUSATIVE
        )
        == "Вишневскую Анну Андреевну"
    )
    assert (
        decline_name(
            last_name="Заболоцкий",
            first_name="Николай",
            patronymic="Алексеевич",
            case=Case.INSTRUMENTAL,
        )
        == "Заболоцким Николаем Алексеевичем"
    )


def test_it_keeps_surnames_in_enko_in_every_case() -> None:
    for case in Case:
        assert decline_name(last_name="Шевченко", first_name="Оксана", case=case).startswith(
            "Шевченко "
        )
    assert (
        decline_name(
            last_name="Шевченко", first_name="Оксана", patronymic="Викторовна", case=Case.ACCUSATIVE
        )
        == "Шевченко Оксану Викторовну"
    )


def test_it_declines_surnames_in_uk_for_men_only() -> None:
    assert (
        decline_name(
            last_name="Кравчук", first_name="Леонид", patronymic="Макарович", case=Case.INSTRUMENTAL
        )
        == "Кравчуком Леонидом Макаровичем"
    )
    assert (
        decline_name(
            last_name="Кравчук", first_name="Галина", patronymic="Ивановна", case=Case.INSTRUMENTAL
        )
        == "Кравчук Галиной Ивановной"
    )


def test_it_declines_melnik_for_a_man_and_keeps_it_for_a_woman() -> None:
    assert (
        decline_name(last_name="Мельник", first_name="Андрей", case=Case.ACCUSATIVE)
        == "Мельника Андрея"
    )
    assert (
        decline_name(last_name="Мельник", first_name="Татьяна", case=Case.ACCUSATIVE)
        == "Мельник Татьяну"
    )


def test_it_keeps_surnames_in_ikh_and_ykh() -> None:
    assert (
        decline_name(
            last_name="Черных", first_name="Надежда", patronymic="Павловна", case=Case.INSTRUMENTAL
        )
        == "Черных Надеждой Павловной"
    )
    assert (
        decline_name(
            last_name="Долгих", first_name="Юлия", patronymic="Александровна", case=Case.ACCUSATIVE
        )
        == "Долгих Юлию Александровну"
    )


def test_it_declines_both_parts_of_a_double_barrelled_surname() -> None:
    assert (
        decline_name(
            last_name="Петрова-Водкина",
            first_name="Анна",
            patronymic="Кузьминична",
            case=Case.ACCUSATIVE,
        )
        == "Петрову-Водкину Анну Кузьминичну"
    )
    assert (
        decline_name(
            last_name="Римский-Корсаков",
            first_name="Николай",
            patronymic="Андреевич",
            case=Case.INSTRUMENTAL,
        )
        == "Римским-Корсаковым Николаем Андреевичем"
    )


def test_it_keeps_yo_in_the_surname_and_the_patronymic() -> None:
    assert (
        decline_name(
            last_name="Соловьёва",
            first_name="Любовь",
            patronymic="Фёдоровна",
            case=Case.INSTRUMENTAL,
        )
        == "Соловьёвой Любовью Фёдоровной"
    )
    assert (
        decline_name(
            last_name="Ерёмин", first_name="Артём", patronymic="Артёмович", case=Case.INSTRUMENTAL
        )
        == "Ерёминым Артёмом Артёмовичем"
    )


def test_it_drops_the_yo_of_pyotr_in_oblique_cases() -> None:
    name = {"last_name": "Лукин", "first_name": "Пётр", "patronymic": "Кузьмич"}
    assert decline_name(**name, case=Case.ACCUSATIVE) == "Лукина Петра Кузьмича"
    assert decline_name(**name, case=Case.INSTRUMENTAL) == "Лукиным Петром Кузьмичом"


def test_it_declines_ilyich_and_ilyinichna() -> None:
    assert (
        decline_name(
            last_name="Ульянов", first_name="Владимир", patronymic="Ильич", case=Case.INSTRUMENTAL
        )
        == "Ульяновым Владимиром Ильичом"
    )
    assert (
        decline_name(
            last_name="Ульянова", first_name="Мария", patronymic="Ильинична", case=Case.ACCUSATIVE
        )
        == "Ульянову Марию Ильиничну"
    )


def test_it_keeps_the_accusative_of_lyubov_like_the_nominative() -> None:
    assert (
        decline_name(
            last_name="Орлова", first_name="Любовь", patronymic="Петровна", case=Case.ACCUSATIVE
        )
        == "Орлову Любовь Петровну"
    )


def test_it_declines_male_first_names_in_a_and_ya_as_feminine_words() -> None:
    assert (
        decline_name(
            last_name="Муромцев", first_name="Илья", patronymic="Иванович", case=Case.ACCUSATIVE
        )
        == "Муромцева Илью Ивановича"
    )
    assert (
        decline_name(
            last_name="Муромцев", first_name="Илья", patronymic="Иванович", case=Case.INSTRUMENTAL
        )
        == "Муромцевым Ильёй Ивановичем"
    )
    assert (
        decline_name(
            last_name="Михалков", first_name="Никита", patronymic="Сергеевич", case=Case.ACCUSATIVE
        )
        == "Михалкова Никиту Сергеевича"
    )


def test_it_drops_the_fleeting_vowel_of_lev_and_pavel() -> None:
    assert (
        decline_name(last_name="Толстой", first_name="Лев", case=Case.ACCUSATIVE) == "Толстого Льва"
    )
    assert (
        decline_name(last_name="Корчагин", first_name="Павел", case=Case.INSTRUMENTAL)
        == "Корчагиным Павлом"
    )


def test_it_keeps_the_vowel_of_kuznets_that_pytrovich_drops() -> None:
    name = {"last_name": "Кузнец", "first_name": "Иван", "patronymic": "Петрович"}
    assert decline_name(**name, case=Case.ACCUSATIVE) == "Кузнеца Ивана Петровича"
    assert decline_name(**name, case=Case.INSTRUMENTAL) == "Кузнецом Иваном Петровичем"
    assert decline_name(**name, case=Case.PREPOSITIONAL) == "Кузнеце Иване Петровиче"


def test_it_still_drops_the_fleeting_vowel_of_muromets() -> None:
    assert (
        decline_name(last_name="Муромец", first_name="Илья", case=Case.GENITIVE) == "Муромца Ильи"
    )


def test_it_keeps_turkic_patronymics_whole() -> None:
    assert (
        decline_name(
            last_name="Алиев", first_name="Рашид", patronymic="Гейдар оглы", case=Case.INSTRUMENTAL
        )
        == "Алиевым Рашидом Гейдар оглы"
    )
    assert (
        decline_name(
            last_name="Алиев", first_name="Рашид", patronymic="Гейдар-оглы", case=Case.DATIVE
        )
        == "Алиеву Рашиду Гейдар-оглы"
    )


def test_it_keeps_foreign_indeclinable_surnames() -> None:
    assert (
        decline_name(last_name="Дюма", first_name="Александр", case=Case.INSTRUMENTAL)
        == "Дюма Александром"
    )


# Names: gender ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_name", "patronymic", "expected"),
    [
        ("Иван", "Сергеевич", Gender.MALE),
        ("Мария", "Петровна", Gender.FEMALE),
        ("Мария", "Ильинична", Gender.FEMALE),
        ("Анна", "Кузьминична", Gender.FEMALE),
        ("Пётр", "Кузьмич", Gender.MALE),
        ("Фома", "Лукич", Gender.MALE),
        ("Рашид", "Гейдар оглы", Gender.MALE),
        ("Айгюль", "Ибрагим кызы", Gender.FEMALE),
        ("Саша", "Ильинична", Gender.FEMALE),
        ("Женя", "Петрович", Gender.MALE),
        ("", "ПЕТРОВИЧ", Gender.MALE),
        ("", "  Петровна ", Gender.FEMALE),
        ("Никита", "", Gender.MALE),
        ("Илья", "", Gender.MALE),
        ("Лев", "", Gender.MALE),
        ("Любовь", "", Gender.FEMALE),
        ("Наталья", "", Gender.FEMALE),
        ("Саша", "", None),
        ("Женя", "", None),
        ("", "", None),
    ],
)
def test_it_detects_the_gender_from_the_patronymic_then_the_first_name(
    first_name: str, patronymic: str, expected: Gender | None
) -> None:
    assert detect_gender(first_name=first_name, patronymic=patronymic) == expected


def test_the_stored_gender_overrides_detection() -> None:
    assert (
        decline_name(last_name="Ковальчук", first_name="Саша", case=Case.DATIVE, gender="male")
        == "Ковальчуку Саше"
    )
    assert (
        decline_name(
            last_name="Ковальчук", first_name="Саша", case=Case.DATIVE, gender=Gender.FEMALE
        )
        == "Ковальчук Саше"
    )
    assert (
        decline_name(last_name="Мельник", first_name="Женя", case=Case.GENITIVE, gender="female")
        == "Мельник Жени"
    )
    assert (
        decline_name(last_name="Мельник", first_name="Женя", case=Case.GENITIVE, gender="male")
        == "Мельника Жени"
    )


def test_an_empty_stored_gender_means_unknown() -> None:
    assert (
        decline_name(last_name="Иванова", first_name="Мария", case=Case.DATIVE, gender="")
        == "Ивановой Марии"
    )


def test_an_invalid_stored_gender_is_an_error() -> None:
    with pytest.raises(ValueError):
        decline_name(last_name="Иванова", first_name="Мария", case=Case.DATIVE, gender="robot")


def test_without_any_gender_it_guesses_from_the_surname() -> None:
    assert decline_name(last_name="Иванова", first_name="Саша", case=Case.DATIVE) == "Ивановой Саше"
    assert decline_name(last_name="Иванов", first_name="Саша", case=Case.DATIVE) == "Иванову Саше"


def test_the_gender_values_are_those_of_the_staff_model() -> None:
    assert {gender.value for gender in Gender} == set(StaffMember.Gender.values)


def test_the_case_values_are_pymorphy_grammemes() -> None:
    assert [case.value for case in Case] == ["nomn", "gent", "datv", "accs", "ablt", "loct"]


# Names: spelling and robustness -------------------------------------------------------------


def test_it_skips_empty_parts_and_normalizes_whitespace() -> None:
    assert (
        decline_name(last_name="  Иванова ", first_name=" Мария  ", patronymic="", case=Case.DATIVE)
        == "Ивановой Марии"
    )
    assert decline_name(last_name="Иванова", first_name="", case=Case.GENITIVE) == "Ивановой"
    assert (
        decline_name(
            last_name="Иванова", first_name="Мария", patronymic="  Петровна\t", case=Case.NOMINATIVE
        )
        == "Иванова Мария Петровна"
    )
    assert decline_name(last_name="", first_name="", case=Case.DATIVE) == ""


def test_it_keeps_an_all_capitals_name_in_capitals() -> None:
    assert (
        decline_name(
            last_name="ИВАНОВА", first_name="МАРИЯ", patronymic="ПЕТРОВНА", case=Case.DATIVE
        )
        == "ИВАНОВОЙ МАРИИ ПЕТРОВНЕ"
    )
    assert (
        decline_name(last_name="ЛУКИН", first_name="ПЁТР", patronymic="КУЗЬМИЧ", case=Case.GENITIVE)
        == "ЛУКИНА ПЕТРА КУЗЬМИЧА"
    )


def test_it_keeps_names_written_in_lower_case_in_lower_case() -> None:
    assert (
        decline_name(last_name="иванова", first_name="мария", case=Case.DATIVE) == "ивановой марии"
    )


def test_it_leaves_names_it_cannot_decline_as_written() -> None:
    assert (
        decline_name(last_name="Smith", first_name="John", case=Case.DATIVE, gender="male")
        == "Smith John"
    )


def test_it_falls_back_to_the_written_word_when_pytrovich_fails() -> None:
    broken = mock.Mock()
    broken.make.side_effect = RuntimeError("boom")
    with mock.patch.object(declension, "_maker", return_value=broken):
        assert (
            decline_name(
                last_name="Иванова", first_name="Мария", patronymic="Петровна", case=Case.DATIVE
            )
            == "Иванова Мария Петровна"
        )


# Short names and signatures -----------------------------------------------------------------


def test_the_short_name_declines_the_surname_and_adds_initials() -> None:
    name = {"last_name": "Иванова", "first_name": "Мария", "patronymic": "Петровна"}
    assert decline_short_name(**name, case=Case.NOMINATIVE) == "Иванова М.П."
    assert decline_short_name(**name, case=Case.ACCUSATIVE) == "Иванову М.П."
    assert decline_short_name(**name, case=Case.DATIVE) == "Ивановой М.П."
    assert (
        decline_short_name(
            last_name="Петров", first_name="Иван", patronymic="Сергеевич", case=Case.GENITIVE
        )
        == "Петрова И.С."
    )


def test_the_short_name_uses_the_gender_of_the_person() -> None:
    assert (
        decline_short_name(
            last_name="Мельник", first_name="Татьяна", patronymic="Васильевна", case=Case.DATIVE
        )
        == "Мельник Т.В."
    )
    assert (
        decline_short_name(
            last_name="Мельник", first_name="Андрей", patronymic="Петрович", case=Case.DATIVE
        )
        == "Мельнику А.П."
    )
    assert (
        decline_short_name(
            last_name="Ковальчук", first_name="Саша", case=Case.DATIVE, gender=Gender.MALE
        )
        == "Ковальчуку С."
    )


def test_the_short_name_of_a_turkic_name_takes_the_initial_of_the_fathers_name() -> None:
    assert (
        decline_short_name(
            last_name="Алиев", first_name="Рашид", patronymic="Гейдар оглы", case=Case.DATIVE
        )
        == "Алиеву Р.Г."
    )


def test_the_signature_puts_the_initials_first() -> None:
    assert (
        initials_name(last_name="Иванова", first_name="Мария", patronymic="Петровна")
        == "М.П. Иванова"
    )
    assert (
        initials_name(last_name=" Соловьёва ", first_name="любовь", patronymic="Фёдоровна")
        == "Л.Ф. Соловьёва"
    )
    assert initials_name(last_name="Иванова", first_name="Мария") == "М. Иванова"
    assert initials_name(last_name="Иванова", first_name="") == "Иванова"
    assert (
        initials_name(last_name="Петрова-Водкина", first_name="Анна-Мария", patronymic="Ивановна")
        == "А.-М.И. Петрова-Водкина"
    )


# Positions ----------------------------------------------------------------------------------

# (nominative, genitive, dative, accusative)
POSITIONS = [
    ("учитель математики", "учителя математики", "учителю математики", "учителя математики"),
    (
        "заместитель директора по учебно-воспитательной работе",
        "заместителя директора по учебно-воспитательной работе",
        "заместителю директора по учебно-воспитательной работе",
        "заместителя директора по учебно-воспитательной работе",
    ),
    ("педагог-психолог", "педагога-психолога", "педагогу-психологу", "педагога-психолога"),
    ("учитель-логопед", "учителя-логопеда", "учителю-логопеду", "учителя-логопеда"),
    ("старший воспитатель", "старшего воспитателя", "старшему воспитателю", "старшего воспитателя"),
    ("социальный педагог", "социального педагога", "социальному педагогу", "социального педагога"),
    (
        "мастер производственного обучения",
        "мастера производственного обучения",
        "мастеру производственного обучения",
        "мастера производственного обучения",
    ),
    (
        "советник директора по воспитанию",
        "советника директора по воспитанию",
        "советнику директора по воспитанию",
        "советника директора по воспитанию",
    ),
    (
        "педагог дополнительного образования",
        "педагога дополнительного образования",
        "педагогу дополнительного образования",
        "педагога дополнительного образования",
    ),
    ("директор", "директора", "директору", "директора"),
    ("Директор", "Директора", "Директору", "Директора"),
    (
        "Учитель начальных классов",
        "Учителя начальных классов",
        "Учителю начальных классов",
        "Учителя начальных классов",
    ),
    ("старшая вожатая", "старшей вожатой", "старшей вожатой", "старшую вожатую"),
    ("медицинская сестра", "медицинской сестры", "медицинской сестре", "медицинскую сестру"),
    (
        "заведующий библиотекой",
        "заведующего библиотекой",
        "заведующему библиотекой",
        "заведующего библиотекой",
    ),
    (
        "заведующая хозяйством",
        "заведующей хозяйством",
        "заведующей хозяйством",
        "заведующую хозяйством",
    ),
    ("учитель ОБЖ", "учителя ОБЖ", "учителю ОБЖ", "учителя ОБЖ"),
    ("тьютор", "тьютора", "тьютору", "тьютора"),
]


@pytest.mark.parametrize(
    ("nominative", "genitive", "dative", "accusative"), POSITIONS, ids=[p[0] for p in POSITIONS]
)
def test_it_declines_the_head_of_a_position_and_keeps_its_tail(
    nominative: str, genitive: str, dative: str, accusative: str
) -> None:
    assert decline_position(nominative, Case.GENITIVE) == genitive
    assert decline_position(nominative, Case.DATIVE) == dative
    assert decline_position(nominative, Case.ACCUSATIVE) == accusative
    assert decline_position(nominative, Case.NOMINATIVE) == nominative


def test_it_declines_positions_in_the_instrumental_and_the_prepositional() -> None:
    assert decline_position("старший воспитатель", Case.INSTRUMENTAL) == "старшим воспитателем"
    assert decline_position("педагог-психолог", Case.PREPOSITIONAL) == "педагоге-психологе"
    assert decline_position("учёный секретарь", Case.INSTRUMENTAL) == "учёным секретарём"


def test_it_keeps_the_spelling_without_yo() -> None:
    assert decline_position("ученый секретарь", Case.GENITIVE) == "ученого секретаря"


def test_it_leaves_abbreviations_and_unparseable_positions_unchanged() -> None:
    for position in ("ЗДУВР", "IT-специалист", "Head of IT", "", "   "):
        assert decline_position(position, Case.DATIVE) == position


def test_it_stops_at_punctuation() -> None:
    assert (
        decline_position("учитель, классный руководитель", Case.DATIVE)
        == "учителю, классный руководитель"
    )
    assert (
        decline_position("воспитатель (совместитель)", Case.GENITIVE)
        == "воспитателя (совместитель)"
    )


def test_the_morphological_analyzer_is_loaded_once() -> None:
    assert declension._morph() is declension._morph()
