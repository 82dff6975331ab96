"""Facts of the system that complete roadmap activities by themselves, computed for many
organizations at once in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.core.models import AcademicYear
from nastavnik.documents.models import Document
from nastavnik.roadmaps.models import Activity

# The signed document that proves each fact.
DOCUMENT_FACTS = {
    Activity.Fact.REGULATION_SIGNED: ("order_implementation", "regulation"),
    Activity.Fact.CURATOR_ORDER_SIGNED: ("order_curator",),
    Activity.Fact.PAIR_ORDER_SIGNED: ("order_pairs",),
    Activity.Fact.FINAL_EVENT_ORDER_SIGNED: ("order_final_event",),
    Activity.Fact.AWARD_ORDER_SIGNED: ("order_award",),
}


@dataclass(frozen=True)
class FactState:
    true: bool
    explanation: str


def facts_for(organization_ids: list[int], year: AcademicYear) -> dict[int, dict[str, FactState]]:
    """Every fact for every organization: {organization id: {fact code: state}}."""
    signed_kinds: dict[int, set[str]] = {}
    for org_id, kind in (
        Document.objects.filter(
            organization_id__in=organization_ids,
            academic_year=year,
            status=Document.Status.SIGNED,
        )
        .order_by()
        .values_list("organization_id", "kind")
        .distinct()
    ):
        signed_kinds.setdefault(org_id, set()).add(kind)
    signed_data = Q(
        staff__consents__kind=Consent.Kind.PERSONAL_DATA,
        staff__consents__status=Consent.Status.SIGNED,
    )
    mentees = dict(
        MenteeProfile.objects.filter(organization_id__in=organization_ids, academic_year=year)
        .exclude(status=MenteeProfile.Status.EXCLUDED)
        .filter(signed_data)
        .values_list("organization_id")
        .annotate(n=Count("pk", distinct=True))
    )
    mentors = dict(
        MentorProfile.objects.filter(
            organization_id__in=organization_ids,
            academic_year=year,
            status__in=[
                MentorProfile.Status.SELECTED,
                MentorProfile.Status.TRAINED,
                MentorProfile.Status.ACTIVE,
            ],
        )
        .filter(signed_data)
        .values_list("organization_id")
        .annotate(n=Count("pk", distinct=True))
    )
    result: dict[int, dict[str, FactState]] = {}
    for org_id in organization_ids:
        kinds = signed_kinds.get(org_id, set())
        states: dict[str, FactState] = {}
        for fact, document_kinds in DOCUMENT_FACTS.items():
            done = any(k in kinds for k in document_kinds)
            states[fact] = FactState(
                done,
                _("The document is signed and its scan is in the register.")
                if done
                else _("Waits for the signed document in the register."),
            )
        n = mentees.get(org_id, 0)
        states[Activity.Fact.MENTEE_BANK_READY] = FactState(
            n > 0,
            _("%(count)s people with consents are in the mentee bank.") % {"count": n}
            if n
            else _("Nobody with a signed consent is in the mentee bank yet."),
        )
        n = mentors.get(org_id, 0)
        states[Activity.Fact.MENTOR_BANK_READY] = FactState(
            n > 0,
            _("%(count)s selected mentors with consents are in the mentor bank.") % {"count": n}
            if n
            else _("No selected mentor with a signed consent is in the mentor bank yet."),
        )
        result[org_id] = states
    return result
