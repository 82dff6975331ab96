"""Demo tokens of the read API, with known secrets, so that the API can be tried on the demo
database at once (`curl -H "Authorization: Bearer nst_demo-region" …/api/v1/indicators`).
Only `seed_demo` calls this: a real installation issues its tokens on the tokens pages."""

from nastavnik.accounts.models import User
from nastavnik.api.models import ApiToken
from nastavnik.api.services import token_digest
from nastavnik.core.services import audit
from nastavnik.organizations.models import Organization

DEMO_REGION_SECRET = "nst_demo-region"  # noqa: S105 (demo data only)
DEMO_MUNICIPALITY_SECRET = "nst_demo-municipality"  # noqa: S105 (demo data only)


def demo_api(school: Organization, curator: User) -> None:
    """A token of the school's region and one of its municipality; idempotent."""
    municipality = school.municipality
    for name, secret, scope in (
        ("Демо: региональный центр наставничества", DEMO_REGION_SECRET, "region"),
        ("Демо: муниципальный отдел образования", DEMO_MUNICIPALITY_SECRET, "municipality"),
    ):
        if ApiToken.objects.filter(digest=token_digest(secret)).exists():
            continue
        token = ApiToken.objects.create(
            name=name,
            region=municipality.region if scope == "region" else None,
            municipality=municipality if scope == "municipality" else None,
            prefix=secret[:12],
            digest=token_digest(secret),
        )
        audit(actor=None, action="api_token_create", target=token, region=municipality.region)
