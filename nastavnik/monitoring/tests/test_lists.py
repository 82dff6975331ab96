"""The lists behind the figures of the dashboards: portfolio outputs, attestation results and
awards, each scoped like its dashboard and counting what its figure counts."""

import datetime

from django.urls import reverse

from nastavnik.monitoring.tests.test_pages import PagesTestCase
from nastavnik.practices.models import Nomination
from nastavnik.testing import StaffMemberFactory

D = datetime.date


class FigureListTests(PagesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w, year = cls.w, cls.d["year"]
        # School B (another municipality of the same region): one output and one award.
        beta = StaffMemberFactory.create(organization=w.org_b, last_name="Бетмолодая")
        beta.portfolio.create(kind="publication", date=D(2024, 11, 5), title="Бетстатья")
        Nomination.objects.create(
            organization=w.org_b, academic_year=year, staff=beta, kind="diploma", status="approved"
        )
        alpha = w.org_a.staff.get(last_name="Наставникова1")
        Nomination.objects.create(
            organization=w.org_a, academic_year=year, staff=alpha, kind="letter", status="approved"
        )
        # A proposed nomination is no award yet.
        Nomination.objects.create(
            organization=w.org_a, academic_year=year, staff=alpha, kind="diploma"
        )

    def titles(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        return [str(getattr(i, "title", "") or i.staff.last_name) for i in response.context["page"]]

    def test_the_school_lists_what_its_figures_count(self) -> None:
        w = self.w
        dashboard = self.open(w.curator_a, "organization_dashboard", w.org_a.pk)
        figures = dashboard.context["figures"]
        for figure, expected in (
            ("portfolio", ["o"]),  # the open lesson of the year (the course is of last year)
            ("attestation", ["a"]),
            ("awards", ["Наставникова1"]),  # approved only
        ):
            with self.subTest(figure):
                response = self.open(w.curator_a, "organization_figure", w.org_a.pk, figure)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self.titles(response), expected)
                self.assertEqual(response.context["page"].paginator.count, figures[figure])
                self.assertFalse(response.context["show_organization"])
                url = reverse("monitoring:organization_figure", args=[w.org_a.pk, figure])
                self.assertContains(dashboard, f'href="{url}" data-figure="{figure}"')

    def test_the_municipality_lists_its_organizations_only_with_their_names(self) -> None:
        w = self.w
        response = self.open(w.municipal_a, "municipality_figure", w.m_a.pk, "portfolio")
        self.assertEqual(self.titles(response), ["o"])
        self.assertContains(response, "Школа Альфа")
        self.assertNotContains(response, "Бет")
        awards = self.open(w.municipal_a, "municipality_figure", w.m_a.pk, "awards")
        self.assertEqual(self.titles(awards), ["Наставникова1"])
        self.assertNotContains(awards, "Бет")
        # The methodologist of the other municipality sees his own and nothing of this one.
        own = self.open(w.municipal_b, "municipality_figure", w.m_b.pk, "portfolio")
        self.assertEqual(self.titles(own), ["Бетстатья"])
        self.assertContains(own, "Школа Бета")
        self.assertNotContains(own, "Альф")
        self.assertNotContains(own, "Молодая1")
        for figure in ("portfolio", "attestation", "awards"):
            with self.subTest(figure):
                self.assertEqual(
                    self.open(w.municipal_b, "municipality_figure", w.m_a.pk, figure).status_code,
                    404,
                )
                self.assertEqual(
                    self.open(w.municipal_a, "organization_figure", w.org_b.pk, figure).status_code,
                    404,
                )
        dashboard = self.open(w.municipal_a, "municipality_dashboard", w.m_a.pk)
        url = reverse("monitoring:municipality_figure", args=[w.m_a.pk, "awards"])
        self.assertContains(dashboard, f'href="{url}" data-figure="awards"')

    def test_the_region_lists_every_organization_of_the_region(self) -> None:
        w = self.w
        response = self.open(w.regional, "region_figure", w.region.pk, "portfolio")
        self.assertEqual(self.titles(response), ["Бетстатья", "o"])
        self.assertTrue(response.context["show_organization"])
        awards = self.open(w.regional, "region_figure", w.region.pk, "awards")
        self.assertEqual(
            [i.organization.short_name for i in awards.context["page"]],
            ["Школа Альфа", "Школа Бета"],
        )
        self.assertEqual(
            self.open(w.regional, "region_figure", w.region2.pk, "awards").status_code, 404
        )
        self.assertEqual(
            self.open(w.municipal_a, "region_figure", w.region.pk, "awards").status_code, 403
        )
        dashboard = self.open(w.regional, "region_dashboard", w.region.pk)
        url = reverse("monitoring:region_figure", args=[w.region.pk, "attestation"])
        self.assertContains(dashboard, f'href="{url}" data-figure="attestation"')

    def test_roles_without_a_dashboard_and_unknown_figures_get_nothing(self) -> None:
        w = self.w
        for user in (w.mentor_a, w.mentee_a, w.nobody):
            with self.subTest(user.username):
                response = self.open(user, "organization_figure", w.org_a.pk, "portfolio")
                self.assertEqual(response.status_code, 403)
        self.assertEqual(
            self.open(w.curator_b, "organization_figure", w.org_a.pk, "portfolio").status_code,
            404,
        )
        self.assertEqual(
            self.open(w.curator_a, "organization_figure", w.org_a.pk, "mentors").status_code, 404
        )


class RowLinkTests(PagesTestCase):
    def test_each_figure_of_the_tables_opens_the_list_behind_it(self) -> None:
        w = self.w
        response = self.open(w.municipal_a, "municipality_dashboard", w.m_a.pk)
        bank = reverse("banks:mentee_bank", args=[w.org_a.pk])
        self.assertContains(
            response, f'href="{bank}" class="link-body-emphasis" data-cell="mentees"'
        )
        staff = reverse("staff:staff_list", args=[w.org_a.pk])
        self.assertContains(response, f'href="{staff}?young=1" data-figure="young_share"', 0)
        self.assertContains(
            response, f'href="{staff}?young=1" class="link-body-emphasis" data-cell="young_share"'
        )
        # The methodologist may open the list the cell leads to.
        self.assertEqual(self.client.get(bank).status_code, 200)
        region = self.open(w.regional, "region_dashboard", w.region.pk)
        sorted_ = (
            reverse("monitoring:municipality_dashboard", args=[w.m_a.pk]) + "?sort=mentees#rows"
        )
        self.assertContains(
            region, f'href="{sorted_}" class="link-body-emphasis" data-cell="mentees"'
        )
        # Every cell of both tables is a link.
        for page in (response, region):
            html = page.content.decode()
            cells = html.count('data-cell="')
            self.assertEqual(cells, len(page.context["rows"]) * len(page.context["columns"]))

    def test_every_figure_of_the_three_dashboards_has_a_link(self) -> None:
        w = self.w
        for user, name, pk in (
            (w.curator_a, "organization_dashboard", w.org_a.pk),
            (w.municipal_a, "municipality_dashboard", w.m_a.pk),
            (w.regional, "region_dashboard", w.region.pk),
        ):
            with self.subTest(name):
                lines = self.open(user, name, pk).context["lines"]
                self.assertEqual([line.indicator.key for line in lines if not line.url], [])
