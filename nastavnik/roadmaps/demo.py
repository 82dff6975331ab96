"""The demo school's roadmap for the current year: partly done, one activity overdue, signed
orders linked as evidence, news in the public feed."""

import datetime

from django.utils import timezone

from nastavnik.accounts.models import User
from nastavnik.core.services import academic_year_current
from nastavnik.documents.models import Document
from nastavnik.organizations.models import Organization
from nastavnik.roadmaps import deadlines, services
from nastavnik.roadmaps.models import Activity, Evidence, Publication, Roadmap


def demo_roadmap(school: Organization, curator: User) -> None:
    year = academic_year_current()
    if Roadmap.objects.filter(organization=school, academic_year=year).exists():
        return
    roadmap = services.roadmap_create(actor=curator, organization=school, year=year)
    today = timezone.localdate()
    activities = list(
        Activity.objects.filter(stage__roadmap=roadmap).order_by("stage__order", "order")
    )
    signed = {d.kind: d for d in Document.objects.filter(organization=school, status="signed")}
    # The first stage is done: its orders are signed and linked.
    for activity in activities:
        if activity.stage.order == 1 and activity.fact == "":
            activity.status = Activity.Status.DONE
            activity.completed_on = year.starts_on
            activity.save(update_fields=["status", "completed_on"])
        for kind in ("order_implementation", "order_curator", "regulation", "protocol"):
            if activity.stage.order == 1 and kind in signed and not activity.evidence.exists():
                Evidence.objects.create(activity=activity, document=signed[kind])
                break
    # What was due before today is done, except what waits for a fact: the pair-assignment
    # order is still a draft, so that activity is the one overdue; what runs all year is in
    # progress.
    for activity in activities:
        parsed = deadlines.parse_deadline(activity.deadline)
        due = deadlines.due_date(parsed, year.start_year)
        if activity.fact:
            continue
        if due is not None and due < today:
            activity.status, activity.completed_on = Activity.Status.DONE, due
        elif due is None and activity.stage.order in (4, 5, 7):
            activity.status = Activity.Status.IN_PROGRESS
        activity.save(update_fields=["status", "completed_on"])
    publications = [
        (
            "Стартовала программа наставничества",
            "В школе утверждены Положение о системе наставничества и дорожная карта на учебный "
            "год. Куратором наставничества назначена Морозова Елена Дмитриевна.",
            year.starts_on + datetime.timedelta(days=3),
        ),
        (
            "Установочная сессия наставников",
            "Наставники школы обсудили формы работы с молодыми педагогами и составили план "
            "встреч на первое полугодие.",
            year.starts_on + datetime.timedelta(days=19),
        ),
    ]
    for title, text, day in publications:
        if day <= today:
            Publication.objects.get_or_create(
                organization=school,
                title=title,
                defaults={
                    "text": text,
                    "date": day,
                    "channel": Publication.Channel.BOTH,
                    "is_published": True,
                    "created_by": curator,
                },
            )
