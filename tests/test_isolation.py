"""Every URL of the project, visited by every role against objects of another scope.

A page about an object of another organization, municipality or region must not answer 200;
a page without objects in its URL (a list, the home page) may answer 200 but must not show a
single name from the other side. New URL keyword arguments must be registered in
`foreign_objects` below, so that every later page is covered automatically.
"""

from collections.abc import Iterator
from typing import Any

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nastavnik.accounts.models import User
from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.core.demo import demo_seed
from nastavnik.core.services import academic_year_current
from nastavnik.documents.models import Document, DocumentBatch, DocumentTemplate
from nastavnik.mentorships.models import (
    EventMaterial,
    Mentorship,
    OrganizationEvent,
    ParticipantReport,
    PortfolioItem,
    Program,
)
from nastavnik.organizations.models import Organization
from nastavnik.practices.models import Nomination, Practice, PracticeFile
from nastavnik.roadmaps.models import Activity, Evidence, Publication, Roadmap, Stage
from nastavnik.staff.models import StaffImport, StudyGroup
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Questionnaire, Section, Survey
from nastavnik.testing import BaseTestCase, World

# URL names that are public by design (nothing of any organization on them).
PUBLIC = {
    "login",
    "password_change_done",
    # The organization's public news page, its feed and photos: published news only, by design.
    "roadmaps:public_page",
    "roadmaps:public_feed",
    "roadmaps:public_photo",
    # A person's calendar feed: its secret address is the key; an unknown one is 404.
    "mentorships:calendar_feed",
    # A personal survey link: the random token is the key; an unknown one gets an error page.
    "surveys:answer",
    "surveys:answer_thanks",
    # The read API: token authentication, 401 to sessions and to anonymous visitors; its
    # description page and schema are public by design.
    "api:docs",
    "api:openapi",
    "api:organizations",
    "api:organization",
    "api:organization_indicators",
    "api:municipalities",
    "api:indicators",
    "api:roadmap",
}


def url_names() -> Iterator[tuple[str, list[str]]]:
    """(namespaced name, keyword arguments) of every named URL pattern."""

    def walk(patterns: list, namespace: str) -> Iterator[tuple[str, list[str]]]:  # type: ignore[type-arg]
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}{p.name}", list(p.pattern.regex.groupindex)

    yield from walk(get_resolver().url_patterns, "")


# URL arguments that name no object of any side (a kind of document, a file format).
CONSTANTS = {
    "kind": "order_pairs",
    "what": "docx",
    "token": "no-such-token",
    "image": "no-such-image.png",  # a screenshot of the guide (nastavnik.guide)
    "figure": "portfolio",  # a figure of the monitoring dashboards with a list behind it
}


def side_objects(organization: Organization) -> dict[str, int]:
    """One object of every kind that belongs to the organization, created on first use."""
    document = Document.objects.filter(organization=organization).first() or (
        Document.objects.create(
            organization=organization,
            academic_year=academic_year_current(),
            kind="order_pairs",
            number="1",
            date=academic_year_current().starts_on,
            title=f"Приказ {organization.short_name}",
            file="documents/x.docx",
        )
    )
    template = DocumentTemplate.objects.filter(organization=organization).first() or (
        DocumentTemplate.objects.create(
            organization=organization, kind="order_pairs", file="t.docx", original_name="t.docx"
        )
    )
    batch = DocumentBatch.objects.filter(organization=organization).first() or (
        DocumentBatch.objects.create(
            organization=organization,
            kind="consent_personal_data",
            title=f"Согласия {organization.short_name}",
            file="b.zip",
            status=DocumentBatch.Status.DONE,
        )
    )
    staff = organization.staff.order_by("pk").first()
    assert staff is not None
    year = academic_year_current()
    profile = MenteeProfile.objects.get_or_create(
        organization=organization, staff=staff, academic_year=year, defaults={"category": "young"}
    )[0]
    MentorProfile.objects.get_or_create(organization=organization, staff=staff, academic_year=year)
    consent = Consent.objects.get_or_create(
        organization=organization,
        staff=staff,
        kind=Consent.Kind.PERSONAL_DATA,
        defaults={"version": "1", "issued_at": year.starts_on, "file": "c.docx"},
    )[0]
    upload = StaffImport.objects.get_or_create(
        organization=organization, original_name="x.csv", defaults={"file": "x.csv"}
    )[0]
    group = StudyGroup.objects.get_or_create(organization=organization, name="Группа")[0]
    roadmap = Roadmap.objects.get_or_create(
        organization=organization,
        academic_year=year,
        defaults={"title": f"ДК {organization.short_name}"},
    )[0]
    stage = Stage.objects.get_or_create(roadmap=roadmap, title="Этап")[0]
    activity = Activity.objects.get_or_create(stage=stage, title="Мероприятие")[0]
    evidence = Evidence.objects.get_or_create(activity=activity, url="https://example.org/")[0]
    publication = Publication.objects.get_or_create(
        organization=organization,
        title=f"Новость {organization.short_name}",
        defaults={"text": "Текст", "date": year.starts_on},
    )[0]
    mentorship = Mentorship.objects.filter(organization=organization).first() or (
        Mentorship.objects.create(
            organization=organization,
            academic_year=year,
            mentor=staff,
            starts_on=year.starts_on,
            ends_on=year.ends_on,
        )
    )
    Program.objects.get_or_create(mentorship=mentorship)
    report = ParticipantReport.objects.get_or_create(
        mentorship=mentorship,
        author=mentorship.mentor,
        defaults={"role": "mentor", "status": "submitted", "done": "Сделано"},
    )[0]
    item = PortfolioItem.objects.get_or_create(
        staff=staff,
        mentorship=mentorship,
        kind="course",
        defaults={"date": year.starts_on, "title": "Курсы", "file": "portfolio/t.pdf"},
    )[0]
    event = OrganizationEvent.objects.get_or_create(
        organization=organization,
        academic_year=year,
        title=f"Круглый стол {organization.short_name}",
        defaults={"kind": "round_table", "date": year.starts_on},
    )[0]
    event.participants.add(staff)
    material = EventMaterial.objects.get_or_create(
        event=event, title="Презентация", defaults={"file": "events/t.pdf"}
    )[0]
    surveys.region_library(organization.municipality.region)
    own = Questionnaire.objects.filter(organization=organization, is_template=True).first() or (
        surveys.questionnaire_copy(
            Questionnaire.objects.filter(
                region=organization.municipality.region_id, organization=None
            ).earliest("pk"),
            organization=organization,
            is_template=True,
            title=f"Анкета {organization.short_name}",
        )
    )
    survey = Survey.objects.filter(organization=organization).first() or surveys.survey_create(
        actor=None,
        organization=organization,
        year=year,
        template=own,
        title=f"Анкетирование {organization.short_name}",
        anonymous=False,
        audience=Survey.Audience.ALL_STAFF,
        opens_on=year.starts_on,
        closes_on=year.ends_on,
    )
    section = own.sections.first() or Section.objects.create(questionnaire=own, title="Раздел")
    question = own.questions.first()
    assert question is not None
    practice = Practice.objects.get_or_create(
        organization=organization, academic_year=year, title=f"Практика {organization.short_name}"
    )[0]
    practice_file = PracticeFile.objects.get_or_create(
        practice=practice, title="Лист", defaults={"file": "practices/t.pdf"}
    )[0]
    nomination = Nomination.objects.get_or_create(
        organization=organization, academic_year=year, staff=staff, kind="diploma"
    )[0]
    return {
        "practice_pk": practice.pk,
        "practice_file_pk": practice_file.pk,
        "nomination_pk": nomination.pk,
        "report_pk": report.pk,
        "questionnaire_pk": own.pk,
        "section_pk": section.pk,
        "question_pk": question.pk,
        "survey_pk": survey.pk,
        "event_pk": event.pk,
        "material_pk": material.pk,
        "mentorship_pk": mentorship.pk,
        "item_pk": item.pk,
        "stage_pk": stage.pk,
        "activity_pk": activity.pk,
        "evidence_pk": evidence.pk,
        "publication_pk": publication.pk,
        "import_pk": upload.pk,
        "group_pk": group.pk,
        "staff_pk": staff.pk,
        "profile_pk": profile.pk,
        "consent_pk": consent.pk,
        "organization_pk": organization.pk,
        "municipality_pk": organization.municipality_id,
        "region_pk": organization.municipality.region_id,
        "document_pk": document.pk,
        "template_pk": template.pk,
        "batch_pk": batch.pk,
    }


def foreign_objects(w: World, viewer: User) -> tuple[dict[str, Any], list[str]]:
    """For a viewer: primary keys of objects that are not theirs, and name stems of that side."""
    side_a = {
        **CONSTANTS,
        **side_objects(w.org_a),
        "user_pk": w.curator_a.pk,
        "assignment_pk": w.curator_a.role_assignments.get().pk,
    }
    side_b = {
        **CONSTANTS,
        **side_objects(w.org_b),
        "user_pk": w.curator_b.pk,
        "assignment_pk": w.curator_b.role_assignments.get().pk,
    }
    side_c = {
        **CONSTANTS,
        **side_objects(w.org_c),
        "user_pk": w.admin2.pk,
        "assignment_pk": w.admin2.role_assignments.get().pk,
    }
    table = {
        "admin": (side_c, ["Гамм"]),
        "regional": (side_c, ["Гамм"]),
        "municipal_a": (side_b, ["Бет", "Гамм"]),
        "municipal_b": (side_a, ["Альф", "Гамм"]),
        "director_a": (side_b, ["Бет", "Гамм"]),
        "curator_a": (side_b, ["Бет", "Гамм"]),
        "mentor_a": (side_b, ["Бет", "Гамм"]),
        "mentee_a": (side_b, ["Бет", "Гамм"]),
        "curator_b": (side_a, ["Альф", "Гамм"]),
        "mentor_b": (side_a, ["Альф", "Гамм"]),
        "curator_c": (side_a, ["Альф", "Бет"]),
        "admin2": (side_a, ["Альф", "Бет"]),
        "nobody": (side_a, ["Альф", "Бет", "Гамм"]),
    }
    return table[viewer.username]


VIEWERS = [
    "admin",
    "admin2",
    "regional",
    "municipal_a",
    "municipal_b",
    "director_a",
    "curator_a",
    "mentor_a",
    "mentee_a",
    "curator_b",
    "mentor_b",
    "curator_c",
    "nobody",
]


class IsolationTests(BaseTestCase):
    def test_every_url_pattern_is_reachable_by_the_isolation_test(self) -> None:
        known = set(foreign_objects(self.w, self.w.admin)[0])
        for name, kwargs in url_names():
            unknown = set(kwargs) - known
            self.assertFalse(
                unknown,
                f"URL {name} takes {sorted(unknown)}: register them in foreign_objects()",
            )

    def test_nobody_sees_what_is_not_theirs(self) -> None:
        failures = []
        for username in VIEWERS:
            viewer = User.objects.get(username=username)
            objects, stems = foreign_objects(self.w, viewer)
            self.client.force_login(viewer)
            for name, kwargs in url_names():
                if name in PUBLIC:
                    continue
                url = reverse(name, kwargs={k: objects[k] for k in kwargs})
                response = self.client.get(url)
                if response.status_code != 200:
                    continue
                if kwargs:
                    failures.append(f"{username}: {url} answered 200 for another scope's object")
                    continue
                body = response.content.decode()
                shown = [s for s in stems if s in body]
                if shown:
                    failures.append(f"{username}: {url} shows {shown}")
            self.client.logout()
        self.assertEqual(failures, [])

    def test_nobody_changes_what_is_not_theirs(self) -> None:
        failures = []
        for username in VIEWERS:
            viewer = User.objects.get(username=username)
            objects, _stems = foreign_objects(self.w, viewer)
            self.client.force_login(viewer)
            for name, kwargs in url_names():
                if not kwargs:
                    continue
                url = reverse(name, kwargs={k: objects[k] for k in kwargs})
                response = self.client.post(url, {})
                if response.status_code not in (403, 404, 405):
                    failures.append(f"{username}: POST {url} answered {response.status_code}")
            self.client.logout()
        self.assertEqual(failures, [])

    def test_anonymous_visitors_are_sent_to_the_login_page(self) -> None:
        for name, kwargs in url_names():
            if name in PUBLIC:
                continue
            url = reverse(name, kwargs={k: 1 for k in kwargs})
            response = self.client.get(url)
            self.assertIn(response.status_code, (302, 405), url)
            if response.status_code == 302:
                self.assertTrue(response["Location"].startswith("/accounts/login/"), url)


class DemoIsolationTests(TestCase):
    """The acceptance check of the foundation, on the demo region itself."""

    def test_the_curator_of_the_second_municipality_opens_none_of_the_first_schools_pages(
        self,
    ) -> None:
        demo_seed()
        school = Organization.objects.get(short_name="МБОУ «СОШ № 1»")
        curator = User.objects.get(username="curator")
        objects = {
            **CONSTANTS,
            **side_objects(school),
            "user_pk": curator.pk,
            "assignment_pk": curator.role_assignments.get().pk,
        }
        self.client.force_login(User.objects.get(username="curator2"))
        opened = []
        for name, kwargs in url_names():
            if kwargs and name not in PUBLIC:
                url = reverse(name, kwargs={k: objects[k] for k in kwargs})
                if self.client.get(url).status_code == 200:
                    opened.append(url)
        self.assertEqual(opened, [])
        home = self.client.get("/").content.decode()
        self.assertIn("МКОУ «Озёрская СОШ»", home)
        self.assertNotIn("СОШ № 1", home)
