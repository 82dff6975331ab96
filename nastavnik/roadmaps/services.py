"""Changes to roadmaps: create from the standard template or last year's, edit, evidence,
risks, publications. Each change is one transaction with its audit row."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nastavnik.banks.models import Consent
from nastavnik.core import uploads
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.documents.models import Document
from nastavnik.organizations.models import Organization
from nastavnik.roadmaps import deadlines, program_defaults
from nastavnik.roadmaps.models import (
    Activity,
    Evidence,
    ExpectedResult,
    Publication,
    RegionTemplate,
    Risk,
    Roadmap,
    Stage,
)
from nastavnik.roadmaps.standard import STANDARD
from nastavnik.staff.models import StaffMember

RESPONSIBLE_ROLES = {
    "director": gettext_lazy("director"),
    "curator": gettext_lazy("curator of mentorship"),
    "deputy": gettext_lazy("deputy director for academic work"),
    "psychologist": gettext_lazy("educational psychologist"),
    "mentors": gettext_lazy("mentors"),
    "mentees": gettext_lazy("mentees"),
    "methodologist": gettext_lazy("methodologist"),
}

# The risk register of seed 002 (Russian data of the roadmap, not interface strings).
DEFAULT_RISKS = [
    (
        "Сдвиг сроков исполнения ключевых мероприятий программы",
        "Собрание рабочей группы по реализации проекта и внесение изменений в программу",
        False,
    ),
    (
        "Недостаточная мотивация участников программы",
        "Контроль и индивидуальная работа с участниками программы; поощрение работы наставников",
        False,
    ),
    ("Форс-мажорные обстоятельства", "", False),
    (
        "Формализованное наставничество",
        "Контроль куратора программы (индивидуальное собеседование)",
        True,
    ),
]
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG")
MAX_PHOTO_SIZE = 10 * 1024 * 1024


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


def roadmap_title(organization: Organization, year: AcademicYear) -> str:
    return _(
        "Roadmap (plan of activities) for the implementation of the Regulation on the system of "
        "mentorship of pedagogical workers of %(organization)s for the %(year)s academic year"
    ) % {"organization": organization.short_name, "year": year}


def _shift_deadline(text: str, years: int) -> str:
    """The same deadline a year later: explicit years move, recurring ones stay."""
    parsed = deadlines.parse_deadline(text)
    if parsed.kind == deadlines.Kind.FREE or (parsed.year is None and parsed.year_to is None):
        return text
    moved = parsed.__class__(
        **{
            **parsed.__dict__,
            "year": parsed.year + years if parsed.year is not None else None,
            "year_to": parsed.year_to + years if parsed.year_to is not None else None,
        }
    )
    return deadlines.render_deadline(moved)


@transaction.atomic
def roadmap_create(
    *, actor: Any, organization: Organization, year: AcademicYear, copy_from: Roadmap | None = None
) -> Roadmap:
    """The organization's roadmap for the year, from the standard template or from another
    year's roadmap (statuses reset, explicit years shifted)."""
    try:
        with transaction.atomic():
            roadmap = Roadmap.objects.create(
                organization=organization,
                academic_year=year,
                title=roadmap_title(organization, year),
                normative_basis=copy_from.normative_basis if copy_from else DEFAULT_NORMATIVE_BASIS,
                goal=copy_from.goal if copy_from else program_defaults.GOAL,
                tasks=copy_from.tasks if copy_from else program_defaults.TASKS,
                forms_intro=copy_from.forms_intro if copy_from else program_defaults.FORMS_INTRO,
                forms=list(copy_from.forms) if copy_from else list(program_defaults.FORMS),
                forms_note=copy_from.forms_note if copy_from else program_defaults.FORMS_NOTE,
                control=copy_from.control if copy_from else program_defaults.CONTROL,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("The roadmap for %(year)s already exists.") % {"year": year}
        ) from exc
    if copy_from is None:
        for stage_order, stage in enumerate(STANDARD, start=1):
            new_stage = Stage.objects.create(roadmap=roadmap, order=stage_order, title=stage.title)
            Activity.objects.bulk_create(
                Activity(
                    stage=new_stage,
                    order=order,
                    title=item.title,
                    content=item.content,
                    deadline=item.deadline,
                    responsible_roles=list(item.responsible),
                    fact=item.fact if item.fact in Activity.Fact.values else "",
                )
                for order, item in enumerate(stage.activities, start=1)
            )
        Risk.objects.bulk_create(
            Risk(roadmap=roadmap, order=order, title=title, mitigation=mitigation, formalism=formal)
            for order, (title, mitigation, formal) in enumerate(DEFAULT_RISKS, start=1)
        )
        ExpectedResult.objects.bulk_create(
            ExpectedResult(
                roadmap=roadmap,
                group=group,
                order=order,
                text=text,
                indicator=indicator,
                target=None if target is None else Decimal(str(target)),
            )
            for order, (group, text, indicator, target) in enumerate(
                program_defaults.EXPECTED_RESULTS, start=1
            )
        )
    else:
        shift = year.start_year - copy_from.academic_year.start_year
        for source in copy_from.stages.prefetch_related("activities__responsible_people"):
            new_stage = Stage.objects.create(
                roadmap=roadmap, order=source.order, title=source.title
            )
            for activity in source.activities.all():
                copy = Activity.objects.create(
                    stage=new_stage,
                    order=activity.order,
                    title=activity.title,
                    content=activity.content,
                    deadline=_shift_deadline(activity.deadline, shift),
                    responsible_roles=activity.responsible_roles,
                    responsible_text=activity.responsible_text,
                    fact=activity.fact,
                )
                copy.responsible_people.set(
                    [p for p in activity.responsible_people.all() if p.is_active]
                )
        Risk.objects.bulk_create(
            Risk(
                roadmap=roadmap,
                order=r.order,
                title=r.title,
                likelihood=r.likelihood,
                impact=r.impact,
                mitigation=r.mitigation,
                owner=r.owner,
                formalism=r.formalism,
            )
            for r in copy_from.risks.all()
        )
        ExpectedResult.objects.bulk_create(
            ExpectedResult(
                roadmap=roadmap,
                group=r.group,
                order=r.order,
                text=r.text,
                indicator=r.indicator,
                target=r.target,
            )
            for r in copy_from.expected_results.all()
        )
    _audit(actor, "roadmap_create", roadmap, organization, year=str(year))
    return roadmap


def _check_deadline(text: str) -> None:
    if len(text) > 200:
        raise ValidationError(_("The deadline is too long."))


@transaction.atomic
def activity_update(
    *,
    actor: Any,
    activity: Activity,
    people: list[StaffMember],
    **fields: Any,
) -> Activity:
    _check_deadline(fields.get("deadline", ""))
    if fields.get("status") == Activity.Status.DONE and not fields.get("completed_on"):
        fields["completed_on"] = datetime.date.today()  # noqa: DTZ011 (a local calendar day)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    activity.responsible_people.set(people)
    organization = activity.stage.roadmap.organization
    _audit(actor, "activity_change", activity, organization, status=activity.status)
    return activity


@transaction.atomic
def activity_add(*, actor: Any, stage: Stage, title: str) -> Activity:
    last = stage.activities.order_by("-order").first()
    activity = Activity.objects.create(
        stage=stage, title=title, order=(last.order if last else 0) + 1
    )
    _audit(actor, "roadmap_change", activity, stage.roadmap.organization, added=title)
    return activity


@transaction.atomic
def activity_delete(*, actor: Any, activity: Activity) -> None:
    _audit(
        actor,
        "roadmap_change",
        activity,
        activity.stage.roadmap.organization,
        deleted=activity.title,
    )
    activity.delete()


@transaction.atomic
def stage_save(*, actor: Any, roadmap: Roadmap, stage: Stage | None, title: str) -> Stage:
    if stage is None:
        last = roadmap.stages.order_by("-order").first()
        stage = Stage(roadmap=roadmap, order=(last.order if last else 0) + 1)
    stage.title = title
    stage.save()
    _audit(actor, "roadmap_change", stage, roadmap.organization, stage=title)
    return stage


@transaction.atomic
def stage_delete(*, actor: Any, stage: Stage) -> None:
    _audit(actor, "roadmap_change", stage, stage.roadmap.organization, deleted=stage.title)
    stage.delete()


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    activity: Activity,
    document: Document | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    organization = activity.stage.roadmap.organization
    if document is not None and document.organization_id != organization.pk:
        raise ValidationError(_("The document belongs to another organization."))
    if document is None and upload is None and not url:
        raise ValidationError(_("Choose a document of the register, a file or a link."))
    evidence = Evidence(activity=activity, document=document, url=url, note=note)
    if upload is not None:
        uploads.attach(evidence.file, upload)
    evidence.save()
    _audit(actor, "activity_change", activity, organization, evidence=str(evidence))
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    activity = evidence.activity
    _audit(
        actor,
        "activity_change",
        activity,
        activity.stage.roadmap.organization,
        removed=str(evidence),
    )
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()


@transaction.atomic
def risk_save(*, actor: Any, roadmap: Roadmap, risk: Risk | None, **fields: Any) -> Risk:
    if risk is None:
        last = roadmap.risks.order_by("-order").first()
        risk = Risk(roadmap=roadmap, order=(last.order if last else 0) + 1)
    for name, value in fields.items():
        setattr(risk, name, value)
    risk.save()
    _audit(actor, "risk_change", risk, roadmap.organization)
    return risk


def _check_people_consent(people: list[StaffMember]) -> None:
    today = timezone.localdate()
    minors = [p.full_name for p in people if p.is_minor_on(today)]
    if minors:
        raise ValidationError(
            _(
                "Students under 18 are not named or shown in public news: %(people)s. Remove "
                "them from the publication."
            )
            % {"people": ", ".join(minors)}
        )
    consenting = set(
        Consent.objects.filter(
            staff__in=people, kind=Consent.Kind.PUBLICATION, status=Consent.Status.SIGNED
        ).values_list("staff_id", flat=True)
    )
    missing = [p.full_name for p in people if p.pk not in consenting]
    if missing:
        raise ValidationError(
            _(
                "No signed consent to publication: %(people)s. Remove them from the publication "
                "or get the consent on their card first."
            )
            % {"people": ", ".join(missing)}
        )


@transaction.atomic
def publication_save(
    *,
    actor: Any,
    organization: Organization,
    publication: Publication | None,
    people: list[StaffMember],
    photo: UploadedFile | None = None,
    **fields: Any,
) -> Publication:
    """Save a publication; naming or showing a person needs his or her publication consent."""
    _check_people_consent(people)
    if photo is not None and photo.size and photo.size > MAX_PHOTO_SIZE:
        raise ValidationError(_("The photo is larger than 10 MB."))
    publication = publication or Publication(organization=organization, created_by=actor)
    for name, value in fields.items():
        setattr(publication, name, value)
    if photo is not None:
        content = photo.read()
        if not content.startswith(IMAGE_SIGNATURES):
            raise ValidationError(_("The photo must be a JPG or PNG picture."))
        publication.photo.save(
            get_valid_filename(photo.name or "photo.jpg") or "photo.jpg",
            ContentFile(content),
            save=False,
        )
    publication.save()
    publication.people.set(people)
    _audit(
        actor, "publication_change", publication, organization, published=publication.is_published
    )
    return publication


# The normative basis every roadmap starts with (seed 004; Russian data of the document).
DEFAULT_NORMATIVE_BASIS = "\n".join(
    [
        "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»",
        "Распоряжение Правительства Российской Федерации от 31.12.2019 № 3273-р «Об утверждении "
        "основных принципов национальной системы профессионального роста педагогических "
        "работников Российской Федерации, включая национальную систему учительского роста»",
        "Письмо Министерства просвещения Российской Федерации и Профессионального союза "
        "работников народного образования и науки Российской Федерации от 21.12.2021 "
        "№ АЗ-1128/08, № 657 «О направлении методических рекомендаций по разработке и внедрению "
        "системы (целевой модели) наставничества педагогических работников в образовательных "
        "организациях»",
        "Трудовой кодекс Российской Федерации, статья 351.8",
        "Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных»",
    ]
)


@transaction.atomic
def roadmap_basis_update(*, actor: Any, roadmap: Roadmap, normative_basis: str) -> Roadmap:
    roadmap.normative_basis = normative_basis.strip()
    roadmap.save(update_fields=["normative_basis", "updated_at"])
    _audit(actor, "roadmap_change", roadmap, roadmap.organization, normative_basis=True)
    return roadmap


PROGRAM_FIELDS = ("normative_basis", "goal", "tasks", "forms_intro", "forms_note", "control")


def _lines(text: str) -> str:
    """Trimmed lines without the empty ones."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@transaction.atomic
def program_update(
    *,
    actor: Any,
    roadmap: Roadmap,
    forms: list[str],
    expected_results: list[dict[str, Any]],
    **sections: str,
) -> Roadmap:
    """Save the sections of the program around the roadmap: the texts, the forms of mentorship
    used and the expected results (replaced as a whole, in the order given)."""
    from nastavnik.documents.kinds.orders import MentorshipForm
    from nastavnik.roadmaps import indicators

    unknown = [f for f in forms if f not in MentorshipForm.values]
    if unknown:
        raise ValidationError(_("Unknown form of mentorship: %(form)s.") % {"form": unknown[0]})
    for field in PROGRAM_FIELDS:
        if field in sections:
            value = sections[field]
            setattr(
                roadmap, field, _lines(value) if field in ("tasks", "control") else value.strip()
            )
    roadmap.forms = [f for f in MentorshipForm.values if f in forms]
    roadmap.save()
    rows = []
    for order, row in enumerate(expected_results, start=1):
        text = (row.get("text") or "").strip()
        if not text:
            continue
        if row.get("group") not in ExpectedResult.Group.values:
            raise ValidationError(_("Say for whom the result is expected."))
        indicator = row.get("indicator") or ""
        if indicator and indicator not in indicators.INDICATORS:
            raise ValidationError(_("Unknown indicator: %(code)s.") % {"code": indicator})
        rows.append(
            ExpectedResult(
                roadmap=roadmap,
                group=row["group"],
                order=order,
                text=text,
                indicator=indicator,
                target=row.get("target") if indicator else None,
            )
        )
    roadmap.expected_results.all().delete()
    ExpectedResult.objects.bulk_create(rows)
    _audit(actor, "roadmap_change", roadmap, roadmap.organization, program=True)
    return roadmap


@transaction.atomic
def region_template_publish(*, actor: Any, roadmap: Roadmap) -> RegionTemplate:
    """Make a roadmap the template the organizations of its region start from."""
    region = roadmap.organization.municipality.region
    template, _created = RegionTemplate.objects.update_or_create(
        region=region, defaults={"roadmap": roadmap}
    )
    _audit(actor, "roadmap_change", roadmap, roadmap.organization, region_template=True)
    return template
