"""The writes of the methodological library and of the awards: each one in a transaction with
an audit row."""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.core import uploads
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.documents import services as documents
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.kinds.orders import Award, MentorshipForm
from nastavnik.documents.models import Document
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.organizations.models import Organization
from nastavnik.practices.models import Nomination, Practice, PracticeFile
from nastavnik.staff.models import StaffMember

PRACTICE_FIELDS = ("title", "other_authors", "form", "description")


def normalize(text: str) -> str:
    """Lower case with «ё» as «е» and single spaces: what search compares."""
    return " ".join(text.casefold().replace("ё", "е").split())


def normalize_tags(value: str | Iterable[str]) -> str:
    """«Адаптация; Молодой педагог, адаптация» → «адаптация, молодой педагог»."""
    parts = re.split(r"[,;\n]", value) if isinstance(value, str) else list(value)
    tags = sorted({normalize(p).strip("#") for p in parts} - {""})
    return ", ".join(tags)


def _search_text(practice: Practice, authors: list[StaffMember]) -> str:
    return normalize(
        " ".join(
            [
                practice.title,
                practice.description,
                practice.tags,
                practice.other_authors,
                *(a.full_name for a in authors),
            ]
        )
    )


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
def practice_save(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    authors: list[StaffMember],
    tags: str | Iterable[str] = "",
    event: OrganizationEvent | None = None,
    practice: Practice | None = None,
    **fields: Any,
) -> Practice:
    """Create a practice of the organization (or change `practice`) with its authors."""
    unknown = set(fields) - set(PRACTICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if not (fields.get("title") or "").strip():
        raise ValidationError(_("Write the title of the practice."))
    if fields.get("form", MentorshipForm.TEACHER_TEACHER) not in MentorshipForm.values:
        raise ValidationError(_("Choose the form of mentorship."))
    if any(a.organization_id != organization.pk for a in authors):
        raise ValidationError(_("Authors must be staff of the organization."))
    if event is not None and event.organization_id != organization.pk:
        raise ValidationError(_("The event belongs to another organization."))
    created = practice is None
    if practice is None:
        practice = Practice(organization=organization, academic_year=year, created_by=actor)
    elif practice.organization_id != organization.pk:
        raise ValueError("the practice belongs to another organization")
    else:
        practice.academic_year = year
    for name, value in fields.items():
        setattr(practice, name, value.strip() if isinstance(value, str) else value)
    practice.tags = normalize_tags(tags)
    practice.event = event
    practice.search_text = _search_text(practice, authors)
    practice.full_clean(exclude=["authors", "created_by", "event", "search_text"])
    practice.save()
    practice.authors.set(authors)
    _audit(
        actor,
        "practice_create" if created else "practice_update",
        practice,
        organization,
        event=event.pk if event else None,
    )
    return practice


@transaction.atomic
def practice_publish(*, actor: Any, practice: Practice, published: bool) -> Practice:
    """Publish the practice to every organization of the region, or withdraw it."""
    if practice.published_to_region == published:
        return practice
    practice.published_to_region = published
    practice.published_at = timezone.now() if published else None
    practice.save(update_fields=["published_to_region", "published_at"])
    _audit(
        actor,
        "practice_publish" if published else "practice_withdraw",
        practice,
        practice.organization,
    )
    return practice


@transaction.atomic
def practice_delete(*, actor: Any, practice: Practice) -> None:
    _audit(actor, "practice_delete", practice, practice.organization)
    for item in practice.files.all():
        if item.file:
            item.file.delete(save=False)
    practice.delete()


@transaction.atomic
def practice_file_add(
    *,
    actor: Any,
    practice: Practice,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> PracticeFile:
    """A file (the one rule of attached files: at most 20 MB) or a link."""
    if upload is None and not url:
        raise ValidationError(_("Attach a file or give a link."))
    item = PracticeFile(
        practice=practice, title=title.strip() or (upload and upload.name) or url, url=url
    )
    if upload is not None:
        uploads.attach(item.file, upload)
    item.save()
    _audit(actor, "practice_file_add", item, practice.organization, practice=practice.pk)
    return item


@transaction.atomic
def practice_file_remove(*, actor: Any, item: PracticeFile) -> None:
    practice = item.practice
    _audit(actor, "practice_file_remove", item, practice.organization, practice=practice.pk)
    if item.file:
        item.file.delete(save=False)
    item.delete()


# Awards


def _check_nomination(
    organization: Organization, staff: StaffMember, kind: str, amount: Any
) -> None:
    if staff.organization_id != organization.pk:
        raise ValidationError(_("The participant must be on the staff of the organization."))
    if kind not in Award.values:
        raise ValidationError(_("Choose the reward."))
    if kind == Award.BONUS and not amount:
        raise ValidationError(_("Enter the amount of the bonus."))


@transaction.atomic
def nomination_save(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    staff: StaffMember,
    kind: str,
    reason: str = "",
    amount: Any = None,
    nomination: Nomination | None = None,
) -> Nomination:
    """Put a participant forward for a reward (or change the nomination while it is not in an
    order)."""
    _check_nomination(organization, staff, kind, amount)
    created = nomination is None
    if nomination is None:
        nomination = Nomination(organization=organization, academic_year=year, created_by=actor)
    elif nomination.organization_id != organization.pk:
        raise ValueError("the nomination belongs to another organization")
    elif nomination.order_id:
        raise ValidationError(_("The nomination is already in a reward order."))
    nomination.staff = staff
    nomination.kind = kind
    nomination.amount = amount if kind == Award.BONUS else None
    nomination.reason = reason.strip()
    nomination.save()
    _audit(
        actor,
        "nomination_create" if created else "nomination_update",
        nomination,
        organization,
        kind=kind,
    )
    return nomination


@transaction.atomic
def nomination_approve(*, actor: Any, nomination: Nomination) -> Nomination:
    if nomination.status != Nomination.Status.APPROVED:
        nomination.status = Nomination.Status.APPROVED
        nomination.save(update_fields=["status"])
        _audit(actor, "nomination_approve", nomination, nomination.organization)
    return nomination


@transaction.atomic
def nomination_remove(*, actor: Any, nomination: Nomination) -> None:
    if nomination.order_id:
        raise ValidationError(_("The nomination is already in a reward order."))
    _audit(actor, "nomination_remove", nomination, nomination.organization)
    nomination.delete()


def order_rows(nominations: Iterable[Nomination]) -> list[dict[str, Any]]:
    """The rows of the reward order (documents kind «order_award») for the nominations."""
    return [
        {
            "person": n.staff_id,
            "award": n.kind,
            "amount": str(n.amount) if n.kind == Award.BONUS and n.amount else None,
        }
        for n in nominations
    ]


@transaction.atomic
def nominations_make_order(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    day: datetime.date | None = None,
    basis: str = "",
) -> Document:
    """Make the reward order (a draft of the documents kind «order_award») for the approved
    nominations of the year that are not yet in an order, and link them to it."""
    nominations = list(
        Nomination.objects.select_for_update()
        .filter(
            organization=organization,
            academic_year=year,
            status=Nomination.Status.APPROVED,
            order__isnull=True,
        )
        .order_by("staff__last_name", "staff__first_name", "pk")
    )
    if not nominations:
        raise ValidationError(_("There are no approved nominations outside a reward order."))
    kind = get_kind("order_award")
    day = day or timezone.localdate()
    basis = basis.strip() or _(
        "For active participation in the implementation of the target model of mentorship "
        "of pedagogical workers in the %(year)s academic year"
    ) % {"year": year}
    document = documents.document_create(
        actor=actor,
        organization=organization,
        kind=kind,
        number=documents.next_number(organization=organization, kind=kind, day=day),
        day=day,
        title=str(kind.default_title),
        data={"basis": basis, "rows": order_rows(nominations)},
    )
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(order=document)
    _audit(
        actor,
        "nominations_order",
        document,
        organization,
        nominations=len(nominations),
    )
    return document
