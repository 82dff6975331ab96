"""The read API fuzzed by schemathesis against its own OpenAPI document (issue 10: no 500
anywhere; every answer conforms to the schema), through the Django WSGI application."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from nastavnik.api.models import ApiToken
from nastavnik.api.services import token_digest
from nastavnik.core.services import academic_year_current
from nastavnik.mentorships.models import Mentorship
from nastavnik.roadmaps.models import Activity, Roadmap, Stage
from nastavnik.testing import build_world

SECRET = "nst_schemathesis-fuzzing-token"  # noqa: S105 (exists only in the test database)

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict({"auth": {"openapi": {"bearerAuth": {"bearer": SECRET}}}}),
)


def test_the_document_is_a_valid_openapi_document() -> None:
    schema.validate()


@pytest.fixture
def world(db: None) -> Iterator[None]:
    """The test world with a token of its region, and something to count in school A.

    The WSGI application ends each request by closing old database connections, which would
    close the connection holding the test's transaction on PostgreSQL; as Django's test client
    does, the fuzzing runs with that disconnected."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    w = build_world()
    ApiToken.objects.create(
        name="Фаззер", region=w.region, prefix=SECRET[:12], digest=token_digest(SECRET)
    )
    year = academic_year_current()
    roadmap = Roadmap.objects.create(organization=w.org_a, academic_year=year, title="ДК")
    stage = Stage.objects.create(roadmap=roadmap, title="Подготовка условий")
    Activity.objects.create(stage=stage, title="Положение", deadline="Сентябрь")
    mentor, mentee = w.org_a.staff.order_by("pk")[:2]
    pair = Mentorship.objects.create(
        organization=w.org_a,
        academic_year=year,
        mentor=mentor,
        starts_on=year.starts_on,
        ends_on=year.ends_on,
    )
    pair.mentees.set([mentee])
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible in CI
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_request_as_documented(case: schemathesis.Case, world: None) -> None:
    case.call_and_validate()
