"""`manage.py seed_bench` at a tiny scale: the proportions of the region hold, the data is
valid for the pages, and the bench accounts can log in with the bench password."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from nastavnik.accounts.models import Role, RoleAssignment, User
from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.core import bench_seed
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.organizations.models import Municipality, Organization, Region
from nastavnik.roadmaps.models import Roadmap
from nastavnik.staff.models import StaffMember
from nastavnik.surveys.models import Answer, Response

SCALE = 0.002

pytestmark = pytest.mark.django_db


def test_it_builds_a_region_in_proportion() -> None:
    out = StringIO()
    call_command("seed_bench", "--scale", str(SCALE), stdout=out)
    plan = bench_seed.Plan.of(SCALE)
    assert (plan.organizations, plan.municipalities) == (3, 1)
    region = Region.objects.get(name=bench_seed.REGION)
    organizations = Organization.objects.filter(municipality__region=region)
    assert Municipality.objects.filter(region=region).count() == plan.municipalities
    assert organizations.count() == plan.organizations
    # The full region's ratios: 40 staff and 10 pairs or groups per organization, about 6.7
    # meetings per pair, 10 answers per response.
    assert StaffMember.objects.filter(organization__in=organizations).count() == 40 * 3
    assert Mentorship.objects.filter(organization__in=organizations).count() == 10 * 3
    assert Meeting.objects.count() == round(100_000 * SCALE)
    assert Answer.objects.count() == round(500_000 * SCALE)
    assert Response.objects.filter(submitted=True).count() == round(50_000 * SCALE)
    assert Roadmap.objects.filter(organization__in=organizations).count() == 3
    assert MentorProfile.objects.count() == 10 * 3
    assert MenteeProfile.objects.count() == 11 * 3
    # Everyone in the banks signed the consent to the processing of data; mentors the duties.
    assert Consent.objects.filter(kind="personal_data", status="signed").count() == 21 * 3
    assert Consent.objects.filter(kind="duties", status="signed").count() == 10 * 3
    # A curator, a mentor and a mentee of each organization, the methodologists, an admin.
    assert RoleAssignment.objects.filter(role=Role.CURATOR).count() == 3
    assert RoleAssignment.objects.filter(role=Role.MUNICIPAL_METHODOLOGIST).count() == 1
    assert User.objects.filter(username__startswith="bench-").count() == 3 * 3 + 1 + 2
    assert "organizations 3" in out.getvalue()


def test_it_refuses_to_build_the_region_twice() -> None:
    call_command("seed_bench", "--scale", str(SCALE), stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("seed_bench", "--scale", str(SCALE), stdout=StringIO())


@pytest.mark.parametrize(
    ("login", "page"),
    [
        ("bench-curator-1", "home"),
        ("bench-mentor-1", "mentorships:mine"),
        ("bench-mentee-1", "mentorships:mine"),
        ("bench-region", "home"),
        ("bench-municipality-1", "home"),
    ],
)
def test_the_bench_accounts_log_in_and_open_their_pages(login: str, page: str) -> None:
    call_command("seed_bench", "--scale", str(SCALE), stdout=StringIO())
    client = Client()
    response = client.post(reverse("login"), {"username": login, "password": bench_seed.PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse(page))
    assert response.status_code == 200
    if login == "bench-curator-1":
        organization = Organization.objects.get(role_assignments__user__username=login)
        assert organization.short_name in response.content.decode()
    if login == "bench-mentee-1":
        mentorship = Mentorship.objects.get(mentees__user__username=login)
        detail = client.get(reverse("mentorships:mentorship_detail", args=[mentorship.pk]))
        assert detail.status_code == 200
