"""Running a survey in a real browser: the curator prepares the mentee questionnaire, launches
it, prints the links of those without e-mail; the pages fit a phone."""

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.banks import services as banks
from nastavnik.banks.models import Competency, Consent, MenteeProfile
from nastavnik.surveys.models import Answer, Questionnaire, Response, Survey
from nastavnik.surveys.services import library_for
from nastavnik.testing import TEST_PASSWORD, StaffMemberFactory, build_world
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: Any) -> Any:
    world = build_world()
    for i, (last, first, patronymic) in enumerate(
        [
            ("Воронцова", "Ирина", "Павловна"),
            ("Никитин", "Артём", "Игоревич"),
            ("Орлов", "Павел", "Дмитриевич"),
        ]
    ):
        StaffMemberFactory.create(
            organization=world.org_a,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            email=f"teacher{i}@example.org" if i < 2 else "",
        )
    return world


def main_fits(page: Any) -> bool:
    """Whether the content fits without sideways scrolling at phone and desktop width (the
    navigation bar is the shell's)."""
    fits = True
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        fits &= page.evaluate(
            "Array.from(document.querySelectorAll('main *')).every("
            "e => e.getBoundingClientRect().right <= window.innerWidth + 1"
            " || e.closest('.table-responsive'))"
        )
    return bool(fits)


def test_the_curator_prepares_launches_and_prints_links(page: Any, world: Any) -> None:
    template = next(
        t for t in library_for(world.org_a) if t.kind == Questionnaire.Kind.MENTEE_NEEDS
    )
    login(page, "curator_a", TEST_PASSWORD)
    page.goto(f"/organizations/{world.org_a.pk}/surveys/")
    screenshot(page, "surveys-runs-list-empty")
    page.goto(f"/organizations/{world.org_a.pk}/surveys/new/?template={template.pk}")
    assert page.input_value("#id_title").startswith(template.title)
    page.check("#survey-form input[name=audience][value=people]")
    assert page.is_visible("#audience-people")
    assert not page.is_visible("#audience-mentorships")
    for name in ("Воронцова", "Никитин", "Орлов"):
        page.get_by_label(name, exact=False).check()
    screenshot(page, "surveys-runs-create")
    assert main_fits(page)
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("#launch-survey")
    survey = Survey.objects.get()
    assert survey.invitations.count() == 3
    screenshot(page, "surveys-runs-detail-draft")
    page.click("#change-audience")
    assert page.is_checked("#audience-form input[name=audience][value=people]")
    screenshot(page, "surveys-runs-audience")
    assert main_fits(page)
    page.go_back()
    page.click("#launch-survey")
    page.wait_for_selector("#without-email")
    assert len(mail.outbox) == 2
    assert "Орлов Павел Дмитриевич" in page.inner_text("#without-email")
    screenshot(page, "surveys-runs-detail-launched")
    assert main_fits(page)
    page.click("#without-email a")
    assert page.is_checked("#only-without-email")
    page.click("#print-form button[type=submit]")
    page.wait_for_selector("#link-cards svg")
    assert page.locator(".link-card").count() == 1
    assert "Орлов Павел Дмитриевич" in page.inner_text("#link-cards")
    screenshot(page, "surveys-runs-print")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.navbar")
    page.emulate_media(media="screen")
    page.goto(f"/surveys/{survey.pk}/to-bank/")
    screenshot(page, "surveys-runs-to-bank-empty")
    # Воронцова has answered: her needs are proposed for the mentee bank.
    need = Competency.objects.create(
        region=world.region, group="Методика", name="Формирующее оценивание на уроке"
    )
    invitation = survey.invitations.get(staff__last_name="Воронцова")
    response = Response.objects.create(
        survey=survey,
        organization=world.org_a,
        group=invitation.group,
        invitation=invitation,
        submitted=True,
        submitted_at=timezone.now(),
    )
    questions = {q.code: q for q in survey.questionnaire.questions.all() if q.code}
    Answer.objects.create(response=response, question=questions["needs"], value=[need.pk])
    Answer.objects.create(
        response=response,
        question=questions["needs_text"],
        value="Хочу научиться проверять тетради быстрее и объективнее.",
    )
    # Only a person with a signed consent to the processing of personal data enters a bank.
    consent = banks.consent_issue(
        actor=None, staff=invitation.staff, kind=Consent.Kind.PERSONAL_DATA
    )
    banks.consent_sign(
        actor=None,
        consent=consent,
        scan=SimpleUploadedFile("согласие.pdf", b"%PDF-1.4 signed"),
        signed_at=timezone.localdate(),
    )
    page.reload()
    assert "Формирующее оценивание" in page.inner_text("#proposals")
    screenshot(page, "surveys-runs-to-bank")
    assert main_fits(page)
    page.click("#move-to-bank")
    page.wait_for_selector("#nothing-to-move")
    assert MenteeProfile.objects.filter(staff=invitation.staff).exists()
    page.goto(f"/organizations/{world.org_a.pk}/surveys/")
    screenshot(page, "surveys-runs-list")
    assert main_fits(page)
    assert page.errors.errors == []
