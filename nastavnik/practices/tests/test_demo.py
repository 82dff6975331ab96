"""The demo data of the library and the awards: last year's round table with two practices,
one published with a PDF, an approved nomination in last year's reward order, one proposed
nomination this year; running it again changes nothing."""

from nastavnik.core.services import academic_years_ensure
from nastavnik.documents.models import Document
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.practices.demo import demo_practices
from nastavnik.practices.models import Nomination, Practice
from nastavnik.testing import BaseTestCase, StaffMemberFactory


class DemoTests(BaseTestCase):
    def test_the_demo_is_complete_and_idempotent(self) -> None:
        for user in (self.w.mentor_a, self.w.mentee_a, self.w.curator_a):
            StaffMemberFactory.create(organization=self.w.org_a, user=user)
        demo_practices(self.w.org_a, self.w.curator_a)
        demo_practices(self.w.org_a, self.w.curator_a)
        previous, current = academic_years_ensure()[:2]
        event = OrganizationEvent.objects.get(organization=self.w.org_a)
        self.assertEqual(
            (event.academic_year, event.kind, event.held), (previous, "round_table", True)
        )
        practices = Practice.objects.filter(organization=self.w.org_a, event=event)
        self.assertEqual(practices.count(), 2)
        published = practices.get(published_to_region=True)
        self.assertTrue(published.files.get().file.read().startswith(b"%PDF"))
        self.assertEqual(published.authors.count(), 2)
        old = Nomination.objects.get(academic_year=previous)
        self.assertEqual(old.status, Nomination.Status.APPROVED)
        order = Document.objects.get(kind="order_award")
        self.assertEqual((old.order, order.academic_year), (order, previous))
        new = Nomination.objects.get(academic_year=current)
        self.assertEqual((new.status, new.order), (Nomination.Status.PROPOSED, None))
