"""The scoring of candidate pairs and the proposal: hard rules, parts, explanations, queries."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import override

from nastavnik.banks.models import (
    Competency,
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
)
from nastavnik.core.services import academic_year_current
from nastavnik.matching import scoring
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory


class ScoringTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.year = academic_year_current()
        self.org = self.w.org_a
        self.today = timezone.localdate()
        self.assessment = Competency.objects.create(
            region=self.w.region, group="Оценивание", name="Формирующее оценивание"
        )
        self.discipline = Competency.objects.create(
            region=self.w.region, group="Класс", name="Дисциплина в классе"
        )
        self.counter = 0

    def sign(self, staff: StaffMember, *kinds: str) -> None:
        for kind in kinds:
            Consent.objects.create(
                organization=staff.organization,
                staff=staff,
                kind=kind,
                status=Consent.Status.SIGNED,
                version="1",
                issued_at=self.today,
                signed_at=self.today,
            )

    def staff(self, **kwargs: Any) -> StaffMember:
        self.counter += 1
        kwargs.setdefault("last_name", f"Тестова{self.counter}")
        kwargs.setdefault("organization", self.org)
        return StaffMemberFactory.create(**kwargs)

    def mentor(
        self,
        *,
        capacity: int = 1,
        levels: dict[Competency, int] | None = None,
        consents: tuple[str, ...] = ("personal_data", "duties"),
        forms: tuple[str, ...] = ("teacher_teacher",),
        text: str = "",
        **kwargs: Any,
    ) -> StaffMember:
        kwargs.setdefault("experience_years", 20)
        person = self.staff(**kwargs)
        self.sign(person, *consents)
        profile = MentorProfile.objects.create(
            organization=person.organization,
            staff=person,
            academic_year=self.year,
            status=MentorProfile.Status.TRAINED,
            capacity=capacity,
            forms=list(forms),
            experience_text=text,
        )
        for competency, level in (levels or {}).items():
            MentorCompetency.objects.create(profile=profile, competency=competency, level=level)
        return person

    def mentee(
        self, *, needs: tuple[Competency, ...] = (), text: str = "", **kwargs: Any
    ) -> StaffMember:
        kwargs.setdefault("experience_years", 1)
        person = self.staff(**kwargs)
        self.sign(person, "personal_data")
        profile = MenteeProfile.objects.create(
            organization=person.organization,
            staff=person,
            academic_year=self.year,
            category=MenteeProfile.Category.YOUNG,
            status=MenteeProfile.Status.WAITING,
            needs_text=text,
        )
        for need in needs:
            MenteeNeed.objects.create(profile=profile, competency=need)
        return person

    def propose(self, **kwargs: Any) -> scoring.Proposal:
        with override("ru"):
            return scoring.propose(self.org, self.year, **kwargs)

    def pairs(self, proposal: scoring.Proposal) -> set[tuple[int, int]]:
        return {(p.mentor.pk, p.mentee.pk) for p in proposal.pairs}


class HardRuleTests(ScoringTestCase):
    def test_a_mentor_without_the_duties_consent_is_never_proposed(self) -> None:
        unsigned = self.mentor(
            consents=("personal_data",), levels={self.assessment: 3}, subjects="история"
        )
        mentee = self.mentee(needs=(self.assessment,), subjects="история")
        proposal = self.propose()
        self.assertEqual(proposal.pairs, [])
        self.assertEqual([u.mentee for u in proposal.unmatched], [mentee])
        self.assertEqual(proposal.unmatched[0].reason, "no_admissible")
        other = self.mentor()
        self.assertEqual(self.pairs(self.propose()), {(other.pk, mentee.pk)})
        self.assertNotIn(unsigned.pk, {p.mentor.pk for p in self.propose().pairs})

    def test_the_form_of_mentorship_and_self_pairs_are_excluded(self) -> None:
        self.mentor(forms=("teacher_student",))
        person = self.mentor()
        MenteeProfile.objects.create(
            organization=self.org,
            staff=person,
            academic_year=self.year,
            category=MenteeProfile.Category.OTHER,
            status=MenteeProfile.Status.WAITING,
        )
        data = scoring.candidates(self.org, self.year)
        self.assertFalse(data.admissible.any())

    def test_capacity_is_respected_and_the_unmatched_mentee_has_the_reason(self) -> None:
        mentor = self.mentor(capacity=2, levels={self.assessment: 3})
        first = self.mentee(needs=(self.assessment,))
        second = self.mentee(needs=(self.assessment,))
        third = self.mentee()
        proposal = self.propose()
        self.assertEqual(len(proposal.pairs), 2)
        self.assertEqual({p.mentee for p in proposal.pairs}, {first, second})
        self.assertEqual([u.mentee for u in proposal.unmatched], [third])
        self.assertEqual(proposal.unmatched[0].reason, "taken")
        # A running mentorship takes a place: now one is left.
        busy = self.staff()
        running = Mentorship.objects.create(
            organization=self.org,
            academic_year=self.year,
            mentor=mentor,
            starts_on=self.today,
            ends_on=self.today + datetime.timedelta(days=200),
        )
        running.mentees.set([busy])
        proposal = self.propose()
        self.assertEqual(len(proposal.pairs), 1)
        # With no place at all the reason is the capacity.
        running.mentees.add(self.staff())
        proposal = self.propose()
        self.assertEqual(proposal.pairs, [])
        self.assertEqual({u.reason for u in proposal.unmatched}, {"capacity"})
        self.assertEqual(proposal.unmatched[0].message, "Все подходящие наставники заняты")

    def test_a_locked_pair_is_kept_and_a_forbidden_pair_avoided(self) -> None:
        best = self.mentor(levels={self.assessment: 3}, subjects="история")
        weak = self.mentor()
        mentee = self.mentee(needs=(self.assessment,), subjects="история")
        self.assertEqual(self.pairs(self.propose()), {(best.pk, mentee.pk)})
        locked = self.propose(locked=[(weak.pk, mentee.pk)])
        self.assertEqual(self.pairs(locked), {(weak.pk, mentee.pk)})
        self.assertTrue(locked.pairs[0].locked)
        forbidden = self.propose(forbidden=[(best.pk, mentee.pk)])
        self.assertEqual(self.pairs(forbidden), {(weak.pk, mentee.pk)})


class ScoreTests(ScoringTestCase):
    def test_the_mentee_gets_the_mentor_covering_needs_and_teaching_the_subject(self) -> None:
        self.mentor(levels={self.discipline: 3}, subjects="математика")
        self.mentor(levels={self.assessment: 1}, subjects="история")
        best = self.mentor(
            levels={self.assessment: 3},
            subjects="История, обществознание",
            category=StaffMember.Category.HIGHEST,
            experience_years=18,
        )
        mentee = self.mentee(needs=(self.assessment,), subjects="история", experience_years=1)
        proposal = self.propose()
        self.assertEqual(self.pairs(proposal), {(best.pk, mentee.pk)})
        labels = [part.label for part in proposal.pairs[0].explanation]
        self.assertIn(
            "Потребности закрыты компетенциями: Формирующее оценивание (уровень 3)", labels
        )
        self.assertIn("Один предмет: история", labels)
        self.assertIn("Стаж наставника больше на 17 лет", labels)
        self.assertIn("Одна организация", labels)
        points = sum(part.points for part in proposal.pairs[0].explanation)
        self.assertAlmostEqual(points, proposal.pairs[0].score, places=1)
        self.assertLessEqual(proposal.pairs[0].score, 100)

    def test_text_similarity_finds_work_with_parents(self) -> None:
        self.mentor(text="Подготовка к олимпиадам по физике, проектная деятельность")
        right = self.mentor(text="Взаимодействие с родителями учеников, классное руководство")
        mentee = self.mentee(text="Работа с родителями")
        data = scoring.candidates(self.org, self.year)
        j = data.mentee_index()[mentee.pk]
        similarity = data.text_similarity[:, j]
        self.assertEqual(int(similarity.argmax()), data.mentor_index()[right.pk])
        self.assertGreater(similarity.max(), 0.1)
        proposal = self.propose()
        self.assertEqual(self.pairs(proposal), {(right.pk, mentee.pk)})
        labels = [part.label for part in proposal.pairs[0].explanation]
        self.assertTrue(any(label.startswith("Сходство текстов: 0,") for label in labels))

    def test_a_preference_named_in_the_questionnaire_decides_between_equal_mentors(
        self,
    ) -> None:
        from nastavnik.surveys import services as surveys
        from nastavnik.surveys.models import Invitation
        from nastavnik.surveys.tests.test_services import template

        self.mentor(subjects="история")
        chosen = self.mentor(subjects="история")
        mentee = self.mentee(subjects="история")
        survey = surveys.survey_create(
            actor=self.w.curator_a,
            organization=self.org,
            year=self.year,
            template=template(self.w.region, "preferences"),
            title="Предпочтения",
            anonymous=False,
            audience="people",
            people=[mentee],
            opens_on=self.today,
            closes_on=self.today,
        )
        surveys.survey_launch(actor=self.w.curator_a, survey=survey)
        token = surveys.issue_link(Invitation.objects.get(survey=survey))
        question = survey.questionnaire.questions.get(code="preferred_mentors")
        surveys.save_answers(token, {question.pk: [str(chosen.pk)]}, final=True)
        proposal = self.propose()
        self.assertEqual(self.pairs(proposal), {(chosen.pk, mentee.pk)})
        labels = [part.label for part in proposal.pairs[0].explanation]
        self.assertIn("Выбран в анкете предпочтений (сила 0,50)", labels)

    def test_the_weights_are_the_rules_of_the_region(self) -> None:
        from nastavnik.banks.models import BankSettings

        BankSettings.objects.update_or_create(
            region=self.w.region,
            defaults={
                "weight_needs": 0,
                "weight_subject": 50,
                "weight_experience": 0,
                "weight_organization": 50,
                "weight_text": 0,
                "weight_preference": 0,
            },
        )
        mentor = self.mentor(subjects="история")
        mentee = self.mentee(subjects="история")
        proposal = self.propose()
        self.assertEqual(self.pairs(proposal), {(mentor.pk, mentee.pk)})
        self.assertEqual(proposal.pairs[0].score, 100)
        self.assertEqual(scoring.candidates(self.org, self.year).weights.subject, 50)

    def test_lemmas_drop_prepositions(self) -> None:
        self.assertEqual(scoring.lemmas("Работа с родителями"), ["работа", "родитель"])


class QueryTests(ScoringTestCase):
    def build(self, mentees: int) -> None:
        for k in range(3):
            self.mentor(levels={self.assessment: 1 + k, self.discipline: 2}, capacity=2)
        for k in range(mentees):
            self.mentee(needs=(self.assessment,) if k % 2 else (self.discipline,), text="урок")

    def test_the_number_of_queries_does_not_grow_with_the_banks(self) -> None:
        self.build(3)
        with self.assertNumQueries(8):
            scoring.candidates(self.org, self.year)
        self.build(10)
        with self.assertNumQueries(8):
            data = scoring.candidates(self.org, self.year)
        self.assertEqual(len(data.mentees), 13)


class SchoolTests(ScoringTestCase):
    """A school of 40 mentees and 15 mentors: the proposal is complete and optimal-looking."""

    def test_a_whole_school(self) -> None:
        subjects = ["история", "математика", "физика", "русский язык", "биология"]
        competencies = [self.assessment, self.discipline]
        for k in range(8):
            competencies.append(
                Competency.objects.create(region=self.w.region, group="Прочее", name=f"Тема {k}")
            )
        mentors = []
        for k in range(15):
            mentors.append(
                self.mentor(
                    capacity=3,
                    subjects=subjects[k % 5],
                    levels={competencies[k % 10]: 3, competencies[(k + 3) % 10]: 2},
                    experience_years=10 + k,
                    text=f"Опыт по теме {k % 10}: работа с родителями и оценивание",
                )
            )
        mentees = []
        for k in range(40):
            mentees.append(
                self.mentee(
                    subjects=subjects[k % 5],
                    needs=(competencies[k % 10],),
                    text="Трудности с дисциплиной и работой с родителями",
                )
            )
        unsigned = self.mentor(consents=("personal_data",), levels={competencies[0]: 3})
        proposal = self.propose()
        self.assertEqual(len(proposal.pairs), 40)
        self.assertEqual(proposal.unmatched, [])
        self.assertNotIn(unsigned, {p.mentor for p in proposal.pairs})
        per_mentor: dict[int, int] = {}
        for pair in proposal.pairs:
            per_mentor[pair.mentor.pk] = per_mentor.get(pair.mentor.pk, 0) + 1
            self.assertAlmostEqual(sum(p.points for p in pair.explanation), pair.score, places=1)
        self.assertLessEqual(max(per_mentor.values()), 3)
        with_needs = [p for p in proposal.pairs if any(x.code == "needs" for x in p.explanation)]
        self.assertGreaterEqual(len(with_needs), 35)
        # Never worse than a greedy pass over the same edges.
        data = scoring.candidates(self.org, self.year)
        left = {m.staff.pk: m.capacity_left for m in data.mentors}
        done: set[int] = set()
        greedy = 0.0
        for mentor, mentee, score in sorted(data.edges(), key=lambda e: -e[2]):
            if mentee not in done and left[mentor] > 0:
                done.add(mentee)
                left[mentor] -= 1
                greedy += score
        self.assertGreaterEqual(proposal.total_score, greedy - 1e-6)
