"""Per-person consents of the participants of mentorship, made in bulk like the personal-data
consent: the consent to mentoring duties with the addendum to the employment contract
(ТК РФ ст. 351.8, 60.2, 72) and the consent to the publication of personal data
(152-ФЗ ст. 10.1, приказ Роскомнадзора от 24.02.2021 № 18)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from nastavnik.documents.kinds.base import DocumentKind, KindForm, register
from nastavnik.organizations.models import Organization


class PersonalConsentForm(KindForm):
    """Per-person documents have no fields of their own; the people are chosen in bulk."""


def personal_consent_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    return {}


# The context of a per-person document is built by services.batch_run: the organization's
# requisites, the person, the academic year and the place of signing.
PERSONAL_VARIABLES: list[tuple[str, Any]] = [
    ("person", _("the person who gives the consent")),
    ("academic_year", _("the academic year, e.g. «2025/2026»")),
    ("document_place", _("the place of signing: the organization's locality or municipality")),
]


register(
    DocumentKind(
        code="consent_personal_data_learner",
        label=_("Consent to the processing of personal data of a student"),
        default_title=_("Consents to the processing of personal data of students"),
        description=_(
            "152-FZ art. 9: for a minor the consent is given by a parent or legal "
            "representative; an adult student signs his or her own."
        ),
        series=None,
        per_person=True,
        form=PersonalConsentForm,
        context=personal_consent_context,
        staff_ids=lambda data: set(),
        variables=[
            *PERSONAL_VARIABLES,
            ("representative", _("the parent or legal representative of a minor")),
            ("learner", _("the group, date of birth and school of the student")),
        ],
    )
)

register(
    DocumentKind(
        code="consent_duties",
        label=_("Consent to mentoring duties and the addendum to the employment contract"),
        default_title=_("Consents to mentoring duties and the addenda to the employment contracts"),
        description=_(
            "Labour Code art. 351.8: the written consent to the additional work of a mentor and "
            "the addendum stating its content, form, term and the extra pay."
        ),
        series=None,
        per_person=True,
        form=PersonalConsentForm,
        context=personal_consent_context,
        staff_ids=lambda data: set(),
        variables=PERSONAL_VARIABLES,
    )
)

register(
    DocumentKind(
        code="consent_publication",
        label=_("Consent to the publication of personal data on the website"),
        default_title=_("Consents to the publication of personal data on the website"),
        description=_(
            "152-FZ art. 10.1 and Roskomnadzor order No. 18: the data allowed for distribution "
            "on the website and in social networks, separately from other consents."
        ),
        series=None,
        per_person=True,
        form=PersonalConsentForm,
        context=personal_consent_context,
        staff_ids=lambda data: set(),
        variables=PERSONAL_VARIABLES,
    )
)
