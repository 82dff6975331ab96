"""Each indicator of the dashboards against the demo region, counted by hand from the demo
definitions (nastavnik/*/demo.py), for the demo school, its municipality and the region, this
year and the finished year before.

The demo lays out the current year relative to today (pairs started 60 days ago…), so the
clock is fixed at 20.11.2026: the current year is 2026/2027 and the previous one 2025/2026.
A few figures come from seeded random draws of the demo (the ages of the generated staff,
the capacities of the mentors, the survey marks): their comments name the draws, which were
read once from the seeded data and added up by hand.
"""

import datetime
from typing import Any, ClassVar
from unittest import mock

from django.test import TestCase

from nastavnik.core.demo import demo_seed
from nastavnik.core.models import AcademicYear
from nastavnik.monitoring import dashboard
from nastavnik.organizations.models import Municipality, Organization, Region

NOW = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 20)

# The demo school (МБОУ «СОШ № 1»), 2026/2027.
SCHOOL_NOW: dict[str, Any] = {
    # banks.demo: the demo mentor and 5 veterans (mentors[:6]); none excluded.
    "mentors": 6,
    # banks.demo adds mentees[:-1] = the demo mentee and 5 young teachers (6); matching.demo
    # adds «free places + 1 − waiting» = 7 + 1 − 1 = 7 more (below): 6 + 7 = 13.
    "mentees": 13,
    # Every mentee of the bank got a pair except one, whom matching.demo put on the support
    # list; the indicator «waiting» counts the status «waiting» only: none is left there.
    "waiting": 0,
    "support": 1,
    # core.demo._profile_details: each generated teacher is young with probability 0.2
    # (Random(seed 1)), plus the demo mentee: 11 of the school's 40 + 2 leavers (inactive).
    "young": 11,
    # Mentees in a pair or group who are young: the 6 of banks.demo are young by choice
    # (5 of them in pairs: mentorships.demo 4 + the situational pair of demo_completion),
    # and of the 7 least experienced teachers matching.demo added, one is young: 5 + 1 = 6.
    "young_with_mentor": 6,
    "young_share": 55,  # 6 / 11 = 54.5 % → 55 %
    # mentorships.demo: a pair, a group, the «formal» pair (3); demo_completion: a situational
    # pair (1); matching.demo: one individual pair per free place of the mentors with the
    # duties consent — capacities (Random(42)) 2 + 3 + 2 + 3 + 2 = 12 less the 5 mentees they
    # already have (2 + 2 + 1 + 0 + 0) = 7. Total 3 + 1 + 7 = 11: one group, 10 pairs.
    "mentorships": 11,
    "pairs": 10,
    "groups": 1,
    # The «formal» pair met once 60 days ago (more than the region's 30 days) and has overdue
    # program activities: flagged, and the only one late. The other 10 are on time.
    "flagged": 1,
    "on_time": 10,
    "late": 1,
    "completed": 0,
    "ended_early": 0,
    # Held: the pair 4, the group 2, the formal pair 1, the situational pair 5 = 12; planned
    # (all meetings of the year): those 12 + the pair's next meeting, not held yet = 13.
    "meetings_held": 12,
    "meetings_planned": 13,
    # No satisfaction survey and only the «before» growth survey in this year yet.
    "satisfaction_mentor": None,
    "satisfaction_mentee": None,
    "growth": None,
    # Last year's 7 mentees (5 young teachers + the 2 leavers of monitoring.demo): 5 of 7
    # still on the staff = 71 %; no mentees two years ago.
    "retention_1": 71,
    "retention_2": None,
    # The course of the demo mentee (mentorships.demo) and the open lesson of the situational
    # pair (demo_completion); no attestation result this year.
    "portfolio": 2,
    "attestation": 0,
    # practices.demo: this year's nomination is only proposed, not approved.
    "awards": 0,
}

# The demo school, 2025/2026 (monitoring.demo, practices.demo).
SCHOOL_BEFORE: dict[str, Any] = {
    "mentors": 4,  # four mentor profiles, all active
    "mentees": 7,  # five young teachers + the two leavers, all «completed»
    "waiting": 0,
    "support": 0,
    "young": 11,  # the same 11 on the staff on 31.08.2026 (the leavers are inactive)
    "young_with_mentor": 5,  # the five young mentees still on the staff
    "young_share": 45,  # 5 / 11 = 45.5 % → 45 %
    # The plan of five: individual 0, group 1+5, group 2+6, individual 3 (director–teacher),
    # individual 4 (ended early on 14.02); four completed.
    "mentorships": 5,
    "pairs": 3,
    "groups": 2,
    "flagged": 0,  # none is active any more
    "on_time": 0,
    "late": 0,
    "completed": 4,
    "ended_early": 1,
    # Meetings on day 2, 32, … 212 from 01.10: 8 for each of the four run to 29.05; the one
    # ended on 14.02 had 5 (days 2 … 122). 4 × 8 + 5 = 37, of which one of mentor 2 fell
    # through: 36 held.
    "meetings_held": 36,
    "meetings_planned": 37,
    # Marks of the «satisfaction» question, seeded (Random(2024)): the mentors (3 of the 4
    # answered) 10, 6, 8 → 24 / 3 = 8.0; the mentees still on the staff (4 of the 5
    # answered) 7, 9, 7, 8 → 31 / 4 = 7.75.
    "satisfaction_mentor": 8.0,
    "satisfaction_mentee": 7.75,
    # Self-assessment with marks from [2, 2, 3, 3, 4] at the start and [3, 4, 4, 4, 5] at the
    # end, seeded: the mean change of the 8 matched questions is 51/40 = +1.275 exactly, +1.28
    # to hundredths. (It read 1.27 while the mean was a sum of floats: their order, which the
    # database decides, made it 1.27 on SQLite and 1.28 on PostgreSQL.)
    "growth": 1.28,
    "retention_1": None,  # no mentees in 2024/2025
    "retention_2": None,
    # Three outputs for each of the six mentees who completed, two for the one who left
    # early: 6 × 3 + 2 = 20; attestation results for mentees 0 and 1: 2.
    "portfolio": 20,
    "attestation": 2,
    "awards": 1,  # the approved diploma of the demo mentor in last year's reward order
}

# The college (staff.demo.demo_college), 2026/2027: its own figures, which the municipality
# and the region add to the school's.
COLLEGE_NOW: dict[str, Any] = {
    # The employer's mentor Крылова and the student mentor Миронова.
    "mentors": 2,
    # Ершова, Калинин, Субботина (in_pairs less the student mentor); Калинин has no pair.
    "mentees": 3,
    "waiting": 1,
    # Teachers of the college's staff (students and external mentors are other kinds) drawn
    # young by core.demo._profile_details (Random(seed 2)); the mentees are students, so
    # none of the young teachers has a mentor.
    "young": 5,
    "young_with_mentor": 0,
    # «работодатель – студент» and «студент – студент», both individual pairs started 30 days
    # ago; the organizational meeting of each default program was due on the first day and
    # is not held: both late, and so flagged as formal.
    "mentorships": 2,
    "pairs": 2,
    "late": 2,
    "on_time": 0,
    "flagged": 2,
}
# The young teachers of the college a year earlier (the same people) and of the Ozyorsk school
# (Random(seed 3)), which has no banks or pairs in either year.
COLLEGE_YOUNG = 5
OZYORSK_YOUNG = 8


def plus(school: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The school's hand count with another organization's counts added."""
    return {
        key: value + other.get(key, 0) if key in other else value for key, value in school.items()
    }


class DemoFiguresTests(TestCase):
    school: ClassVar[Organization]
    year: ClassVar[AcademicYear]
    last: ClassVar[AcademicYear]

    @classmethod
    def setUpTestData(cls) -> None:
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            demo_seed()
        cls.school = Organization.objects.select_related("municipality").get(
            short_name="МБОУ «СОШ № 1»"
        )
        cls.year = AcademicYear.objects.get(start_year=2026)
        cls.last = AcademicYear.objects.get(start_year=2025)

    def assertFigures(self, figures: Any, expected: dict[str, Any]) -> None:  # noqa: N802
        self.assertEqual({key: figures[key] for key in expected}, expected)

    def test_the_demo_school_this_year(self) -> None:
        page = dashboard.organization_page(self.school, self.year, TODAY)
        self.assertFigures(page["figures"], SCHOOL_NOW)
        # 11 pairs and groups, all «teacher–teacher»: 9 individual, 1 group, 1 situational.
        self.assertEqual(page["figures"].by_form, {"teacher_teacher": 11})
        self.assertEqual(page["figures"].by_type, {"individual": 9, "group": 1, "situational": 1})

    def test_the_demo_school_last_year(self) -> None:
        page = dashboard.organization_page(self.school, self.year, TODAY)
        self.assertFigures(page["before"], SCHOOL_BEFORE)
        self.assertEqual(page["before"].by_form, {"teacher_teacher": 4, "director_teacher": 1})
        self.assertEqual(sum(page["before"].portfolio_by_kind.values()), 20 + 2)
        lines = {line.indicator.key: line for line in page["lines"]}
        self.assertEqual(lines["completed"].change, 0 - 4)
        self.assertEqual(lines["meetings_held"].change, 12 - 36)

    def test_the_college_of_the_same_municipality(self) -> None:
        college = Organization.objects.get(
            short_name="ГБПОУ «Светлогорский педагогический колледж»"
        )
        page = dashboard.organization_page(college, self.year, TODAY)
        self.assertFigures(page["figures"], COLLEGE_NOW)
        self.assertEqual(page["figures"].by_form, {"employer_student": 1, "student_student": 1})

    def test_the_municipality_of_the_school(self) -> None:
        municipality = Municipality.objects.get(pk=self.school.municipality_id)
        page = dashboard.municipality_page(municipality, self.year, TODAY, "")
        # The school and the college.
        self.assertFigures(
            page["figures"],
            {
                **plus(SCHOOL_NOW, COLLEGE_NOW),  # mentors 8, mentees 16, pairs 12, late 3…
                "young_share": 38,  # 6 / (11 + 5) = 37.5 % → 38 %
            },
        )
        self.assertFigures(
            page["before"],
            {
                **SCHOOL_BEFORE,
                "young": 11 + COLLEGE_YOUNG,
                "young_share": 31,  # 5 / 16 = 31.25 % → 31 %
            },
        )
        self.assertEqual(len(page["rows"]), 2)

    def test_the_region(self) -> None:
        region = Region.objects.get(pk=self.school.municipality.region_id)
        page = dashboard.region_page(region, self.year, TODAY, "")
        young = 11 + COLLEGE_YOUNG + OZYORSK_YOUNG  # 24
        self.assertFigures(
            page["figures"],
            {
                **plus(SCHOOL_NOW, COLLEGE_NOW),
                "young": young,
                "young_share": 25,  # 6 / 24 = 25 %
            },
        )
        self.assertFigures(
            page["before"],
            {**SCHOOL_BEFORE, "young": young, "young_share": 21},  # 5 / 24 = 20.8 % → 21 %
        )
        self.assertEqual(page["organization_count"], 3)
        by_name = {row["name"]: row["figures"] for row in page["rows"]}
        self.assertEqual(by_name["Озёрский муниципальный район"]["young"], OZYORSK_YOUNG)
        self.assertEqual(by_name["Озёрский муниципальный район"]["mentorships"], 0)
