"""Changes to the banks and consents. Every rule of stages 2, 3 and 8 lives here once."""

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nastavnik.accounts.models import Role, User
from nastavnik.banks.models import (
    BankSettings,
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
    MentorTraining,
)
from nastavnik.banks.selectors import badges, has_signed, rules_for
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_for, audit
from nastavnik.core.text import normalize_name
from nastavnik.documents import engine
from nastavnik.documents.context import learner_context, organization_context, staff_context
from nastavnik.documents.kinds import get_kind
from nastavnik.documents.services import scan_kind, template_source
from nastavnik.staff.logins import participant_role_grant
from nastavnik.staff.models import PersonKind, StaffMember

# The version of each consent text; change it when the shipped template's wording changes,
# so that a signed consent keeps the version it was signed on.
CONSENT_VERSIONS = {
    Consent.Kind.PERSONAL_DATA: "2026.1",
    Consent.Kind.DUTIES: "2026.1",
    Consent.Kind.PUBLICATION: "2026.1",
}
CONSENT_DOCUMENT_KINDS = {
    Consent.Kind.PERSONAL_DATA: "consent_personal_data",
    Consent.Kind.DUTIES: "consent_duties",
    Consent.Kind.PUBLICATION: "consent_publication",
}
LEARNER_CONSENT_KIND = "consent_personal_data_learner"
MAX_SCAN_SIZE = 20 * 1024 * 1024


def _region(staff: StaffMember) -> Any:
    return staff.organization.municipality.region


def _audit(actor: Any, action: str, target: Any, staff: StaffMember, **details: Any) -> None:
    audit(
        actor=actor,
        action=action,
        target=target,
        organization=staff.organization,
        region=_region(staff),
        staff=staff.pk,
        **details,
    )


def needs_duties_consent(staff: StaffMember) -> bool:
    """The consent to mentoring duties is an addendum to the employment contract (Labour Code
    art. 351.8): members of staff sign it; students and employers' mentors do not."""
    return staff.kind == PersonKind.STAFF


def require_consent(staff: StaffMember, kind: str) -> None:
    """Raise a Russian ValidationError unless the person has signed the consent; a minor's
    consent to the processing of personal data must come from a parent or legal
    representative (152-FZ art. 9)."""
    if kind == Consent.Kind.DUTIES and not needs_duties_consent(staff):
        return
    if (
        kind == Consent.Kind.PERSONAL_DATA
        and staff.is_minor_on(timezone.localdate())
        and not has_signed(staff, kind, by_representative=True)
    ):
        raise ValidationError(
            _(
                "%(person)s is a minor: the consent to the processing of personal data must be "
                "given and signed by a parent or legal representative. Issue the consent on the "
                "person's page and upload the scan signed by the parent."
            )
            % {"person": staff.full_name}
        )
    if not has_signed(staff, kind):
        if kind == Consent.Kind.PERSONAL_DATA:
            message = _(
                "%(person)s has no signed consent to the processing of personal data: upload "
                "the signed consent on the person's page first."
            )
        else:
            message = _(
                "%(person)s has no signed consent to mentoring duties: upload the signed "
                "consent on the person's page first."
            )
        raise ValidationError(message % {"person": staff.full_name})


# --- consents ------------------------------------------------------------------------------


def consent_document_kind(staff: StaffMember, kind: str) -> str:
    """The document of the consent: students and schoolchildren have their own personal-data
    consent (given by the parent for a minor)."""
    if kind == Consent.Kind.PERSONAL_DATA and staff.is_learner:
        return LEARNER_CONSENT_KIND
    return CONSENT_DOCUMENT_KINDS[Consent.Kind(kind)]


def representative_of(staff: StaffMember, today: datetime.date) -> str:
    """The parent or legal representative who gives the consents of a minor ("" for an adult);
    a Russian ValidationError when a minor has none recorded."""
    if not staff.is_minor_on(today):
        return ""
    name = " ".join(staff.representative_name.split())
    if not name:
        raise ValidationError(
            _(
                "%(person)s is a minor: write the parent or legal representative on the "
                "person's card first; the consent is given by him or her."
            )
            % {"person": staff.full_name}
        )
    return name


def consent_document(staff: StaffMember, kind: str) -> bytes:
    """The DOCX of a person's consent, from the organization's template in force."""
    organization = staff.organization
    today = timezone.localdate()
    document_kind = get_kind(consent_document_kind(staff, kind))
    representative_of(staff, today)  # a minor without a parent gets no form
    context = {
        **organization_context(organization),
        "person": staff_context(staff),
        **learner_context(staff, today),
        "academic_year": str(academic_year_for(today)),
        "document_place": organization.locality or organization.municipality.name,
    }
    return engine.render(template_source(document_kind, organization), context)


@transaction.atomic
def consent_issue(
    *, actor: Any, staff: StaffMember, kind: str, content: bytes | None = None
) -> Consent:
    """Make the consent form for the person to sign (again, while it is not signed). `content`
    is a form already made from the same template (a batch of forms); otherwise it is made
    here."""
    if staff.anonymized_at is not None:
        raise ValidationError(
            _("The personal data of %(person)s were removed after the consent was revoked.")
            % {"person": staff.full_name}
        )
    current = (
        Consent.objects.select_for_update()
        .filter(staff=staff, kind=kind)
        .exclude(status=Consent.Status.REVOKED)
        .first()
    )
    if current is not None and current.status == Consent.Status.SIGNED:
        raise ValidationError(_("This consent is already signed."))
    if kind == Consent.Kind.DUTIES and not needs_duties_consent(staff):
        raise ValidationError(
            _(
                "%(person)s is not a member of staff: the consent to mentoring duties (an "
                "addendum to the employment contract) is not needed."
            )
            % {"person": staff.full_name}
        )
    if content is None:
        content = consent_document(staff, kind)
    consent = current or Consent(organization=staff.organization, staff=staff, kind=kind)
    consent.representative_name = representative_of(staff, timezone.localdate())
    consent.version = CONSENT_VERSIONS[Consent.Kind(kind)]
    consent.issued_at = timezone.localdate()
    consent.created_by = actor if getattr(actor, "pk", None) else None
    if consent.file:
        consent.file.delete(save=False)
    consent.file.save(
        f"{consent_document_kind(staff, kind)}.docx", ContentFile(content), save=False
    )
    consent.save()
    _audit(actor, "consent_issue", consent, staff, kind=kind, version=consent.version)
    return consent


def consent_kind_of_document(document_kind: str) -> str | None:
    """The consent a document kind is the form of (None for any other document)."""
    if document_kind == LEARNER_CONSENT_KIND:
        return Consent.Kind.PERSONAL_DATA
    for kind, code in CONSENT_DOCUMENT_KINDS.items():
        if code == document_kind:
            return kind
    return None


@dataclass
class FormsRegistration:
    """What registering a batch of consent forms did, as the names and reasons to show."""

    issued: list[str] = dataclasses.field(default_factory=list)
    signed: list[str] = dataclasses.field(default_factory=list)  # already signed: left as they are
    refused: list[str] = dataclasses.field(default_factory=list)  # the reasons, with the names


@transaction.atomic
def consent_forms_register(
    *, actor: Any, document_kind: str, forms: list[tuple[StaffMember, bytes]]
) -> FormsRegistration:
    """Register the consent forms made in a batch as issued, as «Issue the form» on the
    person's card does (the same form replaces an unsigned one; the text version is the
    current one), so that the scan can be uploaded at once. A signed consent is left as it
    is; a person the form does not fit is named with the reason."""
    kind = consent_kind_of_document(document_kind)
    result = FormsRegistration()
    if kind is None:
        return result
    for staff, content in forms:
        if consent_document_kind(staff, kind) != document_kind:
            result.refused.append(
                _(
                    "%(person)s: this form does not fit the person (students and "
                    "schoolchildren have their own form of the consent); issue the consent on "
                    "the person's page."
                )
                % {"person": staff.full_name}
            )
            continue
        if has_signed(staff, kind):
            result.signed.append(staff.full_name)
            continue
        try:
            consent_issue(actor=actor, staff=staff, kind=kind, content=content)
        except ValidationError as error:
            result.refused.append(" ".join(error.messages))
        else:
            result.issued.append(staff.full_name)
    return result


@transaction.atomic
def consent_sign(
    *, actor: Any, consent: Consent, scan: UploadedFile, signed_at: datetime.date
) -> Consent:
    """Attach the signed scan: the consent is signed on the version it was issued with."""
    consent = Consent.objects.select_for_update().select_related("staff").get(pk=consent.pk)
    if consent.status != Consent.Status.ISSUED:
        raise ValidationError(_("Only an issued consent can be signed."))
    if signed_at > timezone.localdate():
        raise ValidationError(_("The date of signing cannot be in the future."))
    if scan.size and scan.size > MAX_SCAN_SIZE:
        raise ValidationError(_("The scan is larger than 20 MB. Scan at 200–300 dpi."))
    content = scan.read()
    extension = scan_kind(content[:8])
    if extension is None:
        raise ValidationError(_("The scan must be a PDF, JPG or PNG file."))
    consent.scan.save(f"signed.{extension}", ContentFile(content), save=False)
    consent.status = Consent.Status.SIGNED
    consent.signed_at = signed_at
    consent.save()
    _audit(
        actor, "consent_sign", consent, consent.staff, kind=consent.kind, version=consent.version
    )
    return consent


ANONYMIZED_STAFF_FIELDS = {
    "birth_date": None,
    "email": "",
    "phone": "",
    "education": "",
    "subjects": "",
}


@transaction.atomic
def consent_revoke(*, actor: Any, consent: Consent, revoked_at: datetime.date) -> Consent:
    """Revoke a consent. Without the personal-data consent the person leaves the active banks
    and the data no law requires to keep are removed; the counts of past years stay."""
    consent = (
        Consent.objects.select_for_update().select_related("staff__organization").get(pk=consent.pk)
    )
    if consent.status == Consent.Status.REVOKED:
        raise ValidationError(_("This consent is already revoked."))
    staff = consent.staff
    consent.status = Consent.Status.REVOKED
    consent.revoked_at = revoked_at
    consent.save(update_fields=["status", "revoked_at"])
    _audit(actor, "consent_revoke", consent, staff, kind=consent.kind)
    current = academic_year_for(revoked_at)
    if consent.kind == Consent.Kind.DUTIES:
        MentorProfile.objects.filter(
            staff=staff, academic_year__start_year__gte=current.start_year
        ).update(status=MentorProfile.Status.EXCLUDED)
    if consent.kind == Consent.Kind.PERSONAL_DATA:
        person_anonymize(actor=actor, staff=staff, from_year=current)
    return consent


def person_anonymize(*, actor: Any, staff: StaffMember, from_year: AcademicYear) -> None:
    """Remove the personal data that no other law requires to keep (152-FZ art. 21 p. 5)."""
    MenteeProfile.objects.filter(
        staff=staff, academic_year__start_year__gte=from_year.start_year
    ).update(status=MenteeProfile.Status.EXCLUDED)
    MentorProfile.objects.filter(
        staff=staff, academic_year__start_year__gte=from_year.start_year
    ).update(status=MentorProfile.Status.EXCLUDED)
    MenteeProfile.objects.filter(staff=staff).update(needs_text="", result="")
    MentorProfile.objects.filter(staff=staff).update(motivation="", experience_text="", result="")
    for field, value in ANONYMIZED_STAFF_FIELDS.items():
        setattr(staff, field, value)
    staff.anonymized_at = timezone.now()
    staff.save(update_fields=[*ANONYMIZED_STAFF_FIELDS, "anonymized_at"])
    if staff.user_id:
        User.objects.filter(pk=staff.user_id).update(email="")
    _audit(actor, "person_anonymize", staff, staff, fields=sorted(ANONYMIZED_STAFF_FIELDS))


# --- the banks -----------------------------------------------------------------------------


def default_category(staff: StaffMember, rules: BankSettings, today: datetime.date) -> str:
    if staff.kind == PersonKind.STUDENT:
        return MenteeProfile.Category.STUDENT
    if staff.kind == PersonKind.SCHOOLCHILD:
        return MenteeProfile.Category.SCHOOLCHILD
    marks = badges(staff, rules, today)
    if marks.young:
        return MenteeProfile.Category.YOUNG
    if marks.new_employee:
        return MenteeProfile.Category.NEW
    return MenteeProfile.Category.DIFFICULTIES


@transaction.atomic
def mentee_add(
    *, actor: Any, staff: StaffMember, year: AcademicYear, category: str | None = None
) -> MenteeProfile:
    """Enter a person into the mentee bank of the year (a signed data consent is required)."""
    require_consent(staff, Consent.Kind.PERSONAL_DATA)
    if not staff.is_active:
        raise ValidationError(_("%(person)s is not on the staff.") % {"person": staff.full_name})
    rules = rules_for(_region(staff).pk)
    try:
        with transaction.atomic():
            profile = MenteeProfile.objects.create(
                organization=staff.organization,
                staff=staff,
                academic_year=year,
                category=category or default_category(staff, rules, timezone.localdate()),
                status=MenteeProfile.Status.WAITING,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(person)s is already in the mentee bank of %(year)s.")
            % {"person": staff.full_name, "year": year}
        ) from exc
    participant_role_grant(actor=actor, person=staff, role=Role.MENTEE)
    _audit(actor, "mentee_add", profile, staff, year=str(year))
    return profile


@transaction.atomic
def mentee_update(
    *,
    actor: Any,
    profile: MenteeProfile,
    category: str,
    status: str,
    needs_text: str,
    result: str,
    needs: list[tuple[Competency, str]],
) -> MenteeProfile:
    if status != MenteeProfile.Status.EXCLUDED:
        require_consent(profile.staff, Consent.Kind.PERSONAL_DATA)
    profile.category, profile.status = category, status
    profile.needs_text, profile.result = needs_text, result
    profile.save()
    profile.needs.all().delete()
    MenteeNeed.objects.bulk_create(
        MenteeNeed(profile=profile, competency=competency, source=source)
        for competency, source in needs
    )
    _audit(actor, "mentee_update", profile, profile.staff, needs=len(needs), status=status)
    return profile


@transaction.atomic
def mentor_add(*, actor: Any, staff: StaffMember, year: AcademicYear) -> MentorProfile:
    """Enter a person into the mentor bank of the year (a signed data consent is required)."""
    require_consent(staff, Consent.Kind.PERSONAL_DATA)
    if not staff.is_active:
        raise ValidationError(_("%(person)s is not on the staff.") % {"person": staff.full_name})
    rules = rules_for(_region(staff).pk)
    try:
        with transaction.atomic():
            profile = MentorProfile.objects.create(
                organization=staff.organization,
                staff=staff,
                academic_year=year,
                capacity=rules.capacity_min,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(person)s is already in the mentor bank of %(year)s.")
            % {"person": staff.full_name, "year": year}
        ) from exc
    participant_role_grant(actor=actor, person=staff, role=Role.MENTOR)
    _audit(actor, "mentor_add", profile, staff, year=str(year))
    return profile


@transaction.atomic
def mentor_update(
    *,
    actor: Any,
    profile: MentorProfile,
    status: str,
    capacity: int,
    forms: list[str],
    motivation: str,
    experience_text: str,
    result: str,
    competencies: list[tuple[Competency, int]],
) -> MentorProfile:
    staff = profile.staff
    rules = rules_for(_region(staff).pk)
    if not rules.capacity_min <= capacity <= rules.capacity_max:
        raise ValidationError(
            _("A mentor takes from %(min)s to %(max)s mentees by the rules of the region.")
            % {"min": rules.capacity_min, "max": rules.capacity_max}
        )
    if status != MentorProfile.Status.EXCLUDED:
        require_consent(staff, Consent.Kind.PERSONAL_DATA)
    if status == MentorProfile.Status.ACTIVE:
        require_consent(staff, Consent.Kind.DUTIES)
        if staff.kind == PersonKind.EXTERNAL and not staff.agreement.strip():
            raise ValidationError(
                _(
                    "%(person)s mentors on behalf of an employer: write the agreement with the "
                    "employer on the person's card first."
                )
                % {"person": staff.full_name}
            )
    profile.status, profile.capacity, profile.forms = status, capacity, forms
    profile.motivation, profile.experience_text, profile.result = (
        motivation,
        experience_text,
        result,
    )
    profile.save()
    profile.competencies.all().delete()
    MentorCompetency.objects.bulk_create(
        MentorCompetency(profile=profile, competency=competency, level=level)
        for competency, level in competencies
    )
    _audit(actor, "mentor_update", profile, staff, status=status, capacity=capacity)
    return profile


@transaction.atomic
def mentor_training_add(
    *, actor: Any, profile: MentorProfile, kind: str, title: str, date: datetime.date
) -> MentorTraining:
    training = MentorTraining.objects.create(profile=profile, kind=kind, title=title, date=date)
    if profile.status == MentorProfile.Status.SELECTED:
        profile.status = MentorProfile.Status.TRAINED
        profile.save(update_fields=["status", "updated_at"])
    _audit(actor, "mentor_update", profile, profile.staff, training=title)
    return training


@transaction.atomic
def bank_settings_update(*, actor: Any, rules: BankSettings, **values: Any) -> BankSettings:
    if values["capacity_min"] > values["capacity_max"]:
        raise ValidationError(_("The least number of mentees cannot exceed the greatest."))
    weights = [v for k, v in values.items() if k.startswith("weight_")]
    if weights and not any(weights):
        raise ValidationError(_("At least one part of the matching score must have a weight."))
    for name, value in values.items():
        setattr(rules, name, value)
    rules.save()
    audit(actor=actor, action="bank_settings_change", target=rules, region=rules.region)
    return rules


@transaction.atomic
def competency_save(
    *, actor: Any, competency: Competency, group: str, name: str, is_active: bool
) -> Competency:
    others = Competency.objects.filter(region=competency.region)
    if competency.pk:
        others = others.exclude(pk=competency.pk)
    key = normalize_name(name)
    if any(normalize_name(n) == key for n in others.values_list("name", flat=True)):
        raise ValidationError(_("The list already has «%(name)s».") % {"name": name})
    competency.group, competency.name, competency.is_active = group, name, is_active
    if not competency.pk:
        last = Competency.objects.filter(region=competency.region).order_by("-order").first()
        competency.order = (last.order if last else 0) + 10
    competency.save()
    audit(actor=actor, action="competency_change", target=competency, region=competency.region)
    return competency
