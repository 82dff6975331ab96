"""The demo school's banks for the current academic year: consents partly signed, mentees
with their needs, mentors with their competencies and training."""

import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.banks import selectors, services
from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
    MentorTraining,
)
from nastavnik.core.demo import DEMO_SCAN
from nastavnik.core.services import academic_year_current
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


def _sign(person: StaffMember, kind: str, curator: User) -> None:
    consent = services.consent_issue(actor=curator, staff=person, kind=kind)
    services.consent_sign(
        actor=curator,
        consent=consent,
        scan=SimpleUploadedFile("scan.pdf", DEMO_SCAN),
        signed_at=timezone.localdate(),
    )


def demo_banks(school: Organization, curator: User) -> None:
    year = academic_year_current()
    if MenteeProfile.objects.filter(organization=school, academic_year=year).exists():
        return
    rng = random.Random(42)
    region = school.municipality.region
    competencies = list(selectors.competencies_for(region))
    rules = selectors.rules_for(region)
    today = timezone.localdate()
    staff = list(school.staff.filter(is_active=True).select_related("user").order_by("pk"))
    by_user = {s.user.username: s for s in staff if s.user is not None}
    young = [s for s in staff if selectors.badges(s, rules, today).young and s.user is None]
    veterans = [
        s
        for s in staff
        if (s.experience_years or 0) >= 10 and s.user is None and s.position != "Директор"
    ]
    mentees = [by_user["mentee"], *young[:6]]
    mentors = [by_user["mentor"], *veterans[:5]]
    # Consents: everyone in the banks signed the data consent except one mentee, whose form
    # is issued and waits for the signature; mentors signed the duties consent but one.
    for person in [*mentees[:-1], *mentors]:
        _sign(person, Consent.Kind.PERSONAL_DATA, curator)
    services.consent_issue(actor=curator, staff=mentees[-1], kind=Consent.Kind.PERSONAL_DATA)
    for person in mentors[:-1]:
        _sign(person, Consent.Kind.DUTIES, curator)
    _sign(by_user["mentor"], Consent.Kind.PUBLICATION, curator)
    for person in staff[:20]:
        if not Consent.objects.filter(staff=person).exists():
            _sign(person, Consent.Kind.PERSONAL_DATA, curator)

    sources = [s for s, _label in MenteeNeed.Source.choices]
    texts = [
        "Сложно удерживать дисциплину в 7 «Б», не всегда успеваю выполнить план урока.",
        "Хочу научиться выстраивать общение с родителями и проводить собрания.",
        "Нужна помощь с рабочей программой и подготовкой учеников к ОГЭ.",
        "Трудно оценивать работы по критериям ФГОС, нужна помощь с формирующим оцениванием.",
    ]
    for person in mentees[:-1]:
        profile = services.mentee_add(actor=curator, staff=person, year=year)
        chosen: list[Competency] = rng.sample(competencies, 3)
        profile.needs_text = rng.choice(texts)
        profile.save(update_fields=["needs_text"])
        MenteeNeed.objects.bulk_create(
            MenteeNeed(profile=profile, competency=c, source=rng.choice(sources)) for c in chosen
        )
    waiting = MenteeProfile.objects.filter(organization=school, academic_year=year)
    waiting.filter(staff=by_user["mentee"]).update(status=MenteeProfile.Status.PAIRED)

    experience = [
        "Веду открытые уроки, руковожу методическим объединением учителей математики.",
        "Победитель муниципального конкурса «Учитель года», готовлю призёров олимпиад.",
        "Двадцать лет классного руководства, провожу семинары по работе с родителями.",
        "Использую проектное обучение и цифровые лаборатории, делюсь разработками уроков.",
    ]
    for number, person in enumerate(mentors):
        mentor = services.mentor_add(actor=curator, staff=person, year=year)
        mentor.capacity = rng.randint(rules.capacity_min, rules.capacity_max)
        mentor.forms = ["teacher_teacher"]
        mentor.experience_text = rng.choice(experience)
        mentor.motivation = "Хочу помочь молодым коллегам быстрее освоиться в профессии."
        has_duties = number < len(mentors) - 1
        mentor.status = (
            MentorProfile.Status.ACTIVE
            if number == 0
            else MentorProfile.Status.TRAINED
            if has_duties
            else MentorProfile.Status.CANDIDATE
        )
        mentor.save()
        MentorCompetency.objects.bulk_create(
            MentorCompetency(profile=mentor, competency=c, level=rng.randint(2, 3))
            for c in rng.sample(competencies, 4)
        )
        if mentor.status != MentorProfile.Status.CANDIDATE:
            MentorTraining.objects.create(
                profile=mentor,
                kind=MentorTraining.Kind.SESSION,
                title="Установочная сессия наставников",
                date=year.starts_on.replace(day=20),
            )
