"""Accounts of the participants: the curator gives the school's mentors, mentees and class
teachers a login to the system and links it to their record on the staff list.

A person's record on the staff list (`StaffMember`) and a login (`User`) are different things:
the record is made by the staff import, the login only when the person is to work in the
system. What the person sees there («Мои пары», «Мой наставник», «Мои группы») is found through
`StaffMember.user`, and the menu through the roles of the account, so both are set here, in one
transaction:

- `account_issue` makes a login from the person's name, a temporary password that the curator
  hands over on paper (the person must replace it at the first login, see
  `nastavnik.accounts.first_login`), links the login to the record and gives the roles of the
  person's part in the program (`participation_roles`);
- `account_link` links a login that already exists (the curator's own, one an administrator
  made); `account_unlink` undoes it and takes the program's roles away;
- `password_reset` gives a new temporary password to a participant who forgot his or hers;
- `participant_role_grant` is called by the banks and the pairs when a person with a login
  takes a new part in the program, so that the menu follows.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.core.services import academic_year_current, audit
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup

# The roles that a curator gives and takes away with a participant's login; any other role
# (a curator, a director, a methodologist) is given by an administrator only.
PARTICIPANT_ROLES = (Role.MENTOR, Role.MENTEE, Role.CLASS_TEACHER)

# The Russian alphabet in Latin letters for logins (the passport rules of 2013, simplified:
# no apostrophes or signs, so that a login is typed on any keyboard).
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip
# Letters and digits that cannot be confused on paper (no 0/O, 1/l/I).
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class IssuedAccount:
    """A login and its temporary password, shown to the curator once and never stored."""

    person: StaffMember
    username: str
    password: str


def transliterate(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch in TRANSLIT:
            out.append(TRANSLIT[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
    return "".join(out)


def login_suggest(person: StaffMember) -> str:
    """«Орлова Елена Викторовна» → orlova.ev; orlova.ev2, … when the login is taken."""
    initials = transliterate(person.first_name[:1]) + transliterate(person.patronymic[:1])
    base = transliterate(person.last_name) or "user"
    base = f"{base}.{initials}" if initials else base
    taken = {
        name.lower()
        for name in User.objects.filter(username__istartswith=base).values_list(
            "username", flat=True
        )
    }
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def temporary_password() -> str:
    """Random, with at least one digit, one capital and one small letter."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if (
            any(c.isdigit() for c in password)
            and any(c.isupper() for c in password)
            and any(c.islower() for c in password)
        ):
            return password


def with_participation(people: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
    """Mark each person with the parts he or she takes in the program this academic year:
    `as_mentor`, `as_mentee`, `as_class_teacher` (three subqueries, whatever the number)."""
    from nastavnik.banks.models import MenteeProfile, MentorProfile
    from nastavnik.mentorships.models import Mentorship

    year = academic_year_current()
    running = (Mentorship.Status.FORMING, Mentorship.Status.ACTIVE)
    person = OuterRef("pk")
    return people.annotate(
        as_mentor=Exists(
            MentorProfile.objects.filter(staff=person, academic_year=year).exclude(
                status=MentorProfile.Status.EXCLUDED
            )
        )
        | Exists(
            Mentorship.objects.filter(status__in=running).filter(
                Q(mentor=person) | Q(co_mentors=person)
            )
        ),
        as_mentee=Exists(
            MenteeProfile.objects.filter(staff=person, academic_year=year).exclude(
                status=MenteeProfile.Status.EXCLUDED
            )
        )
        | Exists(Mentorship.objects.filter(status__in=running, mentees=person)),
        as_class_teacher=Exists(StudyGroup.objects.filter(class_teacher=person)),
    )


def participants(organization: Organization) -> QuerySet[StaffMember]:
    """The people of the organization who take part in the program and may need a login."""
    return (
        with_participation(organization.staff.filter(is_active=True, anonymized_at__isnull=True))
        .filter(Q(as_mentor=True) | Q(as_mentee=True) | Q(as_class_teacher=True))
        .select_related("user")
        .order_by("last_name", "first_name", "patronymic", "pk")
    )


def roles_of(person: StaffMember) -> list[str]:
    """The roles of the person's part in the program (annotated or queried)."""
    if not hasattr(person, "as_mentor"):
        person = with_participation(StaffMember.objects.filter(pk=person.pk)).get()
    flags = (person.as_mentor, person.as_mentee, person.as_class_teacher)  # type: ignore[attr-defined]
    return [role for role, flag in zip(PARTICIPANT_ROLES, flags, strict=True) if flag]


def _audit(actor: Any, action: str, person: StaffMember, **details: Any) -> None:
    organization = person.organization
    audit(
        actor=actor,
        action=action,
        target=person,
        organization=organization,
        region=organization.municipality.region,
        **details,
    )


def _grant(user: User, role: str, organization: Organization) -> bool:
    _assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organization=organization
    )
    if created:
        access.forget_assignments(user)
    return created


def _check_can_have_account(person: StaffMember) -> None:
    if person.anonymized_at is not None:
        raise ValidationError(_("The personal data of this person have been removed."))
    if not person.is_active:
        raise ValidationError(
            _("%(person)s is not on the staff any more.") % {"person": person.full_name}
        )


@transaction.atomic
def account_issue(*, actor: Any, person: StaffMember) -> IssuedAccount:
    """Give a participant a login with a temporary password and the roles of his or her part."""
    person = (
        StaffMember.objects.select_for_update(of=("self",))
        .select_related("organization__municipality__region")
        .get(pk=person.pk)
    )
    _check_can_have_account(person)
    if person.user_id is not None:
        raise ValidationError(
            _("%(person)s already has an account.") % {"person": person.full_name}
        )
    roles = roles_of(person)
    if not roles:
        raise ValidationError(
            _(
                "%(person)s takes no part in the program yet: accounts are given to mentors, "
                "mentees and class teachers. Enter the person into a bank first."
            )
            % {"person": person.full_name}
        )
    organization = person.organization
    username, password = login_suggest(person), temporary_password()
    user = User(
        username=username,
        last_name=person.last_name,
        first_name=person.first_name,
        patronymic=person.patronymic,
        email=person.email,
        region=organization.municipality.region,
        must_change_password=True,
    )
    user.set_password(password)
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    for role in roles:
        _grant(user, role, organization)
    _audit(actor, "account_issue", person, username=username, roles=roles)
    return IssuedAccount(person=person, username=username, password=password)


@transaction.atomic
def accounts_issue(
    *, actor: Any, organization: Organization, people: Sequence[StaffMember]
) -> list[IssuedAccount]:
    """Logins for several participants at once: all of them, or none if one cannot have it."""
    issued = []
    for person in people:
        if person.organization_id != organization.pk:
            raise ValidationError(_("A person of another organization was chosen."))
        issued.append(account_issue(actor=actor, person=person))
    return issued


def linkable_accounts(organization: Organization) -> QuerySet[User]:
    """Logins that hold a role in the organization and belong to nobody on its staff list."""
    linked = StaffMember.objects.filter(organization=organization, user=OuterRef("pk"))
    return (
        User.objects.filter(role_assignments__organization=organization, is_active=True)
        .exclude(Exists(linked))
        .distinct()
        .order_by("last_name", "first_name", "patronymic", "username")
    )


@transaction.atomic
def account_link(*, actor: Any, person: StaffMember, user: User) -> StaffMember:
    """Link a login that exists (the curator's own, one an administrator made) to the record."""
    person = (
        StaffMember.objects.select_for_update(of=("self",))
        .select_related("organization__municipality__region")
        .get(pk=person.pk)
    )
    _check_can_have_account(person)
    organization = person.organization
    if person.user_id is not None:
        raise ValidationError(
            _("%(person)s already has an account.") % {"person": person.full_name}
        )
    if not linkable_accounts(organization).filter(pk=user.pk).exists():
        raise ValidationError(
            _(
                "This account cannot be linked: it holds no role in the organization "
                "or belongs to another person of its staff list."
            )
        )
    person.user = user
    person.save(update_fields=["user"])
    roles = roles_of(person)
    for role in roles:
        _grant(user, role, organization)
    _audit(actor, "account_link", person, username=user.username, roles=roles)
    return person


def _name_key(last_name: str, first_name: str, patronymic: str) -> tuple[str, ...]:
    return tuple(
        " ".join(n.split()).casefold().replace("ё", "е")
        for n in (last_name, first_name, patronymic)
    )


def own_record_link(*, actor: Any, organization: Organization) -> StaffMember | None:
    """After a staff import: link the importing curator's (or director's) own login to the
    record of the list with his or her full name, when exactly one such record has no login
    and the login belongs to nobody on the list yet. Otherwise nothing; the card offers it."""
    if not isinstance(actor, User) or not actor.last_name:
        return None
    if not linkable_accounts(organization).filter(pk=actor.pk).exists():
        return None
    key = _name_key(actor.last_name, actor.first_name, actor.patronymic)
    same_name = [
        pk
        for pk, *name in StaffMember.objects.filter(
            organization=organization,
            kind=PersonKind.STAFF,
            user__isnull=True,
            is_active=True,
            anonymized_at__isnull=True,
        ).values_list("pk", "last_name", "first_name", "patronymic")
        if _name_key(*name) == key
    ]
    if len(same_name) != 1:
        return None
    return account_link(actor=actor, person=StaffMember(pk=same_name[0]), user=actor)


@transaction.atomic
def account_unlink(*, actor: Any, person: StaffMember) -> StaffMember:
    """Unlink the login from the record; the program's roles in the organization go with it."""
    person = (
        StaffMember.objects.select_for_update(of=("self",))
        .select_related("organization__municipality__region", "user")
        .get(pk=person.pk)
    )
    user = person.user
    if user is None:
        raise ValidationError(_("%(person)s has no account.") % {"person": person.full_name})
    RoleAssignment.objects.filter(
        user=user, organization=person.organization, role__in=PARTICIPANT_ROLES
    ).delete()
    access.forget_assignments(user)
    person.user = None
    person.save(update_fields=["user"])
    _audit(actor, "account_unlink", person, username=user.username)
    return person


def can_reset_password(user: User) -> bool:
    """A curator resets only the passwords of participants: never those of an account that
    holds any other role (a curator, a director, a methodologist, an administrator)."""
    return not (
        user.is_superuser
        or user.is_staff
        or user.role_assignments.exclude(role__in=PARTICIPANT_ROLES).exists()
    )


@transaction.atomic
def password_reset(*, actor: Any, person: StaffMember) -> IssuedAccount:
    """A new temporary password for a participant who has forgotten his or hers."""
    person = StaffMember.objects.select_related("organization__municipality__region", "user").get(
        pk=person.pk
    )
    user = person.user
    if user is None:
        raise ValidationError(_("%(person)s has no account.") % {"person": person.full_name})
    if not can_reset_password(user):
        raise ValidationError(
            _(
                "The account of %(person)s holds roles beyond the program: "
                "its password is changed by the administrator."
            )
            % {"person": person.full_name}
        )
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.is_active = True
    user.save(update_fields=["password", "must_change_password", "is_active"])
    _audit(actor, "account_password_reset", person, username=user.username)
    return IssuedAccount(person=person, username=user.username, password=password)


def participant_role_grant(*, actor: Any, person: StaffMember, role: str) -> None:
    """A person with a login has taken a new part in the program: the menu follows it."""
    if person.user_id is None or role not in PARTICIPANT_ROLES:
        return
    user = User.objects.get(pk=person.user_id)
    if _grant(user, role, person.organization):
        _audit(actor, "participant_role_grant", person, username=user.username, role=role)
