from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nastavnik.banks.selectors import rules_for
from nastavnik.monitoring import indicators
from nastavnik.monitoring.tests import data
from nastavnik.testing import BaseTestCase


class IndicatorsTests(BaseTestCase):
    d: dict[str, Any]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.d = data.build(cls.w)

    def compute(self, *orgs):  # type: ignore[no-untyped-def]
        return indicators.compute(
            [o.pk for o in orgs],
            self.d["year"],
            rules=rules_for(self.w.region),
            today=data.TODAY,
        )

    def test_each_figure_of_the_school_matches_the_hand_count(self) -> None:
        figures = self.compute(self.w.org_a)[self.w.org_a.pk]
        for key, expected in data.EXPECTED.items():
            with self.subTest(key):
                self.assertEqual(figures[key], expected)

    def test_pairs_are_counted_by_form_and_type(self) -> None:
        figures = self.compute(self.w.org_a)[self.w.org_a.pk]
        self.assertEqual(figures.by_form, {"teacher_teacher": 3, "director_teacher": 1})
        self.assertEqual(figures.by_type, {"individual": 3, "group": 1})
        self.assertEqual(figures.portfolio_by_kind, {"open_lesson": 1, "attestation": 1})

    def test_the_total_of_a_municipality_adds_its_organizations(self) -> None:
        figures = self.compute(self.w.org_a, self.w.org_a2)
        total = indicators.total(figures.values())
        self.assertEqual(total["mentees"], 5)
        self.assertEqual(total["waiting"], 2)
        self.assertEqual(total["young_share"], 67)
        self.assertEqual(total["satisfaction_mentee"], 7.0)
        self.assertEqual(total["retention_1"], 67)
        self.assertEqual(figures[self.w.org_a2.pk]["mentorships"], 0)
        self.assertIsNone(figures[self.w.org_a2.pk]["satisfaction_mentee"])

    def test_an_awards_counter_of_another_app_is_added(self) -> None:
        def counter(ids, year):  # type: ignore[no-untyped-def]
            return {self.w.org_a.pk: 5}

        indicators.register_award_counter(counter)
        try:
            figures = self.compute(self.w.org_a)
        finally:
            indicators.AWARD_COUNTERS.remove(counter)
        self.assertEqual(figures[self.w.org_a.pk]["awards"], 5)

    def test_the_number_of_queries_does_not_grow_with_organizations(self) -> None:
        counts = []
        for orgs in ((self.w.org_a,), (self.w.org_a, self.w.org_a2, self.w.org_b)):
            rules = rules_for(self.w.region)
            with CaptureQueriesContext(connection) as captured:
                indicators.compute(
                    [o.pk for o in orgs], self.d["year"], rules=rules, today=data.TODAY
                )
            counts.append(len(captured.captured_queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 12)

    def test_young_filter_agrees_with_the_badges_of_the_banks(self) -> None:
        from nastavnik.banks.selectors import badges
        from nastavnik.staff.models import StaffMember

        rules = rules_for(self.w.region)
        staff = StaffMember.objects.filter(organization=self.w.org_a, is_active=True)
        by_filter = set(staff.filter(indicators.young_filter(rules, data.TODAY)))
        by_badges = {s for s in staff if badges(s, rules, data.TODAY).young}
        self.assertEqual(by_filter, by_badges)
