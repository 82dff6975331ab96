"""The methodological library: search and filters, publishing to the region, files behind the
access check, the pages of each role and the 404 outside the scope."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.models import AcademicYear
from nastavnik.core.services import academic_year_current
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships import events
from nastavnik.organizations.models import Organization
from nastavnik.practices import selectors, services
from nastavnik.practices.models import Practice, PracticeFile
from nastavnik.testing import BaseTestCase, StaffMemberFactory

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class LibraryTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.year = academic_year_current()
        self.author = StaffMemberFactory.create(
            organization=self.w.org_a, last_name="Ёлкина", first_name="Алла", patronymic="Юрьевна"
        )

    def practice(
        self,
        title: str = "Взаимопосещение уроков",
        organization: Organization | None = None,
        year: AcademicYear | None = None,
        **kwargs: object,
    ) -> Practice:
        organization = organization or self.w.org_a
        return services.practice_save(
            actor=self.w.curator_a,
            organization=organization,
            year=year or self.year,
            authors=list(kwargs.pop("authors", [])),  # type: ignore[call-overload]
            tags=str(kwargs.pop("tags", "")),
            title=title,
            form=str(kwargs.pop("form", MentorshipForm.TEACHER_TEACHER)),
            description=str(kwargs.pop("description", "")),
            other_authors=str(kwargs.pop("other_authors", "")),
        )

    def library(self, organization: Organization | None = None, **params: str) -> str:
        url = reverse("practices:library", args=[(organization or self.w.org_a).pk])
        return self.client.get(url, params).content.decode()


class SearchTests(LibraryTestCase):
    def test_search_finds_cyrillic_words_in_any_case_and_with_yo(self) -> None:
        self.practice("Чек-лист АДАПТАЦИИ молодого педагога", tags="Адаптация; Первый год")
        self.practice("Лист наблюдения урока", description="Разбор урока по шагам")
        self.practice("Клуб молодых учителей", authors=[self.author])
        self.login(self.w.curator_a)
        page = self.library(q="адаптации")
        self.assertIn("Чек-лист АДАПТАЦИИ", page)
        self.assertNotIn("Лист наблюдения урока", page)
        self.assertIn("Лист наблюдения урока", self.library(q="РАЗБОР Урока"))
        # An author from the staff, «ё» written as «е» and in capitals.
        page = self.library(q="ЕЛКИНА")
        self.assertIn("Клуб молодых учителей", page)
        self.assertNotIn("Чек-лист", page)
        # A tag is searchable, and every word must be found.
        self.assertIn("Чек-лист", self.library(q="первый год"))
        self.assertIn('id="nothing-found"', self.library(q="адаптации клуб"))

    def test_the_selector_search_is_case_insensitive_on_the_database(self) -> None:
        self.practice("Ёжик в тумане: ПРАКТИКА Рефлексии")
        base = Practice.objects.filter(organization=self.w.org_a)
        for query in ("ежик", "ЁЖИК", "практика рефлексии", "Рефлекс"):
            with self.subTest(query=query):
                self.assertEqual(selectors.filtered(base, search=query).count(), 1)
        self.assertEqual(selectors.filtered(base, search="туманность").count(), 0)

    def test_tags_are_normalized_and_filter_exactly(self) -> None:
        p = self.practice("Первая", tags="Адаптация, молодой педагог;  адаптация , #Анализ")
        self.assertEqual(p.tags, "адаптация, анализ, молодой педагог")
        self.practice("Вторая", tags="адаптация-2")
        self.practice("Третья", tags="молодой педагог")
        base = Practice.objects.filter(organization=self.w.org_a)
        titles = {x.title for x in selectors.filtered(base, tag="Адаптация")}
        self.assertEqual(titles, {"Первая"})
        titles = {x.title for x in selectors.filtered(base, tag="молодой педагог")}
        self.assertEqual(titles, {"Первая", "Третья"})
        self.assertEqual(
            selectors.tags_of(base), ["адаптация", "адаптация-2", "анализ", "молодой педагог"]
        )

    def test_the_library_filters_by_year_form_and_tag(self) -> None:
        previous = AcademicYear.objects.get_or_create(start_year=self.year.start_year - 1)[0]
        self.practice("Прошлогодняя практика", year=previous)
        self.practice("Практика директора", form=MentorshipForm.DIRECTOR_TEACHER, tags="управление")
        self.practice("Текущая практика")
        self.login(self.w.curator_a)
        page = self.library(year=str(previous.pk))
        self.assertIn("Прошлогодняя практика", page)
        self.assertNotIn("Текущая практика", page)
        page = self.library(form=MentorshipForm.DIRECTOR_TEACHER)
        self.assertIn("Практика директора", page)
        self.assertNotIn("Текущая практика", page)
        page = self.library(tag="управление")
        self.assertIn("Практика директора", page)
        self.assertNotIn("Прошлогодняя практика", page)

    def test_the_library_lists_in_a_fixed_number_of_queries(self) -> None:
        self.practice("Одна", authors=[self.author], tags="а")
        self.login(self.w.curator_a)
        url = reverse("practices:library", args=[self.w.org_a.pk])
        self.client.get(url)
        with self.assertNumQueries(self._count(url)):
            self.client.get(url)
        for i in range(6):
            p = self.practice(f"Практика {i}", authors=[self.author], tags=f"тег{i}")
            services.practice_file_add(
                actor=self.w.curator_a, practice=p, title="", url="https://example.org/"
            )
        with self.assertNumQueries(self._count(url)):
            self.client.get(url)

    def _count(self, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.client.get(url)
        return len(ctx.captured_queries)

    def test_the_region_library_lists_in_a_fixed_number_of_queries(self) -> None:
        self.login(self.w.curator_b)
        url = reverse("practices:organization_region_library", args=[self.w.org_b.pk])
        services.practice_publish(
            actor=self.w.curator_a, practice=self.practice("Одна"), published=True
        )
        queries = self._count(url)
        for i in range(5):
            p = self.practice(f"Практика {i}", authors=[self.author], tags="т")
            services.practice_publish(actor=self.w.curator_a, practice=p, published=True)
        with self.assertNumQueries(queries):
            response = self.client.get(url)
        self.assertContains(response, "Практика 4")


class PracticeFormTests(LibraryTestCase):
    def test_the_curator_adds_a_practice_from_the_final_event_with_a_file(self) -> None:
        event = events.event_save(
            actor=self.w.curator_a,
            organization=self.w.org_a,
            year=self.year,
            participants=[self.author],
            kind="round_table",
            title="Итоговый круглый стол",
            date=timezone.localdate(),
        )
        self.login(self.w.curator_a)
        detail = self.client.get(reverse("mentorships:event_detail", args=[event.pk]))
        add_url = reverse("practices:practice_create", args=[self.w.org_a.pk])
        self.assertContains(detail, f"{add_url}?event={event.pk}")
        form_page = self.client.get(add_url, {"event": event.pk})
        self.assertContains(form_page, f'<option value="{event.pk}" selected>')
        response = self.client.post(
            add_url,
            {
                "title": "Лист наблюдения урока",
                "academic_year": self.year.pk,
                "form": MentorshipForm.TEACHER_TEACHER,
                "authors": [self.author.pk],
                "other_authors": "Петров П. П. (методист ИРО)",
                "tags": "Анализ урока, наблюдение",
                "description": "Как вести лист наблюдения.",
                "event": event.pk,
                "file": SimpleUploadedFile("list.pdf", PDF, content_type="application/pdf"),
            },
        )
        practice = Practice.objects.get()
        self.assertRedirects(response, reverse("practices:practice_detail", args=[practice.pk]))
        self.assertEqual(practice.event, event)
        self.assertEqual(list(practice.authors.all()), [self.author])
        self.assertEqual(practice.tags, "анализ урока, наблюдение")
        self.assertEqual(practice.files.get().file.read(), PDF)
        page = self.client.get(practice_url(practice)).content.decode()
        self.assertIn("Ёлкина Алла Юрьевна", page)
        self.assertIn("Петров П. П.", page)
        self.assertIn("Итоговый круглый стол", page)

    def test_a_file_over_20_mb_is_refused(self) -> None:
        practice = self.practice()
        self.login(self.w.curator_a)
        big = SimpleUploadedFile("big.pdf", b"0" * (20 * 1024 * 1024 + 1))
        response = self.client.post(
            reverse("practices:file_add", args=[practice.pk]), {"title": "Большой", "file": big}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PracticeFile.objects.exists())

    def test_the_curator_edits_and_deletes_a_practice(self) -> None:
        practice = self.practice()
        self.login(self.w.curator_a)
        response = self.client.post(
            reverse("practices:practice_edit", args=[practice.pk]),
            {
                "title": "Новое название",
                "academic_year": self.year.pk,
                "form": MentorshipForm.STUDENT_STUDENT,
                "tags": "новый",
            },
        )
        self.assertRedirects(response, practice_url(practice))
        practice.refresh_from_db()
        self.assertEqual((practice.title, practice.form), ("Новое название", "student_student"))
        self.assertIn("новое название", practice.search_text)
        self.client.post(reverse("practices:practice_delete", args=[practice.pk]))
        self.assertFalse(Practice.objects.exists())

    def test_a_mentor_reads_the_library_but_does_not_change_it(self) -> None:
        practice = self.practice()
        self.login(self.w.mentor_a)
        self.assertIn(practice.title, self.library())
        page = self.client.get(practice_url(practice))
        self.assertNotContains(page, reverse("practices:practice_edit", args=[practice.pk]))
        self.assertEqual(
            self.client.get(reverse("practices:practice_edit", args=[practice.pk])).status_code,
            403,
        )
        self.assertEqual(
            self.client.get(
                reverse("practices:practice_create", args=[self.w.org_a.pk])
            ).status_code,
            404,
        )


def practice_url(practice: Practice) -> str:
    return reverse("practices:practice_detail", args=[practice.pk])


class RegionTests(LibraryTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.published = self.practice("Опубликованная Альфа-практика")
        services.practice_publish(actor=self.w.curator_a, practice=self.published, published=True)
        self.private = self.practice("Внутренняя Альфа-практика")
        item = services.practice_file_add(
            actor=self.w.curator_a,
            practice=self.published,
            title="Лист",
            upload=SimpleUploadedFile("list.pdf", PDF),
        )
        self.file_url = reverse("practices:file_download", args=[item.pk])
        hidden = services.practice_file_add(
            actor=self.w.curator_a,
            practice=self.private,
            title="Скрытый",
            upload=SimpleUploadedFile("hidden.pdf", PDF),
        )
        self.hidden_url = reverse("practices:file_download", args=[hidden.pk])
        self.region_url = reverse("practices:region_library", args=[self.w.region.pk])
        self.from_b = reverse("practices:organization_region_library", args=[self.w.org_b.pk])
        self.from_m_b = reverse("practices:municipality_region_library", args=[self.w.m_b.pk])

    def test_a_published_practice_is_seen_by_the_other_organizations_of_the_region(self) -> None:
        self.assertIsNotNone(self.published.published_at)
        for user, url in (
            (self.w.curator_b, self.from_b),
            (self.w.mentor_b, self.from_b),
            (self.w.municipal_b, self.from_m_b),
            (self.w.regional, self.region_url),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                page = self.client.get(url, {"q": "альфа"}).content.decode()
                self.assertIn("Опубликованная Альфа-практика", page)
                self.assertIn("Школа Альфа", page)
                self.assertNotIn("Внутренняя", page)
                self.assertEqual(self.client.get(practice_url(self.published)).status_code, 200)
                response = self.client.get(self.file_url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(b"".join(response.streaming_content), PDF)  # type: ignore[attr-defined]
                # The practice kept inside the school is not theirs to see (the regional
                # methodologist observes the school and reads it).
                hidden = 200 if user == self.w.regional else 404
                self.assertEqual(self.client.get(practice_url(self.private)).status_code, hidden)
                self.assertEqual(self.client.get(self.hidden_url).status_code, hidden)
                # Read-only: no buttons of the curator.
                page = self.client.get(practice_url(self.published)).content.decode()
                self.assertNotIn('id="publish"', page)
                self.assertNotIn('id="withdraw"', page)

    def test_another_region_sees_nothing(self) -> None:
        for user in (self.w.curator_c, self.w.admin2, self.w.nobody):
            with self.subTest(user=user.username):
                self.login(user)
                for url in (self.region_url, self.from_b, self.from_m_b):
                    self.assertIn(self.client.get(url).status_code, (403, 404))
                self.assertEqual(self.client.get(practice_url(self.published)).status_code, 404)
                self.assertEqual(self.client.get(self.file_url).status_code, 404)
        self.login(self.w.curator_c)
        own = self.client.get(
            reverse("practices:organization_region_library", args=[self.w.org_c.pk])
        )
        self.assertEqual(own.status_code, 200)
        self.assertNotContains(own, "Альфа")
        # The region's address is for its administrators and regional methodologists only;
        # the others reach it through their organization or municipality.
        self.login(self.w.curator_b)
        self.assertEqual(self.client.get(self.region_url).status_code, 403)
        self.login(self.w.municipal_b)
        self.assertEqual(
            self.client.get(
                reverse("practices:municipality_region_library", args=[self.w.m_a.pk])
            ).status_code,
            404,
        )

    def test_withdrawing_hides_the_practice_from_the_region(self) -> None:
        self.login(self.w.curator_a)
        self.client.post(
            reverse("practices:practice_publish", args=[self.published.pk]), {"published": "0"}
        )
        self.published.refresh_from_db()
        self.assertFalse(self.published.published_to_region)
        self.login(self.w.curator_b)
        self.assertNotContains(self.client.get(self.from_b), "Опубликованная")
        self.assertEqual(self.client.get(self.file_url).status_code, 404)

    def test_the_curator_publishes_a_practice_from_its_page(self) -> None:
        self.login(self.w.curator_a)
        self.client.post(
            reverse("practices:practice_publish", args=[self.private.pk]), {"published": "1"}
        )
        self.login(self.w.curator_b)
        self.assertContains(self.client.get(self.from_b), "Внутренняя Альфа-практика")

    def test_the_library_of_another_organization_is_404(self) -> None:
        for user in (self.w.curator_b, self.w.mentor_b, self.w.municipal_b, self.w.curator_c):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(
                    self.client.get(
                        reverse("practices:library", args=[self.w.org_a.pk])
                    ).status_code,
                    404,
                )
        self.login(self.w.curator_b)
        for name, args in (
            ("practices:practice_edit", [self.published.pk]),
            ("practices:practice_edit", [self.private.pk]),
            ("practices:practice_create", [self.w.org_a.pk]),
            ("practices:file_add", [self.private.pk]),
        ):
            with self.subTest(name=name):
                self.assertIn(self.client.get(reverse(name, args=args)).status_code, (403, 404))
        response = self.client.post(
            reverse("practices:practice_publish", args=[self.published.pk]), {"published": "0"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(
            self.client.post(
                reverse("practices:practice_delete", args=[self.private.pk])
            ).status_code,
            404,
        )

    def test_the_municipal_methodologist_of_the_municipality_reads_its_library(self) -> None:
        self.login(self.w.municipal_a)
        self.assertContains(
            self.client.get(reverse("practices:library", args=[self.w.org_a.pk])),
            "Внутренняя Альфа-практика",
        )
        self.assertEqual(self.client.get(self.hidden_url).status_code, 200)

    def test_the_library_link_of_each_role_leads_to_its_library(self) -> None:
        home = reverse("practices:library_home")
        cases = (
            (self.w.curator_a, reverse("practices:library", args=[self.w.org_a.pk])),
            (self.w.regional, self.region_url),
            (self.w.municipal_b, self.from_m_b),
            (self.w.admin2, reverse("practices:region_library", args=[self.w.region2.pk])),
        )
        for user, target in cases:
            with self.subTest(user=user.username):
                self.login(user)
                self.assertRedirects(self.client.get(home), target, fetch_redirect_response=False)


class DateTests(LibraryTestCase):
    def test_the_published_date_is_shown_as_dd_mm_yyyy(self) -> None:
        practice = self.practice()
        services.practice_publish(actor=self.w.curator_a, practice=practice, published=True)
        self.login(self.w.curator_a)
        day = timezone.localtime(practice.published_at).date()
        self.assertContains(self.client.get(practice_url(practice)), f"{day:%d.%m.%Y}")
        self.assertIsInstance(day, datetime.date)
