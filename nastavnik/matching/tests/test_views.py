"""The matching pages as the curator and the others see them: the proposal with its
explanation, locks, rejections, changes, acceptance, the support list, access."""

from __future__ import annotations

import datetime
import re
from typing import Any
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from nastavnik.banks.models import Consent, MenteeProfile
from nastavnik.matching.models import MatchingDecision, SupportRecord
from nastavnik.matching.tests.test_scoring import ScoringTestCase
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember

# Session, user, roles, organization, year, decisions, the 8 queries of scoring.candidates,
# the mentees on the support list, the years of the menu; the same for 1 or 30 mentees.
PAGE_QUERIES = 16
SUPPORT_QUERIES = 8
NETWORK_QUERIES = 18


class MatchingViewTestCase(ScoringTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.url = reverse("matching:proposal", args=[self.org.pk])
        self.support_url = reverse("matching:support", args=[self.org.pk])

    def page(self, **params: str) -> str:
        response = self.client.get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def decide(self, action: str, mentor: StaffMember, mentee: StaffMember) -> Any:
        return self.client.post(
            reverse("matching:decide", args=[self.org.pk]),
            {"action": action, "mentor": mentor.pk, "mentee": mentee.pk},
        )

    def proposed(self, html: str) -> set[tuple[int, int]]:
        return {
            (int(mentor), int(mentee))
            for mentee, mentor in re.findall(
                r'class="list-group-item pair" data-mentee="(\d+)" data-mentor="(\d+)"', html
            )
        }

    def accept_data(self, html: str, **extra: Any) -> dict[str, Any]:
        pairs = re.search(r'name="pairs" value="([^"]*)"', html)
        assert pairs is not None
        today = timezone.localdate()
        data = {
            "pairs": pairs.group(1),
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=200)).isoformat(),
            "form": "teacher_teacher",
        }
        data.update(extra)
        return data


class ProposalPageTests(MatchingViewTestCase):
    def test_the_curator_sees_the_proposal_with_its_explanation_and_the_weights(self) -> None:
        mentor = self.mentor(
            last_name="Соколова",
            first_name="Анна",
            patronymic="Петровна",
            levels={self.assessment: 3},
            subjects="история",
        )
        mentee = self.mentee(
            last_name="Белова",
            first_name="Ирина",
            patronymic="Олеговна",
            needs=(self.assessment,),
            subjects="история",
        )
        self.login(self.w.curator_a)
        html = self.page()
        self.assertEqual(self.proposed(html), {(mentor.pk, mentee.pk)})
        self.assertIn("Соколова Анна Петровна", html)
        self.assertIn("Белова Ирина Олеговна", html)
        self.assertIn('class="explanation', html)
        self.assertIn("Формирующее оценивание", html)  # the need met by the competency
        self.assertIn("история", html)  # the shared subject
        self.assertIn('id="weights"', html)
        self.assertIn('id="matched"', html)
        self.assertIn('id="accept-button"', html)

    def test_a_get_changes_nothing(self) -> None:
        self.mentor()
        self.mentee()
        self.login(self.w.curator_a)
        self.page(form="teacher_teacher", accepted="3")
        self.assertFalse(MatchingDecision.objects.exists())
        self.assertFalse(Mentorship.objects.exists())

    def test_a_locked_pair_survives_the_rerun(self) -> None:
        weak = self.mentor(last_name="Аверина", capacity=1)
        mentee = self.mentee(needs=(self.assessment,), subjects="химия")
        self.login(self.w.curator_a)
        self.assertEqual(self.proposed(self.page()), {(weak.pk, mentee.pk)})
        self.decide("lock", weak, mentee)
        strong = self.mentor(levels={self.assessment: 3}, subjects="химия")
        html = self.page()
        self.assertEqual(self.proposed(html), {(weak.pk, mentee.pk)})
        self.assertIn('class="badge text-bg-secondary locked"', html)
        self.decide("clear", weak, mentee)
        self.assertEqual(self.proposed(self.page()), {(strong.pk, mentee.pk)})

    def test_a_rejected_pair_is_never_proposed_again(self) -> None:
        best = self.mentor(levels={self.assessment: 3})
        other = self.mentor()
        mentee = self.mentee(needs=(self.assessment,))
        self.login(self.w.curator_a)
        self.assertEqual(self.proposed(self.page()), {(best.pk, mentee.pk)})
        self.decide("reject", best, mentee)
        html = self.page()
        self.assertEqual(self.proposed(html), {(other.pk, mentee.pk)})
        self.assertIn('id="rejected"', html)
        self.decide("reject", other, mentee)
        html = self.page()
        self.assertEqual(self.proposed(html), set())
        self.assertIn('id="unmatched"', html)

    def test_the_curator_changes_the_mentor_and_the_pair_is_locked(self) -> None:
        best = self.mentor(levels={self.assessment: 3}, capacity=2)
        other = self.mentor(last_name="Яковлева")
        mentee = self.mentee(needs=(self.assessment,))
        self.login(self.w.curator_a)
        html = self.page()
        self.assertIn(f'<option value="{other.pk}">', html)  # the select of other mentors
        self.decide("change", other, mentee)
        decision = MatchingDecision.objects.get()
        self.assertEqual((decision.mentor, decision.kind), (other, "locked"))
        self.assertEqual(self.proposed(self.page()), {(other.pk, mentee.pk)})
        # Changing again replaces the lock: a mentee has one locked mentor.
        self.decide("change", best, mentee)
        self.assertEqual(list(MatchingDecision.objects.values_list("mentor", flat=True)), [best.pk])

    def test_a_mentee_left_over_can_be_given_the_mentor_by_hand(self) -> None:
        mentor = self.mentor(capacity=1, levels={self.assessment: 3})
        first = self.mentee(needs=(self.assessment,))
        second = self.mentee()
        self.login(self.w.curator_a)
        html = self.page()
        self.assertEqual(self.proposed(html), {(mentor.pk, first.pk)})
        unmatched = html[html.index('id="unmatched"') :]
        self.assertIn(f'id="change-{second.pk}"', unmatched)
        self.decide("change", mentor, second)
        html = self.page()
        self.assertEqual(self.proposed(html), {(mentor.pk, second.pk)})
        self.assertIn(first.full_name, html[html.index('id="unmatched"') :])

    def test_an_inadmissible_mentor_cannot_be_chosen(self) -> None:
        self.mentor()
        unsigned = self.mentor(consents=("personal_data",))
        mentee = self.mentee()
        self.login(self.w.curator_a)
        response = self.decide("change", unsigned, mentee)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(MatchingDecision.objects.exists())

    def test_a_broken_locked_pair_gets_a_message_naming_the_people(self) -> None:
        mentor = self.mentor(last_name="Громова", first_name="Вера", patronymic="Ильинична")
        other = self.mentor()
        mentee = self.mentee(last_name="Рыбкина", first_name="Ольга", patronymic="Сергеевна")
        self.login(self.w.curator_a)
        self.decide("lock", mentor, mentee)
        Consent.objects.filter(staff=mentor, kind=Consent.Kind.DUTIES).update(
            status=Consent.Status.REVOKED, revoked_at=timezone.localdate()
        )
        html = self.page()
        broken = html[html.index('id="broken"') :]
        broken = broken[: broken.index("</div>")]
        self.assertIn("Громова Вера Ильинична", broken)
        self.assertIn("Рыбкина Ольга Сергеевна", broken)
        self.assertEqual(self.proposed(html), {(other.pk, mentee.pk)})

    def test_a_lock_beyond_the_capacity_is_reported_not_a_500(self) -> None:
        mentor = self.mentor(last_name="Полная", capacity=1)
        first, second = self.mentee(), self.mentee()
        MatchingDecision.objects.bulk_create(
            MatchingDecision(
                organization=self.org,
                academic_year=self.year,
                mentor=mentor,
                mentee=mentee,
                kind="locked",
            )
            for mentee in (first, second)
        )
        self.login(self.w.curator_a)
        html = self.page()
        self.assertIn('id="broken"', html)
        self.assertEqual(len(self.proposed(html)), 1)

    def test_reset_forgets_every_decision(self) -> None:
        mentor = self.mentor()
        mentee = self.mentee()
        self.login(self.w.curator_a)
        self.decide("reject", mentor, mentee)
        self.client.post(reverse("matching:reset", args=[self.org.pk]))
        self.assertFalse(MatchingDecision.objects.exists())

    def test_the_page_issues_a_constant_number_of_queries(self) -> None:
        self.mentor(levels={self.assessment: 2}, capacity=3)
        self.mentee(needs=(self.assessment,))
        self.login(self.w.curator_a)
        self.page()
        with self.assertNumQueries(PAGE_QUERIES):
            self.page()
        for _ in range(6):
            mentor = self.mentor(levels={self.assessment: 3, self.discipline: 1}, capacity=2)
        for _ in range(20):
            self.mentee(needs=(self.assessment, self.discipline), text="работа с родителями")
        self.decide("reject", mentor, self.mentee())
        self.decide("lock", mentor, self.mentee())
        with self.assertNumQueries(PAGE_QUERIES):
            self.page()


class AcceptTests(MatchingViewTestCase):
    def test_accepting_creates_the_mentorships_and_links_to_the_order(self) -> None:
        mentor = self.mentor(capacity=2, levels={self.assessment: 3})
        first = self.mentee(needs=(self.assessment,))
        second = self.mentee(needs=(self.assessment,))
        self.login(self.w.curator_a)
        self.decide("lock", mentor, first)
        response = self.client.post(
            reverse("matching:accept", args=[self.org.pk]), self.accept_data(self.page())
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Mentorship.objects.count(), 2)
        self.assertEqual(
            set(MenteeProfile.objects.values_list("status", flat=True)),
            {MenteeProfile.Status.PAIRED},
        )
        self.assertFalse(MatchingDecision.objects.exists())  # the lock is spent
        html = self.client.get(response["Location"]).content.decode()
        self.assertIn(reverse("mentorships:mentorship_list", args=[self.org.pk]), html)
        self.assertIn(reverse("documents:document_create", args=[self.org.pk, "order_pairs"]), html)
        self.assertEqual(self.proposed(html), set())  # the accepted mentees left the proposal
        self.assertNotIn(first.full_name, html[html.index('id="pairs"') :])
        self.assertNotIn(second.full_name, html[html.index('id="pairs"') :])

    def test_the_mentees_of_one_mentor_can_form_a_group(self) -> None:
        self.mentor(capacity=3)
        self.mentee()
        self.mentee()
        self.login(self.w.curator_a)
        self.client.post(
            reverse("matching:accept", args=[self.org.pk]),
            self.accept_data(self.page(), group="on"),
        )
        mentorship = Mentorship.objects.get()
        self.assertEqual(mentorship.type, Mentorship.Type.GROUP)
        self.assertEqual(mentorship.mentees.count(), 2)

    def test_accepting_is_all_or_nothing_and_names_the_failed_pair(self) -> None:
        self.mentor(last_name="Алова", capacity=1)
        failing = self.mentor(last_name="Ясенева", first_name="Юлия", capacity=1)
        self.mentee()
        self.mentee()
        self.login(self.w.curator_a)
        html = self.page()
        real = __import__("nastavnik.mentorships.services", fromlist=["x"]).mentorship_create

        def second_fails(**kwargs: Any) -> Mentorship:
            if kwargs["mentor"] == failing:
                from django.core.exceptions import ValidationError

                raise ValidationError("Отказ для проверки.")
            return real(**kwargs)

        with mock.patch(
            "nastavnik.matching.services.mentorships.mentorship_create", side_effect=second_fails
        ):
            response = self.client.post(
                reverse("matching:accept", args=[self.org.pk]),
                self.accept_data(html),
                follow=True,
            )
        self.assertFalse(Mentorship.objects.exists())
        self.assertEqual(
            set(MenteeProfile.objects.values_list("status", flat=True)),
            {MenteeProfile.Status.WAITING},
        )
        text = response.content.decode()
        self.assertIn("Ясенева Юлия", text)
        self.assertIn("Отказ для проверки.", text)

    def test_a_period_longer_than_a_year_is_refused(self) -> None:
        self.mentor()
        self.mentee()
        self.login(self.w.curator_a)
        today = timezone.localdate()
        self.client.post(
            reverse("matching:accept", args=[self.org.pk]),
            self.accept_data(
                self.page(), ends_on=(today + datetime.timedelta(days=500)).isoformat()
            ),
        )
        self.assertFalse(Mentorship.objects.exists())

    def test_a_changed_proposal_is_not_accepted_blindly(self) -> None:
        self.mentor(capacity=2)
        self.mentee()
        self.login(self.w.curator_a)
        data = self.accept_data(self.page())
        self.mentee()  # a new mentee appears in the bank meanwhile
        self.client.post(reverse("matching:accept", args=[self.org.pk]), data)
        self.assertFalse(Mentorship.objects.exists())


class SupportTests(MatchingViewTestCase):
    def test_an_unmatched_mentee_goes_on_the_support_list_and_back(self) -> None:
        self.mentor(consents=("personal_data",))  # no duties consent: not admissible
        mentee = self.mentee(last_name="Одинокова", first_name="Нина")
        curator = StaffMemberFactory_for(self, self.w.curator_a)
        self.login(self.w.curator_a)
        html = self.page()
        self.assertIn('id="unmatched"', html)
        self.assertIn('data-test="to-support"', html)
        response = self.client.post(
            reverse("matching:support_add", args=[self.org.pk]), {"mentee": mentee.pk}
        )
        self.assertRedirects(response, self.support_url)
        profile = MenteeProfile.objects.get(staff=mentee)
        self.assertEqual(profile.status, MenteeProfile.Status.SUPPORT)
        record = SupportRecord.objects.get(profile=profile)
        self.assertEqual(record.supporter, curator)
        self.assertTrue(record.reason)
        html = self.client.get(self.support_url).content.decode()
        self.assertIn("Одинокова Нина", html)
        self.client.post(
            self.support_url,
            {
                "profile": profile.pk,
                "action": "save",
                f"p{profile.pk}-supporter": curator.pk,
                f"p{profile.pk}-offered": "Методическое объединение молодых педагогов",
                f"p{profile.pk}-reason": "Нет наставника-химика",
            },
        )
        record.refresh_from_db()
        self.assertEqual(record.offered, "Методическое объединение молодых педагогов")
        self.assertIn(
            "Методическое объединение", self.client.get(self.support_url).content.decode()
        )
        self.client.post(self.support_url, {"profile": profile.pk, "action": "return"})
        profile.refresh_from_db()
        self.assertEqual(profile.status, MenteeProfile.Status.WAITING)

    def test_the_support_list_has_a_constant_number_of_queries(self) -> None:
        self.login(self.w.curator_a)
        first = self.mentee()
        self.client.post(reverse("matching:support_add", args=[self.org.pk]), {"mentee": first.pk})
        with self.assertNumQueries(SUPPORT_QUERIES):
            self.client.get(self.support_url)
        for _ in range(5):
            person = self.mentee()
            self.client.post(
                reverse("matching:support_add", args=[self.org.pk]), {"mentee": person.pk}
            )
        with self.assertNumQueries(SUPPORT_QUERIES):
            self.client.get(self.support_url)


def StaffMemberFactory_for(case: ScoringTestCase, user: Any) -> StaffMember:  # noqa: N802
    return case.staff(user=user, last_name="Кураторова")


class AccessTests(MatchingViewTestCase):
    def test_another_organizations_curator_gets_404(self) -> None:
        mentor, mentee = self.mentor(), self.mentee()
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.support_url).status_code, 404)
        self.assertEqual(self.decide("lock", mentor, mentee).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("matching:accept", args=[self.org.pk]), {}).status_code, 404
        )
        self.assertFalse(MatchingDecision.objects.exists())

    def test_the_municipal_methodologist_sees_the_page_read_only(self) -> None:
        mentor, mentee = self.mentor(), self.mentee()
        self.login(self.w.municipal_a)
        html = self.page()
        self.assertIn(mentor.full_name, html)
        self.assertNotIn('id="accept-button"', html)
        self.assertNotIn('data-test="lock"', html)
        self.assertEqual(self.client.get(self.support_url).status_code, 200)
        self.assertEqual(self.decide("lock", mentor, mentee).status_code, 403)
        self.assertFalse(MatchingDecision.objects.exists())

    def test_a_methodologist_of_another_municipality_gets_404(self) -> None:
        self.login(self.w.municipal_b)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.support_url).status_code, 404)

    def test_the_menu_has_the_matching_item_for_the_curator(self) -> None:
        self.login(self.w.curator_a)
        html = self.client.get(self.url).content.decode()
        self.assertIn(f'href="{self.url}"', html)


class NetworkTests(MatchingViewTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.network_url = reverse("matching:network", args=[self.w.m_a.pk])

    def test_the_municipal_methodologist_matches_across_schools_and_accepts(self) -> None:
        mentor = self.mentor(last_name="Сетевая", levels={self.assessment: 3})
        mentee = self.mentee(
            last_name="Колледжева", organization=self.w.org_a2, needs=(self.assessment,)
        )
        self.mentee(organization=self.w.org_b)  # another municipality: not in the proposal
        self.login(self.w.municipal_a)
        response = self.client.get(self.network_url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertEqual(self.proposed(html), {(mentor.pk, mentee.pk)})
        self.assertIn(self.w.org_a2.short_name, html)  # each person's school
        self.assertIn('id="accept-button"', html)
        self.assertNotIn('data-test="lock"', html)
        response = self.client.post(
            reverse("matching:network_accept", args=[self.w.m_a.pk]), self.accept_data(html)
        )
        self.assertEqual(response.status_code, 302)
        mentorship = Mentorship.objects.get()
        self.assertEqual(mentorship.organization, self.w.org_a2)  # the mentee's organization
        self.assertEqual(mentorship.mentor, mentor)

    def test_the_network_page_is_scoped_and_read_only_for_others(self) -> None:
        self.mentor()
        self.mentee()
        self.login(self.w.municipal_b)
        self.assertEqual(self.client.get(self.network_url).status_code, 404)
        self.login(self.w.regional)
        html = self.client.get(self.network_url).content.decode()
        self.assertNotIn('id="accept-button"', html)
        response = self.client.post(reverse("matching:network_accept", args=[self.w.m_a.pk]), {})
        self.assertIn(response.status_code, (403, 404))
        self.login(self.w.curator_a)
        self.assertIn(self.client.get(self.network_url).status_code, (403, 404))
        self.assertFalse(Mentorship.objects.exists())

    def test_the_network_page_has_a_constant_number_of_queries(self) -> None:
        self.mentor()
        self.mentee()
        self.login(self.w.municipal_a)
        self.client.get(self.network_url)
        with self.assertNumQueries(NETWORK_QUERIES):
            self.client.get(self.network_url)
        for org in (self.w.org_a, self.w.org_a2):
            for _ in range(3):
                self.mentor(organization=org, capacity=2)
            for _ in range(8):
                self.mentee(organization=org)
        with self.assertNumQueries(NETWORK_QUERIES):
            self.client.get(self.network_url)
