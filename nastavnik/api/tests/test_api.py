"""The read API as the regional centre's system sees it: tokens, scope, pages, figures."""

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.api.models import ApiToken
from nastavnik.api.services import api_token_create, api_token_revoke
from nastavnik.api.views import PAGE_SIZE
from nastavnik.banks.models import MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear, AuditEvent
from nastavnik.mentorships.models import (
    Meeting,
    Mentorship,
    PortfolioItem,
    Program,
    ProgramActivity,
)
from nastavnik.roadmaps.models import Activity, Roadmap, Stage
from nastavnik.testing import BaseTestCase, OrganizationFactory

YEAR = 2020  # a finished year: every deadline of it is in the past, whatever today is


class ApiTestCase(BaseTestCase):
    region_token: ApiToken
    region_secret: str
    m_a_token: ApiToken
    m_a_secret: str
    m_b_token: ApiToken
    m_b_secret: str
    region2_token: ApiToken
    region2_secret: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        cls.region_token, cls.region_secret = api_token_create(
            actor=w.admin, name="Региональный центр", region=w.region
        )
        cls.m_a_token, cls.m_a_secret = api_token_create(
            actor=w.municipal_a, name="Альфинский отдел", municipality=w.m_a
        )
        cls.m_b_token, cls.m_b_secret = api_token_create(
            actor=w.municipal_b, name="Бетинский отдел", municipality=w.m_b
        )
        cls.region2_token, cls.region2_secret = api_token_create(
            actor=w.admin2, name="Гаммский центр", region=w.region2
        )

    def get(self, url: str, secret: str | None = None, **params: Any) -> Any:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return self.client.get(url, params, headers=headers)


class TokenAuthTests(ApiTestCase):
    def test_it_answers_401_in_json_without_a_token(self) -> None:
        response = self.get(reverse("api:organizations"))
        self.assertEqual(response.status_code, 401)
        self.assertIn("error", response.json())
        self.assertTrue(response["WWW-Authenticate"].startswith("Bearer"))

    def test_it_answers_401_to_a_wrong_token_or_scheme(self) -> None:
        for header in ("Bearer nst_wrong", f"Token {self.region_secret}", "Bearer ", "Basic abc"):
            response = self.client.get(
                reverse("api:organizations"), headers={"Authorization": header}
            )
            self.assertEqual(response.status_code, 401, header)

    def test_a_revoked_token_stops_working_at_once(self) -> None:
        url = reverse("api:organizations")
        self.assertEqual(self.get(url, self.m_b_secret).status_code, 200)
        api_token_revoke(actor=self.w.municipal_b, token=self.m_b_token)
        self.assertEqual(self.get(url, self.m_b_secret).status_code, 401)

    def test_a_logged_in_person_without_a_token_gets_401(self) -> None:
        self.login(self.w.admin)
        self.assertEqual(self.client.get(reverse("api:indicators")).status_code, 401)

    def test_it_refuses_other_methods_with_405(self) -> None:
        response = self.client.post(
            reverse("api:organizations"), headers={"Authorization": f"Bearer {self.region_secret}"}
        )
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, HEAD")

    def test_only_the_digest_of_the_secret_is_stored(self) -> None:
        token = ApiToken.objects.get(pk=self.region_token.pk)
        self.assertNotIn(self.region_secret, (token.digest, token.prefix, token.name))
        self.assertTrue(self.region_secret.startswith(token.prefix))

    def test_use_is_recorded(self) -> None:
        self.get(reverse("api:organizations"), self.region_secret)
        self.region_token.refresh_from_db()
        self.assertIsNotNone(self.region_token.last_used_at)


class ScopeTests(ApiTestCase):
    def ids(self, secret: str) -> set[int]:
        return {o["id"] for o in self.get(reverse("api:organizations"), secret).json()["results"]}

    def test_a_region_token_lists_the_organizations_of_its_region(self) -> None:
        w = self.w
        self.assertEqual(self.ids(self.region_secret), {w.org_a.pk, w.org_a2.pk, w.org_b.pk})

    def test_a_municipality_token_lists_only_its_organizations(self) -> None:
        self.assertEqual(self.ids(self.m_a_secret), {self.w.org_a.pk, self.w.org_a2.pk})

    def test_a_municipality_token_cannot_read_another_municipalitys_organization(self) -> None:
        for name in ("api:organization", "api:organization_indicators", "api:roadmap"):
            url = reverse(name, args=[self.w.org_b.pk])
            response = self.get(url, self.m_a_secret)
            self.assertEqual(response.status_code, 404, name)
            self.assertIn("error", response.json())
            self.assertEqual(self.get(url, self.m_b_secret).status_code, 200, name)

    def test_the_other_regions_token_sees_nothing_of_the_region(self) -> None:
        w = self.w
        self.assertEqual(self.ids(self.region2_secret), {w.org_c.pk})
        for org in (w.org_a, w.org_a2, w.org_b):
            for name in ("api:organization", "api:organization_indicators", "api:roadmap"):
                url = reverse(name, args=[org.pk])
                self.assertEqual(self.get(url, self.region2_secret).status_code, 404)
        for name in ("api:indicators", "api:municipalities", "api:organizations"):
            body = self.get(reverse(name), self.region2_secret).content.decode()
            for stem in ("Альф", "Бет", "Тестовая"):
                self.assertNotIn(stem, body, name)

    def test_municipalities_of_the_token(self) -> None:
        rows = self.get(reverse("api:municipalities"), self.region_secret).json()["results"]
        self.assertEqual(
            [(m["name"], m["organization_count"]) for m in rows],
            [("Альфинский район", 2), ("Бетинский район", 1)],
        )
        rows = self.get(reverse("api:municipalities"), self.m_b_secret).json()["results"]
        self.assertEqual([m["name"] for m in rows], ["Бетинский район"])

    def test_an_organization_shows_no_personal_data_but_the_heads_name(self) -> None:
        data = self.get(reverse("api:organization", args=[self.w.org_a.pk]), self.m_a_secret)
        body = data.json()
        self.assertEqual(body["head"]["name"], "Горелова Наталья Хамитовна")
        self.assertEqual(body["municipality"]["name"], "Альфинский район")
        self.assertNotIn("сотрудникова", data.content.decode())

    def test_a_wrong_organization_id_is_404(self) -> None:
        for raw in ("abc", "0", "99999999", "1.5", "-1"):
            response = self.get(f"/api/v1/organizations/{raw}", self.region_secret)
            self.assertEqual(response.status_code, 404, raw)


class ParameterTests(ApiTestCase):
    def test_wrong_year_or_page_is_400_with_a_message(self) -> None:
        for params in ({"year": "abc"}, {"year": "1999"}, {"year": "2026/2027"}, {"page": "0"}):
            response = self.get(reverse("api:indicators"), self.region_secret, **params)
            self.assertEqual(response.status_code, 400, params)
            self.assertIn("error", response.json())

    def test_the_year_defaults_to_the_current_one(self) -> None:
        body = self.get(reverse("api:indicators"), self.region_secret).json()
        today = timezone.localdate()
        start = today.year if today.month >= 9 else today.year - 1
        self.assertEqual(body["academic_year"], {"start": start, "name": f"{start}/{start + 1}"})

    def test_pages_of_a_fixed_size_in_a_stable_order(self) -> None:
        for i in range(PAGE_SIZE + 5):
            OrganizationFactory.create(municipality=self.w.m_b, short_name=f"Школа Бета-{i}")
        url = reverse("api:organizations")
        first = self.get(url, self.region_secret).json()
        second = self.get(url, self.region_secret, page=2).json()
        beyond = self.get(url, self.region_secret, page=3).json()
        self.assertEqual((first["count"], first["pages"]), (PAGE_SIZE + 8, 2))
        self.assertEqual(len(first["results"]), PAGE_SIZE)
        self.assertEqual(len(second["results"]), 8)
        self.assertEqual(beyond["results"], [])
        ids = [o["id"] for o in first["results"] + second["results"]]
        self.assertEqual(ids, sorted(ids))
        self.assertEqual(len(set(ids)), PAGE_SIZE + 8)


class FiguresTests(ApiTestCase):
    """A small hand-counted dataset in school A for the year 2020/2021."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        year = AcademicYear.objects.get_or_create(start_year=YEAR)[0]
        staff = list(w.org_a.staff.order_by("pk"))
        extra = [
            type(staff[0]).objects.create(
                organization=w.org_a, last_name=f"Альфновая{i}", first_name="Ольга"
            )
            for i in range(4)
        ]
        people = staff + extra  # 7 people
        for person in people[:2]:
            MentorProfile.objects.create(organization=w.org_a, staff=person, academic_year=year)
        MentorProfile.objects.create(
            organization=w.org_a,
            staff=people[2],
            academic_year=year,
            status=MentorProfile.Status.EXCLUDED,
        )
        statuses = ["paired", "paired", "waiting", "support", "excluded"]
        for person, status in zip(people[2:], statuses, strict=True):
            MenteeProfile.objects.create(
                organization=w.org_a,
                staff=person,
                academic_year=year,
                category="young",
                status=status,
            )
        # An active pair that started long ago, never met: flagged as formal.
        pair = Mentorship.objects.create(
            organization=w.org_a,
            academic_year=year,
            mentor=people[0],
            form="teacher_teacher",
            type=Mentorship.Type.INDIVIDUAL,
            starts_on=datetime.date(YEAR, 9, 1),
            ends_on=datetime.date(YEAR + 1, 5, 31),
        )
        pair.mentees.set([people[2]])
        # A finished group «head – teacher».
        group = Mentorship.objects.create(
            organization=w.org_a,
            academic_year=year,
            mentor=people[1],
            form="director_teacher",
            type=Mentorship.Type.GROUP,
            status=Mentorship.Status.COMPLETED,
            starts_on=datetime.date(YEAR, 9, 1),
            ends_on=datetime.date(YEAR + 1, 5, 31),
        )
        group.mentees.set([people[3], people[4]])
        # An active pair that met today but has an overdue program activity: flagged too.
        late = Mentorship.objects.create(
            organization=w.org_a,
            academic_year=year,
            mentor=people[1],
            form="teacher_teacher",
            starts_on=datetime.date(YEAR, 9, 1),
            ends_on=datetime.date(YEAR + 1, 5, 31),
        )
        late.mentees.set([people[5]])
        program = Program.objects.create(mentorship=late)
        ProgramActivity.objects.create(
            program=program, title="Посетить урок", due_on=datetime.date(YEAR, 10, 1)
        )
        # An active pair that met today and owes nothing: not flagged.
        fine = Mentorship.objects.create(
            organization=w.org_a,
            academic_year=year,
            mentor=people[0],
            form="teacher_teacher",
            starts_on=datetime.date(YEAR, 9, 1),
            ends_on=datetime.date(YEAR + 1, 5, 31),
        )
        fine.mentees.set([people[6]])
        today = timezone.localdate()
        for m in (late, fine):
            Meeting.objects.create(mentorship=m, kind="regular", date=today, topic="Т", held=True)
        Meeting.objects.create(
            mentorship=group,
            kind="final",
            date=datetime.date(YEAR + 1, 5, 20),
            topic="И",
            held=True,
        )
        Meeting.objects.create(
            mentorship=pair, kind="trial", date=datetime.date(YEAR, 9, 10), topic="П"
        )
        for kind, mentorship in (
            ("publication", group),
            ("publication", pair),
            ("open_lesson", group),
        ):
            PortfolioItem.objects.create(
                staff=people[3],
                mentorship=mentorship,
                kind=kind,
                date=datetime.date(YEAR, 12, 1),
                title="Статья",
            )
        PortfolioItem.objects.create(  # outside any mentorship, dated in the year
            staff=people[4], kind="course", date=datetime.date(YEAR + 1, 3, 1), title="Курсы"
        )
        PortfolioItem.objects.create(  # another year: not counted
            staff=people[4], kind="course", date=datetime.date(YEAR + 2, 3, 1), title="Курсы"
        )
        # Something in school B that must not leak into school A's figures.
        MentorProfile.objects.create(
            organization=w.org_b, staff=w.org_b.staff.earliest("pk"), academic_year=year
        )
        # The roadmap: one stage with one activity of each state, an empty second stage.
        roadmap = Roadmap.objects.create(organization=w.org_a, academic_year=year, title="ДК")
        stage = Stage.objects.create(roadmap=roadmap, order=1, title="Подготовка условий")
        Stage.objects.create(roadmap=roadmap, order=2, title="Завершение")
        for title, status, deadline in (
            ("Положение", Activity.Status.DONE, "Сентябрь"),
            ("Банк наставников", Activity.Status.IN_PROGRESS, ""),
            ("Анкетирование", Activity.Status.PLANNED, ""),
            ("Приказ", Activity.Status.PLANNED, "до 1 октября"),
            ("Совещание", Activity.Status.IN_PROGRESS, "Сентябрь"),
        ):
            Activity.objects.create(stage=stage, title=title, status=status, deadline=deadline)

    def test_the_indicators_of_a_school_match_the_hand_count(self) -> None:
        url = reverse("api:organization_indicators", args=[self.w.org_a.pk])
        body = self.get(url, self.m_a_secret, year=YEAR).json()
        self.assertEqual(body["academic_year"], {"start": YEAR, "name": "2020/2021"})
        self.assertEqual(body["mentors"], 2)
        self.assertEqual(body["mentees"], 4)
        self.assertEqual(body["mentees_waiting"], 1)
        self.assertEqual(body["mentees_support"], 1)
        self.assertEqual((body["mentorships"], body["pairs"], body["groups"]), (4, 3, 1))
        self.assertEqual(body["by_form"]["teacher_teacher"], {"pairs": 3, "groups": 0})
        self.assertEqual(body["by_form"]["director_teacher"], {"pairs": 0, "groups": 1})
        self.assertEqual(body["by_form"]["student_student"], {"pairs": 0, "groups": 0})
        self.assertEqual(
            body["by_status"], {"forming": 0, "active": 3, "completed": 1, "ended_early": 0}
        )
        self.assertEqual(body["meetings"], {"held": 3, "not_held": 1})
        self.assertEqual(body["portfolio"]["publication"], 2)
        self.assertEqual(body["portfolio"]["open_lesson"], 1)
        self.assertEqual(body["portfolio"]["course"], 1)
        self.assertEqual(body["flagged"], 2)

    def test_another_year_has_its_own_figures(self) -> None:
        url = reverse("api:organization_indicators", args=[self.w.org_a.pk])
        body = self.get(url, self.m_a_secret, year=YEAR + 1).json()
        self.assertEqual((body["mentors"], body["mentorships"], body["flagged"]), (0, 0, 0))

    def test_the_indicator_list_has_a_row_per_organization(self) -> None:
        body = self.get(reverse("api:indicators"), self.region_secret, year=YEAR).json()
        rows = {r["organization"]["id"]: r for r in body["results"]}
        self.assertEqual(set(rows), {self.w.org_a.pk, self.w.org_a2.pk, self.w.org_b.pk})
        self.assertEqual(rows[self.w.org_a.pk]["mentorships"], 4)
        self.assertEqual(rows[self.w.org_b.pk]["mentors"], 1)
        self.assertEqual(rows[self.w.org_a2.pk]["mentors"], 0)

    def test_roadmap_progress_counts_each_activity_once(self) -> None:
        url = reverse("api:roadmap", args=[self.w.org_a.pk])
        body = self.get(url, self.m_a_secret, year=YEAR).json()
        roadmap = body["roadmap"]
        expected = {"total": 5, "done": 1, "overdue": 2, "in_progress": 1, "planned": 1}
        self.assertEqual(roadmap["counts"], expected)
        self.assertEqual(
            [s["title"] for s in roadmap["stages"]], ["Подготовка условий", "Завершение"]
        )
        self.assertEqual(roadmap["stages"][0]["counts"], expected)
        self.assertEqual(roadmap["stages"][1]["counts"]["total"], 0)

    def test_no_roadmap_is_null(self) -> None:
        url = reverse("api:roadmap", args=[self.w.org_a2.pk])
        self.assertIsNone(self.get(url, self.m_a_secret, year=YEAR).json()["roadmap"])

    def test_lists_cost_the_same_queries_for_one_and_for_many_organizations(self) -> None:
        for name in ("api:indicators", "api:organizations", "api:municipalities"):
            counts = []
            for secret in (self.m_b_secret, self.region_secret):
                with CaptureQueriesContext(connection) as queries:
                    response = (
                        self.get(reverse(name), secret, year=YEAR)
                        if name == ("api:indicators")
                        else self.get(reverse(name), secret)
                    )
                self.assertEqual(response.status_code, 200)
                counts.append(len(queries))
            self.assertEqual(counts[0], counts[1], name)
        for i in range(5):
            OrganizationFactory.create(municipality=self.w.m_a, short_name=f"Школа Альфа-{i}")
        with self.assertNumQueries(counts[0]):
            self.get(reverse("api:municipalities"), self.region_secret)


class TokenPageTests(BaseTestCase):
    def test_the_administrator_creates_a_region_token_and_sees_it_once(self) -> None:
        self.login(self.w.admin)
        url = reverse("api:region_tokens", args=[self.w.region.pk])
        response = self.client.post(url, {"action": "create", "name": "Система РЦ"})
        self.assertEqual(response.status_code, 200)
        token = ApiToken.objects.get(name="Система РЦ")
        self.assertEqual((token.region, token.municipality), (self.w.region, None))
        secret = response.context["secret"]
        self.assertContains(response, secret)
        self.assertTrue(AuditEvent.objects.filter(action="api_token_create").exists())
        page = self.client.get(url)
        self.assertContains(page, "Система РЦ")
        self.assertNotContains(page, secret)
        api = self.client.get(
            reverse("api:organizations"), headers={"Authorization": f"Bearer {secret}"}
        )
        self.assertEqual(api.status_code, 200)

    def test_the_municipal_methodologist_revokes_a_token_of_the_municipality(self) -> None:
        token, _secret = api_token_create(actor=None, name="Отдел", municipality=self.w.m_a)
        self.login(self.w.municipal_a)
        url = reverse("api:municipality_tokens", args=[self.w.m_a.pk])
        self.assertContains(self.client.get(url), "Отдел")
        response = self.client.post(url, {"action": "revoke", "token": token.pk})
        self.assertRedirects(response, url)
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)
        self.assertTrue(AuditEvent.objects.filter(action="api_token_revoke").exists())

    def test_a_methodologist_cannot_revoke_another_municipalitys_token(self) -> None:
        token, _secret = api_token_create(actor=None, name="Бетинский", municipality=self.w.m_b)
        self.login(self.w.municipal_a)
        url = reverse("api:municipality_tokens", args=[self.w.m_a.pk])
        self.assertNotContains(self.client.get(url), "Бетинский")
        response = self.client.post(url, {"action": "revoke", "token": token.pk})
        self.assertEqual(response.status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_pages_of_other_scopes_are_404(self) -> None:
        w = self.w
        cases = [
            (w.municipal_a, reverse("api:municipality_tokens", args=[w.m_b.pk]), 404),
            (w.admin2, reverse("api:municipality_tokens", args=[w.m_a.pk]), 404),
            (w.admin2, reverse("api:region_tokens", args=[w.region.pk]), 404),
            (w.regional, reverse("api:region_tokens", args=[w.region.pk]), 403),
            (w.curator_a, reverse("api:municipality_tokens", args=[w.m_a.pk]), 403),
        ]
        for user, url, status in cases:
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, status, (user, url))

    def test_the_links_lead_to_the_token_pages(self) -> None:
        self.login(self.w.municipal_a)
        page = self.client.get(reverse("organizations:municipality_detail", args=[self.w.m_a.pk]))
        self.assertContains(page, reverse("api:municipality_tokens", args=[self.w.m_a.pk]))
        self.login(self.w.admin)
        page = self.client.get(reverse("banks:region_banks", args=[self.w.region.pk]))
        self.assertContains(page, reverse("api:region_tokens", args=[self.w.region.pk]))
        self.login(self.w.regional)
        page = self.client.get(reverse("banks:region_banks", args=[self.w.region.pk]))
        self.assertNotContains(page, reverse("api:region_tokens", args=[self.w.region.pk]))

    def test_the_description_page_and_the_schema_are_public(self) -> None:
        page = self.client.get(reverse("api:docs"))
        self.assertContains(page, "/api/v1/indicators")
        schema = self.client.get(reverse("api:openapi")).json()
        self.assertEqual(schema["openapi"], "3.0.3")
