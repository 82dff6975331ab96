"""Events of an organization for its mentors and mentees (установочные сессии, the general
meeting, master classes, round tables, conferences): the writes (in one transaction with an
audit row) and the reads."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from nastavnik.accounts import access
from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core import uploads
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.mentorships.models import EventMaterial, OrganizationEvent
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

MAX_MATERIAL_BYTES = uploads.MAX_UPLOAD_BYTES
EVENT_FIELDS = ("kind", "title", "date", "time", "duration", "place", "online_url", "description")


def _audit(actor: Any, action: str, target: Any, event: OrganizationEvent, **details: Any) -> None:
    organization = event.organization
    audit(
        actor=actor,
        action=action,
        target=target,
        organization=organization,
        region=organization.municipality.region,
        event=event.pk,
        **details,
    )


def _check_participants(organization: Organization, participants: list[StaffMember]) -> None:
    if any(p.organization_id != organization.pk for p in participants):
        raise ValidationError(_("Participants must be staff of the organization of the event."))


@transaction.atomic
def event_save(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    participants: list[StaffMember],
    event: OrganizationEvent | None = None,
    **fields: Any,
) -> OrganizationEvent:
    """Create an event (or change `event`) with its participants, all of the organization."""
    _check_participants(organization, participants)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if not (fields.get("title") or "").strip():
        raise ValidationError(_("Write the title of the event."))
    if fields.get("kind") not in OrganizationEvent.Kind.values:
        raise ValidationError(_("Choose the kind of the event."))
    created = event is None
    if event is None:
        event = OrganizationEvent(organization=organization, academic_year=year, created_by=actor)
    elif event.organization_id != organization.pk:
        raise ValueError("the event belongs to another organization")
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean(exclude=["participants", "created_by"])
    event.save()
    event.participants.set(participants)
    _audit(
        actor,
        "event_create" if created else "event_update",
        event,
        event,
        kind=event.kind,
        participants=len(participants),
    )
    return event


@transaction.atomic
def event_mark_held(*, actor: Any, event: OrganizationEvent) -> OrganizationEvent:
    event.held = True
    event.save(update_fields=["held"])
    _audit(actor, "event_held", event, event)
    return event


@transaction.atomic
def material_add(
    *,
    actor: Any,
    event: OrganizationEvent,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> EventMaterial:
    """A file (at most 20 MB) or a link for the event."""
    if upload is None and not url:
        raise ValidationError(_("Attach a file or give a link."))
    material = EventMaterial(event=event, title=title.strip() or (upload and upload.name) or url)
    material.url = url
    if upload is not None:
        uploads.attach(material.file, upload)
    material.save()
    _audit(actor, "event_material_add", material, event)
    return material


@transaction.atomic
def material_remove(*, actor: Any, material: EventMaterial) -> None:
    event = material.event
    _audit(actor, "event_material_remove", material, event)
    if material.file:
        material.file.delete(save=False)
    material.delete()


# Reads


def year_events(organization: Organization, year: AcademicYear) -> QuerySet[OrganizationEvent]:
    """The events of the organization in the year with the count of participants and
    materials; one query."""
    return OrganizationEvent.objects.filter(organization=organization, academic_year=year).annotate(
        participant_count=Count("participants", distinct=True),
        material_count=Count("materials", distinct=True),
    )


def visible(user: Any) -> QuerySet[OrganizationEvent]:
    """Events that the user may open: those of the organizations he or she observes and those
    in which he or she takes part."""
    observed = access.organizations_for(user, roles=access.OBSERVER_ROLES)
    return OrganizationEvent.objects.filter(
        Q(organization__in=observed) | Q(participants__user=user.pk)
    ).distinct()


def participant_events(user: Any) -> QuerySet[OrganizationEvent]:
    return (
        OrganizationEvent.objects.filter(participants__user=user.pk)
        .distinct()
        .select_related("organization")
    )


def can_manage(user: Any, event: OrganizationEvent) -> bool:
    return access.can(user, access.MANAGER_ROLES, event.organization)


def bank_staff(organization: Organization, year: AcademicYear, bank: str) -> QuerySet[StaffMember]:
    """The active staff in the mentor (`bank="mentors"`) or mentee bank of the year."""
    profiles: Any = MentorProfile if bank == "mentors" else MenteeProfile
    ids = (
        profiles.objects.filter(organization=organization, academic_year=year)
        .exclude(status=profiles.Status.EXCLUDED)
        .values("staff")
    )
    return StaffMember.objects.filter(organization=organization, is_active=True, pk__in=ids)
