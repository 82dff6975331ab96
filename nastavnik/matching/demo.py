"""The demo school's matching: the mentees who waited got mentors through an accepted proposal,
the free places of the mentors are all taken, and the one mentee left over is on the support
list with the curator supporting her and an offer written down."""

from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks import services as banks
from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorProfile,
)
from nastavnik.core.services import academic_year_current
from nastavnik.matching import scoring, services
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

NEEDS_TEXTS = [
    "Хочу научиться работать с родителями учеников и проводить родительские собрания.",
    "Нужна помощь в подготовке учеников к ОГЭ и в составлении рабочей программы.",
    "Трудно удерживать внимание класса, нужна помощь с дисциплиной на уроке.",
]


def _add_mentees(school: Organization, curator: User, count: int) -> None:
    """Enter ``count`` more teachers (the least experienced with a signed data consent) into
    the mentee bank, with needs."""
    year = academic_year_current()
    in_banks = set(
        MenteeProfile.objects.filter(academic_year=year).values_list("staff_id", flat=True)
    ) | set(MentorProfile.objects.filter(academic_year=year).values_list("staff_id", flat=True))
    signed = set(
        Consent.objects.filter(
            staff__organization=school,
            kind=Consent.Kind.PERSONAL_DATA,
            status=Consent.Status.SIGNED,
        ).values_list("staff_id", flat=True)
    )
    people = [
        s
        for s in StaffMember.objects.filter(organization=school, is_active=True, user=None)
        .exclude(position="Директор")
        .order_by("experience_years", "pk")
        if s.pk in signed and s.pk not in in_banks
    ][:count]
    competencies = list(Competency.objects.filter(region=school.municipality.region)[:12])
    for number, person in enumerate(people):
        profile = banks.mentee_add(actor=curator, staff=person, year=year)
        profile.needs_text = NEEDS_TEXTS[number % len(NEEDS_TEXTS)]
        profile.save(update_fields=["needs_text"])
        MenteeNeed.objects.bulk_create(
            MenteeNeed(profile=profile, competency=c) for c in competencies[number % 4 :: 4][:2]
        )


def demo_matching(school: Organization, curator: User) -> None:
    year = academic_year_current()
    if MenteeProfile.objects.filter(
        organization=school, academic_year=year, status=MenteeProfile.Status.SUPPORT
    ).exists():
        return
    data = scoring.candidates(school, year)
    free = sum(
        max(m.capacity_left, 0)
        for m in data.mentors
        if m.personal_data and m.duties and scoring.DEFAULT_FORM in m.forms
    )
    missing = free + 1 - len(data.mentees)
    if missing > 0:
        _add_mentees(school, curator, missing)
    result = services.run_for(school, year)
    if not result.proposal.pairs or len(result.proposal.unmatched) != 1:
        return
    starts, ends = services.default_period(year, timezone.localdate())
    services.accept(
        actor=curator,
        year=year,
        pairs=[(p.mentor, p.mentee) for p in result.proposal.pairs],
        form=scoring.DEFAULT_FORM,
        starts_on=starts,
        ends_on=ends,
        group=False,
        organizations={school.pk: school},
    )
    left = result.proposal.unmatched[0]
    # After the acceptance the mentors are full: the reason of the run that follows.
    again = services.run_for(school, year).proposal.unmatched
    reason = next((u.message for u in again if u.mentee.pk == left.mentee.pk), left.message)
    record = services.support_add(
        actor=curator,
        organization=school,
        year=year,
        mentee=left.mentee,
        reason=reason,
    )
    supporter = StaffMember.objects.filter(organization=school, user=curator).first()
    services.support_update(
        actor=curator,
        record=record,
        supporter=supporter,
        offered="Консультации куратора раз в две недели, участие в школьном методическом "
        "объединении молодых педагогов; запрошен сетевой наставник в муниципалитете.",
        reason=reason,
    )
