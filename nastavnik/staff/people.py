"""Rules of the people beyond the staff: students, schoolchildren, employers' mentors and
study groups with their class teachers (seed 004). Each change is one transaction with its
audit row."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from nastavnik.accounts.models import Role
from nastavnik.core.services import audit, changes
from nastavnik.organizations.models import Organization
from nastavnik.staff.logins import participant_role_grant
from nastavnik.staff.models import PersonKind, StaffMember, StudyGroup

LEARNER_KINDS = (PersonKind.STUDENT, PersonKind.SCHOOLCHILD)
NULLABLE = frozenset({"study_group", "course", "birth_date"})


def _audit(
    actor: Any, action: str, target: Any, organization: Organization, **details: Any
) -> None:
    audit(
        actor=actor,
        action=action,
        target=target,
        organization=organization,
        region=organization.municipality.region,
        **details,
    )


@transaction.atomic
def person_save(
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    person: StaffMember | None = None,
    **fields: Any,
) -> StaffMember:
    """Create or change a student, schoolchild or employer's mentor."""
    if kind not in (*LEARNER_KINDS, PersonKind.EXTERNAL):
        raise ValueError(f"not a person beyond the staff: {kind!r}")
    group = fields.get("study_group")
    if group is not None and group.organization_id != organization.pk:
        raise ValidationError(_("A group of another organization was chosen."))
    created = person is None
    person = person or StaffMember(organization=organization, position="")
    before = {name: getattr(person, name) for name in fields} if not created else {}
    person.kind = kind
    for name, value in fields.items():
        setattr(person, name, "" if value is None and name not in NULLABLE else value)
    person.save()
    _audit(
        actor,
        "person_create" if created else "person_update",
        person,
        organization,
        kind=kind,
        **(changes(before, person) if before else {}),
    )
    return person


def students(organization: Organization) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(organization=organization, kind__in=LEARNER_KINDS)


def external_mentors(organization: Organization) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(organization=organization, kind=PersonKind.EXTERNAL)


def groups_of_class_teacher(organization: Organization, user: Any) -> QuerySet[StudyGroup]:
    """The groups whose class teacher is this user (through his or her staff record)."""
    return StudyGroup.objects.filter(organization=organization, class_teacher__user=user)


@transaction.atomic
def group_save(
    *,
    actor: Any,
    organization: Organization,
    group: StudyGroup | None,
    name: str,
    course: int | None,
    specialty: str,
    class_teacher: StaffMember | None,
) -> StudyGroup:
    """Save a group; its class teacher with an account gets the role of a class teacher."""
    if class_teacher is not None and class_teacher.organization_id != organization.pk:
        raise ValidationError(_("A person of another organization was chosen."))
    created = group is None
    group = group or StudyGroup(organization=organization)
    group.name, group.course, group.specialty = " ".join(name.split()), course, specialty
    group.class_teacher = class_teacher
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("The organization already has a group named «%(name)s».") % {"name": group.name}
        ) from exc
    if class_teacher is not None:
        participant_role_grant(actor=actor, person=class_teacher, role=Role.CLASS_TEACHER)
    _audit(
        actor,
        "group_create" if created else "group_update",
        group,
        organization,
        class_teacher=class_teacher.pk if class_teacher else None,
    )
    return group


def group_survey_rates(groups: list[StudyGroup]) -> list[dict[str, Any]]:
    """How many students of each group have answered each launched questionnaire: what a class
    teacher needs to remind his or her students, and nothing of the answers themselves."""
    from nastavnik.surveys.models import Invitation

    return list(
        Invitation.objects.filter(
            staff__study_group__in=groups,
            staff__is_active=True,
            survey__launched_at__isnull=False,
        )
        .values(
            "survey_id",
            "survey__title",
            "survey__closes_on",
            "survey__closed_at",
            "staff__study_group__name",
        )
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        .order_by("-survey__closes_on", "survey_id", "staff__study_group__name")
    )
