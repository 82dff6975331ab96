"""Every action the services write to the journal has a Russian name: the journal of an
organization never shows a raw code such as «matching_accept»."""

import re
from pathlib import Path

from django.utils import translation

from nastavnik.core.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = [
    re.compile(r'action="([a-z_]+)"'),
    re.compile(r'_audit\(\s*\w+,\s*"([a-z_]+)"'),
    re.compile(r'"([a-z_]+)" if created else "([a-z_]+)"'),
]


def test_every_audited_action_has_a_russian_name() -> None:
    actions: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for found in pattern.findall(text):
                actions.update([found] if isinstance(found, str) else found)
    # matching decisions are written as matching_<kind of decision>
    actions |= {"matching_locked", "matching_forbidden"}
    missing = sorted(actions - set(AuditEvent.ACTION_LABELS))
    assert missing == []
    with translation.override("ru"):
        untranslated = [
            code
            for code in actions
            if not re.search("[а-яё]", str(AuditEvent.ACTION_LABELS[code]), re.IGNORECASE)
        ]
    assert untranslated == []


def test_the_details_are_shown_with_russian_names_and_without_ids() -> None:
    event = AuditEvent(
        action="survey_create",
        details={"invited": 6, "anonymous": False, "mentorship": 16, "what": "mentee_bank"},
    )
    with translation.override("ru"):
        assert event.details_display() == [
            ("приглашено", "6"),
            ("анонимное", "нет"),
            ("что", "банк наставляемых"),
        ]


def test_the_codes_an_action_writes_are_shown_by_their_russian_names() -> None:
    with translation.override("ru"):
        shown = {
            action: AuditEvent(
                action=action, details={"role" if action == "role_assign" else "kind": kind}
            ).details_display()
            for action, kind in [
                ("person_create", "student"),
                ("consent_issue", "personal_data"),
                ("meeting_log", "trial"),
                ("matching_clear", "forbidden"),
                ("role_assign", "curator"),
            ]
        }
    assert shown == {
        "person_create": [("вид", "обучающийся")],
        "consent_issue": [("вид", "обработка персональных данных")],
        "meeting_log": [("вид", "пробная встреча")],
        "matching_clear": [("вид", "отклонена")],
        "role_assign": [("роль", "куратор")],
    }
