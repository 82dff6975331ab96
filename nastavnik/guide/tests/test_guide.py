"""The guide inside the application: every page of the system points at an existing section,
the guide pages and their screenshots need a login, and the links of the Markdown work."""

import re

from django.urls import reverse

from nastavnik.accounts.models import Role
from nastavnik.guide import pages
from nastavnik.guide.sections import ROLE_SECTIONS, SECTIONS, section_for
from nastavnik.testing import BaseTestCase
from tests.test_isolation import PUBLIC, url_names


def _exists(section: str) -> bool:
    guide, _sep, anchor = section.partition("#")
    return guide in pages.BY_SLUG and anchor in pages.anchors(guide)


class SectionTests(BaseTestCase):
    def test_it_maps_every_page_of_a_logged_in_user_to_an_existing_section(self) -> None:
        unmapped, broken = [], []
        for name, _kwargs in url_names():
            if name in PUBLIC or name == "login":
                continue
            namespace = name.rpartition(":")[0]
            section = SECTIONS.get(name) or (SECTIONS.get(namespace) if namespace else None)
            if section is None:
                unmapped.append(name)
            elif not _exists(section):
                broken.append(f"{name} → {section}")
            for role in ROLE_SECTIONS:
                if not _exists(section_for(name, role)):
                    broken.append(f"{name} ({role}) → {section_for(name, role)}")
        self.assertEqual(unmapped, [], "add them to nastavnik/guide/sections.py")
        self.assertEqual(broken, [])

    def test_every_section_of_the_tables_exists(self) -> None:
        every = list(SECTIONS.values())
        for table in ROLE_SECTIONS.values():
            every.extend(table.values())
        self.assertEqual([s for s in every if not _exists(s)], [])

    def test_it_sends_each_role_to_its_own_guide(self) -> None:
        self.assertEqual(section_for("banks:mentee_bank", Role.CURATOR), "curator#banks")
        self.assertEqual(section_for("mentorships:meeting_add", Role.MENTOR), "mentor#meetings")
        self.assertEqual(section_for("mentorships:portfolio_add", Role.MENTEE), "mentee#portfolio")
        self.assertEqual(
            section_for("monitoring:region_dashboard", Role.REGIONAL_METHODOLOGIST),
            "methodologist#monitoring",
        )
        self.assertEqual(section_for("banks:mentee_bank", Role.MENTEE), "mentee#start")


class PageTests(BaseTestCase):
    def test_the_header_links_to_the_section_of_the_current_page(self) -> None:
        self.login(self.w.curator_a)
        url = reverse("banks:mentee_bank", args=[self.w.org_a.pk])
        body = self.client.get(url).content.decode()
        self.assertIn(f'href="{reverse("guide:curator")}#banks"', body)
        self.login(self.w.mentor_a)
        body = self.client.get(reverse("mentorships:mine")).content.decode()
        self.assertIn(f'href="{reverse("guide:mentor")}#pair"', body)

    def test_every_guide_page_renders_for_any_role(self) -> None:
        for user in (self.w.curator_a, self.w.mentee_a, self.w.municipal_a, self.w.admin):
            self.login(user)
            self.assertEqual(self.client.get(reverse("guide:index")).status_code, 200)
            for page in pages.PAGES:
                response = self.client.get(reverse(f"guide:{page.slug}"))
                self.assertEqual(response.status_code, 200, page.slug)
                self.assertContains(response, 'id="guide-text"')

    def test_links_between_guides_and_images_point_into_the_application(self) -> None:
        self.login(self.w.curator_a)
        for page in pages.PAGES:
            body = self.client.get(reverse(f"guide:{page.slug}")).content.decode()
            self.assertNotRegex(body, r'href="[^"]*\.md[#"]', page.slug)
            for src in re.findall(r'<img[^>]* src="([^"]+)"', body):
                self.assertTrue(src.startswith("/guide/img/"), src)
                self.assertEqual(self.client.get(src).status_code, 200, src)

    def test_a_link_to_a_section_is_not_pushed_away_by_the_images_loading(self) -> None:
        # Each lazily loaded screenshot says its size, so the browser keeps its room from the
        # start and «Справка» lands on the section (seen in a browser: without the size the
        # section was 4,000 px below the screen once the images had loaded).
        self.login(self.w.curator_a)
        body = self.client.get(reverse("guide:curator")).content.decode()
        images = re.findall(r"<img[^>]*>", body)
        self.assertTrue(images)
        for tag in images:
            self.assertRegex(tag, r'width="\d+" height="\d+" loading="lazy"')

    def test_the_guide_needs_a_login(self) -> None:
        for url in (reverse("guide:index"), reverse("guide:curator")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_an_image_outside_the_screenshots_is_not_served(self) -> None:
        self.login(self.w.curator_a)
        for name in ("no-such.png", "..png", "curator.md"):
            url = reverse("guide:image", args=[name])
            self.assertEqual(self.client.get(url).status_code, 404, name)
        self.assertEqual(self.client.get("/guide/img/../curator.md").status_code, 404)
