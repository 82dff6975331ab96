import io
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.core.context import ACADEMIC_YEAR_SESSION_KEY
from nastavnik.core.models import AuditEvent
from nastavnik.monitoring.models import ControlPoint
from nastavnik.monitoring.tests import data
from nastavnik.testing import BaseTestCase, OrganizationFactory


class PagesTestCase(BaseTestCase):
    d: dict[str, Any]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.d = data.build(cls.w)

    def open(self, user, name, *args, **params):  # type: ignore[no-untyped-def]
        self.login(user)
        session = self.client.session
        session[ACADEMIC_YEAR_SESSION_KEY] = self.d["year"].pk
        session.save()
        return self.client.get(reverse(f"monitoring:{name}", args=args), params)


class AccessTests(PagesTestCase):
    def test_the_organization_dashboard_is_for_its_observers_only(self) -> None:
        w = self.w
        allowed = [w.admin, w.regional, w.municipal_a, w.director_a, w.curator_a]
        for user in allowed:
            with self.subTest(user.username):
                self.assertEqual(
                    self.open(user, "organization_dashboard", w.org_a.pk).status_code, 200
                )
        for user in [w.admin2, w.municipal_b, w.curator_b]:
            with self.subTest(user.username):
                self.assertEqual(
                    self.open(user, "organization_dashboard", w.org_a.pk).status_code, 404
                )
        for user in [w.mentor_a, w.mentee_a, w.nobody]:  # no observer role at all
            with self.subTest(user.username):
                self.assertEqual(
                    self.open(user, "organization_dashboard", w.org_a.pk).status_code, 403
                )

    def test_a_methodologist_of_another_municipality_gets_404(self) -> None:
        w = self.w
        for name in ("municipality_dashboard", "municipality_report"):
            self.assertEqual(self.open(w.municipal_a, name, w.m_a.pk).status_code, 200)
            self.assertEqual(self.open(w.regional, name, w.m_a.pk).status_code, 200)
            self.assertEqual(self.open(w.admin, name, w.m_a.pk).status_code, 200)
            for user in (w.municipal_b, w.admin2):
                with self.subTest(name=name, user=user.username):
                    self.assertEqual(self.open(user, name, w.m_a.pk).status_code, 404)
            for user in (w.curator_a, w.director_a, w.nobody):  # not an overseer anywhere
                with self.subTest(name=name, user=user.username):
                    self.assertEqual(self.open(user, name, w.m_a.pk).status_code, 403)

    def test_the_region_dashboard_is_for_its_admin_and_regional_methodologist(self) -> None:
        w = self.w
        for name in ("region_dashboard", "region_report"):
            self.assertEqual(self.open(w.regional, name, w.region.pk).status_code, 200)
            self.assertEqual(self.open(w.admin, name, w.region.pk).status_code, 200)
            self.assertEqual(self.open(w.admin2, name, w.region.pk).status_code, 404)
            for user in (w.municipal_a, w.curator_a, w.nobody):  # no regional role
                with self.subTest(name=name, user=user.username):
                    self.assertEqual(self.open(user, name, w.region.pk).status_code, 403)
            self.assertEqual(self.open(w.regional, name, w.region2.pk).status_code, 404)

    def test_the_control_list_is_for_observers_and_changed_by_managers(self) -> None:
        w = self.w
        self.assertEqual(self.open(w.municipal_b, "control_list", w.org_a.pk).status_code, 404)
        self.login(w.municipal_a)
        url = reverse("monitoring:control_list", args=[w.org_a.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        before = ControlPoint.objects.count()
        self.client.post(url, {"kind": "interim", "due_on": "2025-01-15", "title": "Зима"})
        self.assertEqual(ControlPoint.objects.count(), before)


class DashboardTests(PagesTestCase):
    def test_the_school_sees_its_figures_with_links_to_the_lists(self) -> None:
        response = self.open(self.w.curator_a, "organization_dashboard", self.w.org_a.pk)
        figures = response.context["figures"]
        self.assertEqual(figures["mentees"], 4)
        html = response.content.decode()
        bank = reverse("banks:mentee_bank", args=[self.w.org_a.pk])
        self.assertIn(f'href="{bank}?status=waiting" data-figure="waiting"', html)
        pairs = reverse("mentorships:mentorship_list", args=[self.w.org_a.pk])
        self.assertIn(f'href="{pairs}" data-figure="flagged"', html)
        self.assertIn("67\u00a0%", html)
        self.assertIn('id="chart-years"', html)
        self.assertNotIn("<script>", html)

    def test_last_year_is_shown_beside_this_year(self) -> None:
        response = self.open(self.w.curator_a, "organization_dashboard", self.w.org_a.pk)
        lines = {line.indicator.key: line for line in response.context["lines"]}
        self.assertEqual(lines["mentees"].now, 4)
        self.assertEqual(lines["mentees"].before, 3)  # the three mentees of 2023/24
        self.assertEqual(lines["mentees"].change, 1)

    def test_a_municipality_figure_opens_the_organizations_sorted_by_it(self) -> None:
        response = self.open(
            self.w.municipal_a, "municipality_dashboard", self.w.m_a.pk, sort="mentees"
        )
        rows = response.context["rows"]
        self.assertEqual([r["name"] for r in rows], ["Школа Альфа", "Колледж Альфа-2"])
        self.assertEqual(response.context["figures"]["waiting"], 2)
        html = response.content.decode()
        base = reverse("monitoring:municipality_dashboard", args=[self.w.m_a.pk])
        self.assertIn(f'href="{base}?sort=waiting#rows" data-figure="waiting"', html)
        self.assertIn('aria-sort="descending"><a href="?sort=mentees#rows"', html)
        org = reverse("monitoring:organization_dashboard", args=[self.w.org_a.pk])
        self.assertIn(f'href="{org}"', html)

    def test_the_region_drills_down_to_its_municipalities(self) -> None:
        response = self.open(self.w.regional, "region_dashboard", self.w.region.pk, sort="mentees")
        names = [r["name"] for r in response.context["rows"]]
        self.assertEqual(names, ["Альфинский район", "Бетинский район"])
        self.assertEqual(response.context["rows"][0]["figures"]["mentees"], 5)
        self.assertContains(
            response, reverse("monitoring:municipality_dashboard", args=[self.w.m_a.pk])
        )

    def queries(self, user, name, pk):  # type: ignore[no-untyped-def]
        self.open(user, name, pk)  # warm the session and the defaults
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.open(user, name, pk).status_code, 200)
        return len(captured.captured_queries)

    def test_dashboards_cost_the_same_queries_for_one_and_many_organizations(self) -> None:
        w = self.w
        municipality_before = self.queries(w.municipal_b, "municipality_dashboard", w.m_b.pk)
        region_before = self.queries(w.regional, "region_dashboard", w.region.pk)
        for i in range(6):
            OrganizationFactory.create(municipality=w.m_b, short_name=f"Новая школа {i}")
        self.assertEqual(
            self.queries(w.municipal_b, "municipality_dashboard", w.m_b.pk), municipality_before
        )
        self.assertEqual(self.queries(w.regional, "region_dashboard", w.region.pk), region_before)
        # The pages alone: the session, the user, the roles, the region or municipality, the
        # year, the organizations (and the municipalities), last year, the rules, the
        # indicators of both years (12), the years of the menu… (32 and 31 before both years
        # were read together.)
        self.assertEqual(self.page_queries(w.regional, "region_dashboard", w.region.pk), 22)
        self.assertEqual(self.page_queries(w.municipal_b, "municipality_dashboard", w.m_b.pk), 21)

    def page_queries(self, user, name, pk):  # type: ignore[no-untyped-def]
        """The queries of the page alone (not of the login and the session that `open` makes)."""
        self.open(user, name, pk)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(reverse(f"monitoring:{name}", args=[pk]))
        self.assertEqual(response.status_code, 200)
        return len(captured.captured_queries)

    def test_the_organization_dashboard_costs_a_fixed_number_of_queries(self) -> None:
        from nastavnik.mentorships.models import Meeting, Mentorship, Program, ProgramActivity

        w, year = self.w, self.d["year"]
        # Both years with pairs (last year's list of pairs is read only when it has some).
        years = [year, data.years()[2023]]
        mentor = data.person(w, "Наставникова-последняя", data.D(1970, 1, 1), 20)
        Mentorship.objects.create(
            organization=w.org_a,
            academic_year=years[1],
            mentor=mentor,
            starts_on=data.D(2023, 10, 1),
            ends_on=data.D(2024, 5, 31),
            status="completed",
        )
        first = self.page_queries(w.curator_a, "organization_dashboard", w.org_a.pk)
        # The session, the user, the roles, the organization, the year, the control points,
        # last year, the region's rules, the indicators of both years (12), the pairs with
        # their flags of each year (5 + 5), the held meetings of the control summary, the
        # years of the menu. (41 before the indicators of both years were read together.)
        self.assertEqual(first, 32)
        for i in range(5):
            for y in years:
                mentee = data.person(w, f"Новая{i}-{y.start_year}", data.D(1999, 1, 1), 1)
                m = Mentorship.objects.create(
                    organization=w.org_a,
                    academic_year=y,
                    mentor=mentor,
                    starts_on=data.D(y.start_year, 10, 1),
                    ends_on=data.D(y.start_year + 1, 5, 31),
                    status="active",
                )
                m.mentees.set([mentee])
                Meeting.objects.create(
                    mentorship=m,
                    kind="regular",
                    date=data.D(y.start_year, 11, 1),
                    topic="e",
                    held=True,
                )
                ProgramActivity.objects.create(
                    program=Program.objects.create(mentorship=m),
                    title="z",
                    due_on=data.D(y.start_year, 12, 1),
                )
        self.assertEqual(
            self.page_queries(w.curator_a, "organization_dashboard", w.org_a.pk), first
        )


class ControlTests(PagesTestCase):
    def test_the_default_schedule_is_created_once_with_an_audit_row(self) -> None:
        self.open(self.w.curator_a, "control_list", self.w.org_a.pk)
        self.open(self.w.curator_a, "organization_dashboard", self.w.org_a.pk)
        points = ControlPoint.objects.filter(
            organization=self.w.org_a, academic_year=self.d["year"]
        )
        self.assertEqual(
            [(p.kind, p.due_on) for p in points],
            [("interim", data.D(2025, 4, 15)), ("final", data.D(2025, 6, 1))],
        )
        self.assertEqual(AuditEvent.objects.filter(action="control_schedule_create").count(), 1)

    def test_a_pair_with_a_meeting_in_the_period_is_done(self) -> None:
        response = self.open(self.w.curator_a, "control_list", self.w.org_a.pk)
        rows = {r["mentorship"].pk: r["statuses"] for r in response.context["rows"]}
        # M1 met on 20.02.2025 (before 15.04), M2 on 01.11.2024; nothing after 15.04.
        self.assertTrue(rows[self.d["m1"].pk][0].done)
        self.assertEqual(rows[self.d["m1"].pk][0].meeting_on, data.D(2025, 2, 20))
        self.assertFalse(rows[self.d["m1"].pk][1].done)
        summary = response.context["summary"]
        self.assertEqual((summary[0]["done"], summary[0]["no_data"]), (3, 1))
        self.assertContains(response, 'id="control-rows"')

    def test_the_curator_adds_and_deletes_a_control_point(self) -> None:
        self.open(self.w.curator_a, "control_list", self.w.org_a.pk)
        url = reverse("monitoring:control_list", args=[self.w.org_a.pk])
        self.client.post(url, {"kind": "interim", "due_on": "2025-01-15", "title": "Зимний срез"})
        point = ControlPoint.objects.get(title="Зимний срез")
        self.assertEqual(point.academic_year, self.d["year"])
        other = ControlPoint.objects.create(
            organization=self.w.org_b,
            academic_year=self.d["year"],
            kind="final",
            due_on=data.D(2025, 6, 1),
            title="Чужая",
        )
        self.assertEqual(self.client.post(url, {"delete": other.pk}).status_code, 404)
        self.client.post(url, {"delete": point.pk})
        self.assertFalse(ControlPoint.objects.filter(pk=point.pk).exists())


class ReportTests(PagesTestCase):
    def test_the_municipality_report_has_a_row_per_organization_and_totals(self) -> None:
        response = self.open(self.w.municipal_a, "municipality_report", self.w.m_a.pk)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertIn("2024/2025", rows[0][0])
        self.assertEqual(rows[1][0], "Альфинский район")
        self.assertIn("01.09.2024", rows[2][0])
        headers = rows[4]
        self.assertEqual(headers[:2], ["Муниципалитет", "Организация"])
        body = {r[1]: dict(zip(headers, r, strict=True)) for r in rows[5:]}
        self.assertEqual(list(body)[:2], ["Колледж Альфа-2", "Школа Альфа"])
        mentees = headers[3]
        self.assertEqual(body["Школа Альфа"][mentees], 4)
        self.assertEqual(body["Колледж Альфа-2"][mentees], 1)
        self.assertEqual(list(body.values())[-1][mentees], 5)  # the totals row
        self.assertEqual(len(body), 3)
        self.assertEqual(len(headers), 2 + len(data.EXPECTED) + 6)  # and the six forms
        teacher_teacher = headers[2 + len(data.EXPECTED)]
        self.assertIn("учитель – учитель", teacher_teacher)
        self.assertEqual(body["Школа Альфа"][teacher_teacher], 3)
        self.assertEqual(list(body.values())[-1][teacher_teacher], 3)

    def test_the_region_report_lists_every_organization_of_the_region(self) -> None:
        response = self.open(self.w.regional, "region_report", self.w.region.pk)
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = [row[1].value for row in sheet.iter_rows(min_row=6)]
        self.assertEqual(names[:3], ["Колледж Альфа-2", "Школа Альфа", "Школа Бета"])
        self.assertEqual(len(names), 4)  # and the totals


class ControlStatusTests(PagesTestCase):
    def test_a_point_ahead_without_a_meeting_waits_instead_of_having_no_data(self) -> None:
        from nastavnik.monitoring import control

        points = control.schedule(self.w.org_a, self.d["year"])
        statuses = control.statuses(points, [self.d["m2"]], data.TODAY)
        interim = statuses[(self.d["m2"].pk, points[0].pk)]
        self.assertTrue(interim.done)  # met on 01.11.2024
        final = statuses[(self.d["m2"].pk, points[1].pk)]
        self.assertFalse(final.done)
        self.assertTrue(final.pending)
        late = control.statuses(points, [self.d["m2"]], data.D(2025, 6, 2))
        self.assertFalse(late[(self.d["m2"].pk, points[1].pk)].pending)
