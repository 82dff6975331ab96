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
                ("document_create", "order_pairs"),
                ("nomination_create", "letter"),
            ]
        }
    assert shown == {
        "person_create": [("вид", "обучающийся")],
        "consent_issue": [("вид", "обработка персональных данных")],
        "meeting_log": [("вид", "пробная встреча")],
        "matching_clear": [("вид", "отклонена")],
        "role_assign": [("роль", "куратор")],
        "document_create": [("вид", "Приказ о закреплении наставнических пар (групп)")],
        "nomination_create": [("вид", "благодарственное письмо")],
    }


def test_every_action_that_writes_a_kind_or_a_role_names_its_codes() -> None:
    """An audit call with kind= or role= writes a code; the journal needs its name."""
    import ast

    actions: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if not isinstance(node, ast.Call) or name not in ("audit", "_audit"):
                continue
            if not {k.arg for k in node.keywords} & {"kind", "role"}:
                continue
            written = [k.value for k in node.keywords if k.arg == "action"] + node.args
            for value in written:
                for constant in ast.walk(value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        actions.add(constant.value)
    actions &= set(AuditEvent.ACTION_LABELS)  # the action codes, not other string arguments
    assert len(actions) > 10
    assert sorted(actions - set(AuditEvent.DETAIL_CHOICES)) == []
