"""The scoring of candidate mentor–mentee pairs (issue 6) and the proposal of pairs.

``candidates`` loads the year's banks in a constant number of queries and turns them into
matrices (mentors × competencies, mentees × needs, subjects, texts); hard rules give the mask of
admissible pairs; the score (0..100) is a weighted sum of explainable parts computed for all
pairs at once with numpy. ``propose`` hands the admissible pairs to the exact solver
(``solver.solve``) and explains the chosen pairs and why the others got nobody.

People are named by their staff ids (``StaffMember.pk``) in ``locked``, ``forbidden`` and the
result, so that a proposal goes straight to ``mentorship_create``.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import Count, Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nastavnik.banks.models import (
    Consent,
    MenteeNeed,
    MenteeProfile,
    MentorCompetency,
    MentorProfile,
)
from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import mentee_kinds, mentor_kinds
from nastavnik.matching import solver
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import PersonKind, StaffMember

FloatMatrix = npt.NDArray[np.float64]
BoolMatrix = npt.NDArray[np.bool_]

DEFAULT_FORM = "teacher_teacher"
MENTEE_STATUSES = (
    MenteeProfile.Status.NEW,
    MenteeProfile.Status.WAITING,
    MenteeProfile.Status.SUPPORT,
)
MENTOR_STATUSES = (
    MentorProfile.Status.SELECTED,
    MentorProfile.Status.TRAINED,
    MentorProfile.Status.ACTIVE,
)
CATEGORY_RANK = {
    StaffMember.Category.NONE: 0,
    "": 0,
    StaffMember.Category.CONFORMITY: 1,
    StaffMember.Category.FIRST: 2,
    StaffMember.Category.HIGHEST: 3,
    StaffMember.Category.MENTOR: 4,
    StaffMember.Category.METHODIST: 5,
}
FULL_GAP_YEARS = 10  # an experience gap of this many years earns the whole experience share
FULL_TEXT_SIMILARITY = 0.5  # a cosine similarity of texts this high earns the whole text share
# Parts of speech that carry no meaning for the comparison of texts.
STOP_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED", "NUMR"})
WORD_RE = re.compile(r"[а-яёa-z]+", re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    """The share of each part in the score; the defaults add up to 100."""

    needs: float = 35.0
    subject: float = 20.0
    experience: float = 15.0
    organization: float = 5.0
    text: float = 15.0
    preference: float = 10.0

    @property
    def total(self) -> float:
        return (
            self.needs
            + self.subject
            + self.experience
            + self.organization
            + self.text
            + self.preference
        )


def weights_for(organization: Organization | None) -> Weights:
    """The weights of the rules of the organization's region (one query); the defaults where
    the region has none."""
    from nastavnik.banks.models import BankSettings

    if organization is None:
        return Weights()
    region = Organization.objects.filter(pk=organization.pk).values("municipality__region_id")[:1]
    rules = BankSettings.objects.filter(region_id=region).first()
    if rules is None:
        return Weights()
    return Weights(
        needs=rules.weight_needs,
        subject=rules.weight_subject,
        experience=rules.weight_experience,
        organization=rules.weight_organization,
        text=rules.weight_text,
        preference=rules.weight_preference,
    )


@dataclass(frozen=True)
class Part:
    """One explainable part of a score: a code, a Russian label and its points."""

    code: str
    label: str
    points: float


@dataclass
class Person:
    staff: StaffMember
    organization_id: int
    experience: int | None
    category_rank: int
    subjects: frozenset[str]
    text: str


@dataclass
class MentorRow(Person):
    profile_id: int = 0
    capacity: int = 0
    capacity_left: int = 0
    forms: tuple[str, ...] = ()
    levels: dict[int, int] = field(default_factory=dict)  # competency id -> level 1..3
    personal_data: bool = False
    duties: bool = False


@dataclass
class MenteeRow(Person):
    profile_id: int = 0
    needs: tuple[int, ...] = ()  # competency ids
    personal_data: bool = False


@dataclass
class ScoringInput:
    """The banks of a year as rows and matrices; ``score[i, j]`` is mentor i for mentee j."""

    mentors: list[MentorRow]
    mentees: list[MenteeRow]
    competency_names: dict[int, str]
    form: str
    weights: Weights
    admissible: BoolMatrix  # hard rules, capacity aside
    has_room: npt.NDArray[np.bool_]  # per mentor: capacity left > 0
    needs_share: FloatMatrix  # 0..1, the needs covered weighted by level
    same_subject: BoolMatrix
    experience_gap: FloatMatrix  # years, mentor minus mentee (nan when unknown)
    category_higher: BoolMatrix
    same_organization: BoolMatrix
    text_similarity: FloatMatrix  # cosine 0..1
    preference: FloatMatrix  # 0..1 from the preference questionnaires (both directions)
    score: FloatMatrix

    def mentor_index(self) -> dict[int, int]:
        return {row.staff.pk: i for i, row in enumerate(self.mentors)}

    def mentee_index(self) -> dict[int, int]:
        return {row.staff.pk: j for j, row in enumerate(self.mentees)}

    def edges(self, forbidden: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, float]]:
        """``(mentor staff id, mentee staff id, score)`` of the admissible pairs with room."""
        mask = self.admissible & self.has_room[:, None]
        mask = _drop(mask, forbidden, self.mentor_index(), self.mentee_index())
        rows, cols = np.nonzero(mask)
        scores = self.score[rows, cols].tolist()
        mentor_ids = [m.staff.pk for m in self.mentors]
        mentee_ids = [m.staff.pk for m in self.mentees]
        return [
            (mentor_ids[i], mentee_ids[j], s)
            for i, j, s in zip(rows.tolist(), cols.tolist(), scores, strict=True)
        ]

    def explain(self, i: int, j: int) -> list[Part]:
        """The parts of the score of mentor i for mentee j, each with a Russian label."""
        return explain(self, i, j)


def _drop(
    mask: BoolMatrix,
    pairs: Iterable[tuple[int, int]],
    mentor_index: dict[int, int],
    mentee_index: dict[int, int],
) -> BoolMatrix:
    mask = mask.copy()
    for mentor, mentee in pairs:
        if mentor in mentor_index and mentee in mentee_index:
            mask[mentor_index[mentor], mentee_index[mentee]] = False
    return mask


# --- texts -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str | None:
    parse = _morph().parse(word)[0]
    if parse.tag.POS in STOP_POS:
        return None
    return str(parse.normal_form)


def lemmas(text: str) -> list[str]:
    """The lemmas of the meaningful words of a Russian text («родителями» → «родитель»)."""
    result = []
    for word in WORD_RE.findall(text.lower()):
        if len(word) < 2:
            continue
        lemma = _lemma(word)
        if lemma:
            result.append(lemma)
    return result


def tfidf_similarity(left: list[str], right: list[str]) -> FloatMatrix:
    """Cosine similarity (len(left) × len(right)) of TF-IDF vectors of lemmas over both lists.

    IDF is smoothed (``log((1 + n) / (1 + df)) + 1``) as in the usual definition, so a lemma
    shared by every text still counts.
    """
    docs = [lemmas(text) for text in [*left, *right]]
    vocabulary: dict[str, int] = {}
    for doc in docs:
        for lemma in doc:
            vocabulary.setdefault(lemma, len(vocabulary))
    counts = np.zeros((len(docs), max(len(vocabulary), 1)), dtype=np.float64)
    for d, doc in enumerate(docs):
        for lemma in doc:
            counts[d, vocabulary[lemma]] += 1
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1
    tfidf = counts * idf
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    tfidf = np.divide(tfidf, norms, out=np.zeros_like(tfidf), where=norms > 0)
    similarity: FloatMatrix = tfidf[: len(left)] @ tfidf[len(left) :].T
    return np.clip(similarity, 0.0, 1.0)


# --- loading ---------------------------------------------------------------------------------


def _subjects(value: str) -> frozenset[str]:
    return frozenset(s.strip().lower() for s in re.split(r"[,;/\n]", value or "") if s.strip())


def _person(staff: StaffMember, text: str, today: datetime.date) -> dict[str, Any]:
    return {
        "staff": staff,
        "organization_id": staff.organization_id,
        "experience": staff.experience_on(today),
        "category_rank": CATEGORY_RANK.get(staff.category, 0),
        "subjects": _subjects(staff.subjects),
        "text": text,
    }


def candidates(
    organization_or_orgs: Organization | Iterable[Organization],
    year: AcademicYear,
    *,
    form: str = DEFAULT_FORM,
    weights: Weights | None = None,
    today: datetime.date | None = None,
) -> ScoringInput:
    """The year's banks of the organization(s) scored pair by pair, in eight queries."""
    orgs = (
        [organization_or_orgs]
        if isinstance(organization_or_orgs, Organization)
        else list(organization_or_orgs)
    )
    today = today or timezone.localdate()
    weights = weights or weights_for(orgs[0] if orgs else None)
    mentee_profiles = list(
        MenteeProfile.objects.filter(
            organization__in=orgs, academic_year=year, status__in=MENTEE_STATUSES
        )
        .select_related("staff")
        .prefetch_related(
            Prefetch("needs", queryset=MenteeNeed.objects.select_related("competency"))
        )
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic", "pk")
    )
    mentor_profiles = list(
        MentorProfile.objects.filter(
            organization__in=orgs, academic_year=year, status__in=MENTOR_STATUSES
        )
        .select_related("staff")
        .prefetch_related(
            Prefetch("competencies", queryset=MentorCompetency.objects.select_related("competency"))
        )
        .order_by("staff__last_name", "staff__first_name", "staff__patronymic", "pk")
    )
    staff_ids = [p.staff_id for p in mentee_profiles] + [p.staff_id for p in mentor_profiles]
    minors = {p.staff_id for p in mentee_profiles if p.staff.is_minor_on(today)} | {
        p.staff_id for p in mentor_profiles if p.staff.is_minor_on(today)
    }
    signed: set[tuple[int, str]] = {
        (pk, kind)
        for pk, kind, representative in Consent.objects.filter(
            staff_id__in=staff_ids, status=Consent.Status.SIGNED
        ).values_list("staff_id", "kind", "representative_name")
        # A minor's consent counts only when a parent gave it (152-FZ art. 9).
        if representative or pk not in minors
    }
    from nastavnik.mentorships.models import Mentorship

    taken = dict(
        Mentorship.objects.filter(
            academic_year=year,
            mentor_id__in=[p.staff_id for p in mentor_profiles],
            status__in=[Mentorship.Status.FORMING, Mentorship.Status.ACTIVE],
        )
        .values("mentor_id")
        .annotate(n=Count("mentees", distinct=True))
        .values_list("mentor_id", "n")
    )
    names: dict[int, str] = {}
    mentees = []
    for p in mentee_profiles:
        needs = []
        for need in p.needs.all():
            names[need.competency_id] = need.competency.name
            needs.append(need.competency_id)
        mentees.append(
            MenteeRow(
                **_person(p.staff, p.needs_text, today),
                profile_id=p.pk,
                needs=tuple(needs),
                personal_data=(p.staff_id, Consent.Kind.PERSONAL_DATA) in signed,
            )
        )
    mentors = []
    for mp in mentor_profiles:
        levels = {}
        for item in mp.competencies.all():
            names[item.competency_id] = item.competency.name
            levels[item.competency_id] = item.level
        mentors.append(
            MentorRow(
                **_person(mp.staff, mp.experience_text, today),
                profile_id=mp.pk,
                capacity=mp.capacity,
                capacity_left=mp.capacity - taken.get(mp.staff_id, 0),
                forms=tuple(mp.forms or ()),
                levels=levels,
                personal_data=(mp.staff_id, Consent.Kind.PERSONAL_DATA) in signed,
                # Only members of staff sign the addendum to the employment contract.
                duties=mp.staff.kind != PersonKind.STAFF
                or (mp.staff_id, Consent.Kind.DUTIES) in signed,
            )
        )
    from nastavnik.surveys.services import preferences

    return score(
        mentors,
        mentees,
        names,
        form=form,
        weights=weights,
        preference=preferences(orgs, year),
    )


# --- scoring ---------------------------------------------------------------------------------


def _incidence(sets: list[Iterable[Any]], index: dict[Any, int]) -> FloatMatrix:
    matrix = np.zeros((len(sets), max(len(index), 1)), dtype=np.float64)
    for row, items in enumerate(sets):
        for item in items:
            matrix[row, index[item]] = 1.0
    return matrix


def score(
    mentors: list[MentorRow],
    mentees: list[MenteeRow],
    competency_names: dict[int, str],
    *,
    form: str = DEFAULT_FORM,
    weights: Weights | None = None,
    preference: dict[tuple[int, int], float] | None = None,
) -> ScoringInput:
    """The hard rules and the scores of every mentor for every mentee, as matrices.
    ``preference`` is the strength 0..1 of a preference per (mentor staff id, mentee staff id)."""
    weights = weights or Weights()
    n_mentors, n_mentees = len(mentors), len(mentees)

    # Hard rules.
    allowed_mentors, allowed_mentees = mentor_kinds(form), mentee_kinds(form)
    mentor_ok = np.array(
        [
            m.personal_data and m.duties and form in m.forms and m.staff.kind in allowed_mentors
            for m in mentors
        ],
        dtype=bool,
    )
    mentee_ok = np.array(
        [m.personal_data and m.staff.kind in allowed_mentees for m in mentees], dtype=bool
    )
    mentor_staff = np.array([m.staff.pk for m in mentors], dtype=np.int64)
    mentee_staff = np.array([m.staff.pk for m in mentees], dtype=np.int64)
    admissible = (
        mentor_ok[:, None] & mentee_ok[None, :] & (mentor_staff[:, None] != mentee_staff[None, :])
    )
    has_room = np.array([m.capacity_left > 0 for m in mentors], dtype=bool)

    # Needs × competencies: level / 3 of each need covered, averaged over the mentee's needs.
    competency_index = {c: k for k, c in enumerate(competency_names)}
    needs = _incidence([m.needs for m in mentees], competency_index)  # mentees × C
    levels = np.zeros((n_mentors, needs.shape[1]), dtype=np.float64)  # mentors × C
    for i, mentor in enumerate(mentors):
        for competency, level in mentor.levels.items():
            levels[i, competency_index[competency]] = level / 3
    need_counts = needs.sum(axis=1)
    needs_share = np.divide(
        levels @ needs.T,
        need_counts[None, :],
        out=np.zeros((n_mentors, n_mentees)),
        where=need_counts[None, :] > 0,
    )

    subject_index: dict[str, int] = {}
    for person in [*mentors, *mentees]:
        for subject in person.subjects:
            subject_index.setdefault(subject, len(subject_index))
    same_subject = (
        _incidence([m.subjects for m in mentors], subject_index)
        @ _incidence([m.subjects for m in mentees], subject_index).T
    ) > 0

    mentor_exp = np.array(
        [math.nan if m.experience is None else m.experience for m in mentors], dtype=np.float64
    )
    mentee_exp = np.array(
        [math.nan if m.experience is None else m.experience for m in mentees], dtype=np.float64
    )
    experience_gap = mentor_exp[:, None] - mentee_exp[None, :]
    mentor_rank = np.array([m.category_rank for m in mentors], dtype=np.int64)
    mentee_rank = np.array([m.category_rank for m in mentees], dtype=np.int64)
    category_higher = mentor_rank[:, None] > mentee_rank[None, :]
    mentor_org = np.array([m.organization_id for m in mentors], dtype=np.int64)
    mentee_org = np.array([m.organization_id for m in mentees], dtype=np.int64)
    same_organization = mentor_org[:, None] == mentee_org[None, :]
    text_similarity = (
        tfidf_similarity([m.text for m in mentors], [m.text for m in mentees])
        if n_mentors and n_mentees
        else np.zeros((n_mentors, n_mentees))
    )

    preferred = np.zeros((n_mentors, n_mentees), dtype=np.float64)
    if preference:
        mentor_at = {m.staff.pk: i for i, m in enumerate(mentors)}
        mentee_at = {m.staff.pk: j for j, m in enumerate(mentees)}
        for (mentor_id, mentee_id), strength in preference.items():
            if mentor_id in mentor_at and mentee_id in mentee_at:
                preferred[mentor_at[mentor_id], mentee_at[mentee_id]] = strength

    gap_share = np.clip(np.nan_to_num(experience_gap, nan=0.0) / FULL_GAP_YEARS, 0.0, 1.0)
    total = (
        weights.needs * needs_share
        + weights.subject * same_subject
        + weights.experience * (0.7 * gap_share + 0.3 * category_higher)
        + weights.organization * same_organization
        + weights.text * np.minimum(text_similarity / FULL_TEXT_SIMILARITY, 1.0)
        + weights.preference * preferred
    )
    scale = 100.0 / weights.total if weights.total > 0 else 0.0
    return ScoringInput(
        mentors=mentors,
        mentees=mentees,
        competency_names=competency_names,
        form=form,
        weights=weights,
        admissible=admissible,
        has_room=has_room,
        needs_share=needs_share,
        same_subject=same_subject,
        experience_gap=experience_gap,
        category_higher=category_higher,
        same_organization=same_organization,
        text_similarity=text_similarity,
        preference=preferred,
        score=np.round(total * scale, 2),
    )


def _number(value: float) -> str:
    return str(formats.number_format(value, 2))


def explain(data: ScoringInput, i: int, j: int) -> list[Part]:
    """The parts of the score of mentor i for mentee j, with Russian labels and points."""
    mentor, mentee, w = data.mentors[i], data.mentees[j], data.weights
    scale = 100.0 / w.total if w.total > 0 else 0.0
    parts: list[Part] = []
    covered = [
        (data.competency_names[c], mentor.levels[c]) for c in mentee.needs if c in mentor.levels
    ]
    if covered:
        listed = ", ".join(
            _("%(competency)s (level %(level)s)") % {"competency": name, "level": level}
            for name, level in covered
        )
        parts.append(
            Part(
                "needs",
                _("Needs covered by competencies: %(list)s") % {"list": listed},
                round(w.needs * float(data.needs_share[i, j]) * scale, 2),
            )
        )
    if data.same_subject[i, j]:
        common = sorted(mentor.subjects & mentee.subjects)
        parts.append(
            Part(
                "subject",
                _("Same subject: %(subjects)s") % {"subjects": ", ".join(common)},
                round(w.subject * scale, 2),
            )
        )
    gap = float(data.experience_gap[i, j])
    if not math.isnan(gap) and gap > 0:
        years = round(gap)
        parts.append(
            Part(
                "experience",
                ngettext(
                    "The mentor's experience is %(years)d year longer",
                    "The mentor's experience is %(years)d years longer",
                    years,
                )
                % {"years": years},
                round(w.experience * 0.7 * min(gap / FULL_GAP_YEARS, 1.0) * scale, 2),
            )
        )
    if data.category_higher[i, j]:
        parts.append(
            Part(
                "category",
                _("The mentor's qualification category is higher: %(category)s")
                % {"category": mentor.staff.get_category_display()},
                round(w.experience * 0.3 * scale, 2),
            )
        )
    if data.same_organization[i, j]:
        parts.append(Part("organization", _("Same organization"), round(w.organization * scale, 2)))
    similarity = float(data.text_similarity[i, j])
    if similarity > 0:
        parts.append(
            Part(
                "text",
                _("Similarity of texts: %(value)s") % {"value": _number(similarity)},
                round(w.text * min(similarity / FULL_TEXT_SIMILARITY, 1.0) * scale, 2),
            )
        )
    preferred = float(data.preference[i, j])
    if preferred > 0:
        parts.append(
            Part(
                "preference",
                _("Chosen in the preference questionnaire (strength %(value)s)")
                % {"value": _number(preferred)},
                round(w.preference * preferred * scale, 2),
            )
        )
    return parts


# --- the proposal ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedPair:
    mentor: StaffMember
    mentee: StaffMember
    score: float
    locked: bool
    explanation: list[Part]


@dataclass(frozen=True)
class Unmatched:
    mentee: StaffMember
    reason: str  # "no_admissible", "capacity", "taken"
    message: str


@dataclass(frozen=True)
class Proposal:
    pairs: list[ProposedPair]
    unmatched: list[Unmatched]
    total_score: float


def propose(
    organization: Organization | Iterable[Organization],
    year: AcademicYear,
    locked: Iterable[tuple[int, int]] = (),
    forbidden: Iterable[tuple[int, int]] = (),
    *,
    form: str = DEFAULT_FORM,
    weights: Weights | None = None,
) -> Proposal:
    """The best assignment of the year's mentees to mentors, with explanations.

    ``locked`` and ``forbidden`` are ``(mentor staff id, mentee staff id)``. A locked pair is
    kept whatever its score (it must still be admissible and its mentor must have room, or
    ``solver.MatchingInputError`` is raised); a forbidden pair is never proposed.
    """
    data = candidates(organization, year, form=form, weights=weights)
    return propose_from(data, locked=locked, forbidden=forbidden)


def propose_from(
    data: ScoringInput,
    locked: Iterable[tuple[int, int]] = (),
    forbidden: Iterable[tuple[int, int]] = (),
) -> Proposal:
    """``propose`` on already scored banks (no queries)."""
    locked, forbidden = list(locked), list(forbidden)
    mentor_index, mentee_index = data.mentor_index(), data.mentee_index()
    matching = solver.solve(
        {m.staff.pk: max(m.capacity_left, 0) for m in data.mentors},
        [m.staff.pk for m in data.mentees],
        data.edges(forbidden),
        locked=locked,
        forbidden=forbidden,
    )
    pairs = []
    for pair in matching.pairs:
        i, j = mentor_index[pair.mentor], mentee_index[pair.mentee]
        pairs.append(
            ProposedPair(
                mentor=data.mentors[i].staff,
                mentee=data.mentees[j].staff,
                score=pair.score,
                locked=pair.locked,
                explanation=data.explain(i, j),
            )
        )
    admissible = _drop(data.admissible, forbidden, mentor_index, mentee_index)
    unmatched = []
    for mentee_id in matching.unmatched:
        j = mentee_index[mentee_id]
        column = admissible[:, j]
        staff = data.mentees[j].staff
        if not column.any():
            reason, message = "no_admissible", _("No mentor fits the rules")
        elif not (column & data.has_room).any():
            reason, message = "capacity", _("All suitable mentors are at full capacity")
        else:
            reason, message = (
                "taken",
                _("The suitable mentors with free places went to other mentees"),
            )
        unmatched.append(Unmatched(mentee=staff, reason=reason, message=message))
    return Proposal(
        pairs=pairs,
        unmatched=unmatched,
        total_score=math.fsum(p.score for p in pairs),
    )
