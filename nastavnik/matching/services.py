"""The curator's work with the proposal of pairs: decisions (lock, reject, change), the run
that keeps the locked pairs, acceptance into mentorships, and the support list of stage 5.3."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nastavnik.banks.models import MenteeProfile
from nastavnik.core.models import AcademicYear
from nastavnik.core.services import audit
from nastavnik.documents.kinds.orders import mentee_kinds, mentor_kinds
from nastavnik.matching import scoring, solver
from nastavnik.matching.models import MatchingDecision, SupportRecord
from nastavnik.mentorships import services as mentorships
from nastavnik.mentorships.models import Mentorship
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember

Pair = tuple[int, int]  # (mentor staff id, mentee staff id)


def _audit(
    actor: Any, action: str, target: Any, organization: Organization, **details: Any
) -> None:
    audit(
        actor=actor,
        action=action,
        target=target,
        organization=organization,
        region=organization.municipality.region,
        **details,
    )


# --- decisions -------------------------------------------------------------------------------


def decisions(organization: Organization, year: AcademicYear) -> list[MatchingDecision]:
    return list(MatchingDecision.objects.filter(organization=organization, academic_year=year))


@transaction.atomic
def decision_set(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    mentor: StaffMember,
    mentee: StaffMember,
    kind: str,
) -> MatchingDecision:
    """Lock a pair (a mentee keeps one locked mentor: another lock of the mentee goes) or
    reject it (never proposed again)."""
    if kind == MatchingDecision.Kind.LOCKED:
        MatchingDecision.objects.filter(
            organization=organization,
            academic_year=year,
            mentee=mentee,
            kind=MatchingDecision.Kind.LOCKED,
        ).exclude(mentor=mentor).delete()
    decision, _created = MatchingDecision.objects.update_or_create(
        organization=organization,
        academic_year=year,
        mentor=mentor,
        mentee=mentee,
        defaults={"kind": kind, "created_by": actor if getattr(actor, "pk", None) else None},
    )
    _audit(actor, f"matching_{kind}", decision, organization, mentor=mentor.pk, mentee=mentee.pk)
    return decision


@transaction.atomic
def decision_clear(
    *, actor: Any, organization: Organization, year: AcademicYear, mentor_id: int, mentee_id: int
) -> None:
    """Unlock or un-reject a pair."""
    for decision in MatchingDecision.objects.filter(
        organization=organization, academic_year=year, mentor_id=mentor_id, mentee_id=mentee_id
    ):
        _audit(actor, "matching_clear", decision, organization, kind=decision.kind)
        decision.delete()


@transaction.atomic
def decisions_reset(*, actor: Any, organization: Organization, year: AcademicYear) -> int:
    """Forget every lock and rejection of the organization's year."""
    count, _deleted = MatchingDecision.objects.filter(
        organization=organization, academic_year=year
    ).delete()
    _audit(actor, "matching_reset", organization, organization, count=count)
    return count


# --- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    mentor: StaffMember
    score: float


@dataclass(frozen=True)
class Broken:
    """A locked pair that cannot be kept any more, with the reason naming the people."""

    mentor_id: int
    mentee_id: int
    message: str


@dataclass
class Run:
    """A proposal with what the page needs around it."""

    data: scoring.ScoringInput
    proposal: scoring.Proposal
    locked: set[Pair]
    forbidden: set[Pair]
    broken: list[Broken]
    choices: dict[int, list[Choice]]  # mentee staff id -> admissible mentors with room, best first
    forbidden_rows: list[tuple[StaffMember, StaffMember]] = field(default_factory=list)

    @property
    def mentee_count(self) -> int:
        return len(self.data.mentees)

    @property
    def matched(self) -> int:
        return len(self.proposal.pairs)

    def pair_keys(self) -> str:
        """The proposal's pairs as text, to check at acceptance that it did not change."""
        return ",".join(f"{p.mentor.pk}-{p.mentee.pk}" for p in self.proposal.pairs)


def _not_admissible(data: scoring.ScoringInput, i: int, j: int) -> str:
    mentor, mentee = data.mentors[i], data.mentees[j]
    names = {"mentor": mentor.staff.full_name, "mentee": mentee.staff.full_name}
    if not mentor.personal_data:
        return _("%(mentor)s has no signed consent to the processing of personal data.") % names
    if not mentor.duties:
        return _("%(mentor)s has no signed consent to mentoring duties.") % names
    if not mentee.personal_data:
        return _("%(mentee)s has no signed consent to the processing of personal data.") % names
    if data.form not in mentor.forms:
        return _("%(mentor)s does not work in the chosen form of mentorship.") % names
    if mentor.staff.kind not in mentor_kinds(data.form):
        return _("%(mentor)s cannot be a mentor in the chosen form of mentorship.") % names
    if mentee.staff.kind not in mentee_kinds(data.form):
        return _("%(mentee)s cannot be a mentee in the chosen form of mentorship.") % names
    return _("%(mentor)s cannot be his or her own mentee.") % names


def check_locks(
    data: scoring.ScoringInput, locked: Iterable[Pair], staff: dict[int, StaffMember]
) -> tuple[list[Pair], list[Broken]]:
    """The locked pairs that can be kept, and the others with the reason naming the people."""
    mentor_index, mentee_index = data.mentor_index(), data.mentee_index()
    kept: list[Pair] = []
    broken: list[Broken] = []
    used: dict[int, int] = defaultdict(int)
    seen_mentees: set[int] = set()

    def name(pk: int) -> str:
        return staff[pk].full_name if pk in staff else str(pk)

    for mentor_id, mentee_id in locked:
        names = {"mentor": name(mentor_id), "mentee": name(mentee_id)}
        prefix = _("The locked pair %(mentor)s — %(mentee)s is not kept:") % names
        if mentee_id not in mentee_index:
            reason = _("%(mentee)s no longer waits for a mentor this year.") % names
        elif mentor_id not in mentor_index:
            reason = _("%(mentor)s is no longer in the bank of mentors ready to work.") % names
        elif mentee_id in seen_mentees:
            reason = _("%(mentee)s is already locked with another mentor.") % names
        else:
            i, j = mentor_index[mentor_id], mentee_index[mentee_id]
            if not data.admissible[i, j]:
                reason = _not_admissible(data, i, j)
            elif used[mentor_id] >= data.mentors[i].capacity_left:
                reason = _("%(mentor)s has no free place left (takes at most %(count)s).") % {
                    **names,
                    "count": data.mentors[i].capacity,
                }
            else:
                used[mentor_id] += 1
                seen_mentees.add(mentee_id)
                kept.append((mentor_id, mentee_id))
                continue
        broken.append(Broken(mentor_id, mentee_id, f"{prefix} {reason}"))
    return kept, broken


def _choices(
    data: scoring.ScoringInput, forbidden: set[Pair], mentee_ids: Iterable[int]
) -> dict[int, list[Choice]]:
    mentee_index = data.mentee_index()
    mask = data.admissible & data.has_room[:, None]
    result: dict[int, list[Choice]] = {}
    for mentee_id in mentee_ids:
        j = mentee_index[mentee_id]
        rows = np.nonzero(mask[:, j])[0]
        options = [
            Choice(data.mentors[i].staff, float(data.score[i, j]))
            for i in rows.tolist()
            if (data.mentors[i].staff.pk, mentee_id) not in forbidden
        ]
        options.sort(key=lambda c: (-c.score, c.mentor.full_name))
        result[mentee_id] = options
    return result


def run(
    organizations: Organization | Sequence[Organization],
    year: AcademicYear,
    *,
    form: str = scoring.DEFAULT_FORM,
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
    staff: dict[int, StaffMember] | None = None,
) -> Run:
    """Score the banks, keep the locked pairs that still meet the rules and optimize the rest.

    A locked pair that broke (consent revoked, mentor full, mentee paired) is reported in
    ``broken`` with a message naming the people, and the proposal is made without it."""
    data = scoring.candidates(organizations, year, form=form)
    locked, forbidden = set(locked), set(forbidden)
    people = {row.staff.pk: row.staff for row in [*data.mentors, *data.mentees]}
    people.update(staff or {})
    kept, broken = check_locks(data, sorted(locked), people)
    try:
        proposal = scoring.propose_from(data, locked=kept, forbidden=forbidden)
    except solver.MatchingInputError:
        broken.extend(
            Broken(
                m,
                e,
                _("The locked pair %(mentor)s — %(mentee)s is not kept.")
                % {
                    "mentor": people[m].full_name if m in people else m,
                    "mentee": people[e].full_name if e in people else e,
                },
            )
            for m, e in kept
        )
        proposal = scoring.propose_from(data, forbidden=forbidden)
    mentee_ids = [p.mentee.pk for p in proposal.pairs] + [u.mentee.pk for u in proposal.unmatched]
    return Run(
        data=data,
        proposal=proposal,
        locked=locked,
        forbidden=forbidden,
        broken=broken,
        choices=_choices(data, forbidden, mentee_ids),
    )


def run_for(
    organizations: Organization | Sequence[Organization],
    year: AcademicYear,
    *,
    form: str = scoring.DEFAULT_FORM,
) -> Run:
    """The proposal of an organization (or of the organizations of a municipality) with the
    curators' saved decisions."""
    orgs = [organizations] if isinstance(organizations, Organization) else list(organizations)
    saved = MatchingDecision.objects.filter(
        organization__in=orgs, academic_year=year
    ).select_related("mentor", "mentee")
    locked, forbidden, staff = set(), set(), {}
    rows = []
    for decision in saved:
        key = (decision.mentor_id, decision.mentee_id)
        staff[decision.mentor_id], staff[decision.mentee_id] = decision.mentor, decision.mentee
        if decision.kind == MatchingDecision.Kind.LOCKED:
            locked.add(key)
        else:
            forbidden.add(key)
            rows.append((decision.mentor, decision.mentee))
    result = run(orgs, year, form=form, locked=locked, forbidden=forbidden, staff=staff)
    result.forbidden_rows = rows
    return result


# --- acceptance ------------------------------------------------------------------------------


def default_period(year: AcademicYear, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From today to the end of the school year (31 May), but from 3 to 12 months."""
    ends = year.ends_on.replace(month=5, day=31)
    ends = max(ends, today + datetime.timedelta(days=92))
    ends = min(ends, today + datetime.timedelta(days=365))
    return today, ends


@transaction.atomic
def accept(
    *,
    actor: Any,
    year: AcademicYear,
    pairs: Sequence[tuple[StaffMember, StaffMember]],
    form: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    group: bool,
    organizations: dict[int, Organization],
) -> list[Mentorship]:
    """Make mentorships of the proposed pairs, all or nothing: each pair in the mentee's
    organization; with ``group`` the mentees of one mentor (in one organization) form a group.
    A ValidationError names the pair that failed."""
    if not pairs:
        raise ValidationError(_("There are no proposed pairs to accept."))
    batches: dict[tuple[int, int], list[StaffMember]] = defaultdict(list)
    mentors: dict[int, StaffMember] = {}
    order: list[tuple[int, int]] = []
    for mentor, mentee in pairs:
        mentors[mentor.pk] = mentor
        if group:
            key = (mentor.pk, mentee.organization_id)
        else:
            key = (mentor.pk, mentee.pk)
        if key not in batches:
            order.append(key)
        batches[key].append(mentee)
    created = []
    for key in order:
        mentor, mentees = mentors[key[0]], batches[key]
        organization = organizations[mentees[0].organization_id]
        try:
            with transaction.atomic():
                created.append(
                    mentorships.mentorship_create(
                        actor=actor,
                        organization=organization,
                        year=year,
                        mentor=mentor,
                        mentees=mentees,
                        form=form,
                        type=Mentorship.Type.GROUP
                        if len(mentees) > 1
                        else Mentorship.Type.INDIVIDUAL,
                        starts_on=starts_on,
                        ends_on=ends_on,
                    )
                )
        except ValidationError as error:
            who = _("%(mentor)s — %(mentees)s") % {
                "mentor": mentor.full_name,
                "mentees": ", ".join(m.full_name for m in mentees),
            }
            raise ValidationError(
                [_("The pair %(pair)s could not be formed; nothing was saved.") % {"pair": who}]
                + list(error.messages)
            ) from error
    accepted = [mentee.pk for _mentor, mentee in pairs]
    MatchingDecision.objects.filter(
        academic_year=year, mentee_id__in=accepted, kind=MatchingDecision.Kind.LOCKED
    ).delete()
    for organization in {organizations[m.organization_id] for _x, m in pairs}:
        _audit(
            actor,
            "matching_accept",
            organization,
            organization,
            pairs=[[m.pk, e.pk] for m, e in pairs if e.organization_id == organization.pk],
        )
    return created


# --- support (stage 5.3) ---------------------------------------------------------------------


@transaction.atomic
def support_add(
    *,
    actor: Any,
    organization: Organization,
    year: AcademicYear,
    mentee: StaffMember,
    reason: str,
) -> SupportRecord:
    """Put a mentee without a mentor on the support list; the supporter is the curator (when
    the curator is on the staff of the organization) until changed."""
    profile = MenteeProfile.objects.select_for_update().get(
        organization=organization, academic_year=year, staff=mentee
    )
    if profile.status not in scoring.MENTEE_STATUSES:
        raise ValidationError(
            _("%(person)s is not waiting for a mentor.") % {"person": mentee.full_name}
        )
    profile.status = MenteeProfile.Status.SUPPORT
    profile.save(update_fields=["status", "updated_at"])
    supporter = (
        StaffMember.objects.filter(organization=organization, user=actor, is_active=True).first()
        if getattr(actor, "pk", None)
        else None
    )
    record, created = SupportRecord.objects.get_or_create(
        profile=profile, defaults={"reason": reason[:300], "supporter": supporter}
    )
    if not created:
        record.reason = reason[:300]
        record.supporter = record.supporter or supporter
        record.save()
    _audit(actor, "support_add", record, organization, mentee=mentee.pk)
    return record


@transaction.atomic
def support_update(
    *,
    actor: Any,
    record: SupportRecord,
    supporter: StaffMember | None,
    offered: str,
    reason: str,
) -> SupportRecord:
    record.supporter, record.offered, record.reason = supporter, offered, reason
    record.save()
    _audit(actor, "support_change", record, record.profile.organization)
    return record


@transaction.atomic
def support_return(*, actor: Any, profile: MenteeProfile) -> MenteeProfile:
    """Back to matching: the mentee waits for a mentor again (the support record is kept)."""
    profile.status = MenteeProfile.Status.WAITING
    profile.save(update_fields=["status", "updated_at"])
    _audit(actor, "support_return", profile, profile.organization)
    return profile
