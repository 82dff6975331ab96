"""The pair-assignment order opens with the pairs that the matching has just formed."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.services import academic_year_current
from nastavnik.documents.models import Document, DocumentLink
from nastavnik.mentorships.models import Mentorship
from nastavnik.staff.models import StaffMember
from nastavnik.testing import BaseTestCase, StaffMemberFactory


class OrderPairsPrefillTestCase(BaseTestCase):
    def pair(self, mentor: StaffMember, mentees: list[StaffMember]) -> Mentorship:
        year = academic_year_current()
        mentorship = Mentorship.objects.create(
            organization=self.w.org_a,
            academic_year=year,
            mentor=mentor,
            form="teacher_teacher",
            type="group" if len(mentees) > 1 else "individual",
            starts_on=datetime.date(year.start_year, 10, 1),
            ends_on=datetime.date(year.start_year + 1, 5, 31),
        )
        mentorship.mentees.set(mentees)
        return mentorship

    def test_the_order_opens_with_the_pairs_not_yet_in_an_order(self) -> None:
        org = self.w.org_a
        people = [
            StaffMemberFactory.create(organization=org, last_name=name)
            for name in ("Орлова", "Лебедев", "Кириллов", "Сафонова", "Зимина", "Горина")
        ]
        orlova, lebedev, kirillov, safonova, zimina, gorina = people
        self.pair(orlova, [lebedev])
        self.pair(kirillov, [safonova])
        self.pair(zimina, [gorina])
        # Зимина's group is already in a signed order of this year.
        order = Document.objects.create(
            organization=org,
            academic_year=academic_year_current(),
            kind="order_pairs",
            title="О закреплении",
            date=timezone.localdate(),
            status=Document.Status.SIGNED,
            signed_at=timezone.localdate(),
        )
        DocumentLink.objects.create(
            document=order,
            content_type=ContentType.objects.get_for_model(StaffMember),
            object_id=gorina.pk,
        )
        self.login(self.w.curator_a)
        page = self.client.get(
            reverse("documents:document_create", args=[org.pk, "order_pairs"])
        ).content.decode()
        self.assertIn(f'<option value="{orlova.pk}" selected>', page)
        self.assertIn(f'<option value="{kirillov.pk}" selected>', page)
        self.assertIn(f'<option value="{safonova.pk}" selected>', page)
        self.assertNotIn(f'<option value="{zimina.pk}" selected>', page)
        self.assertIn('name="rows-TOTAL_FORMS" value="2"', page)
        year = academic_year_current()
        self.assertIn(f'value="{year.start_year}-10-01"', page)
