"""The exact assignment of mentees to mentors (DESIGN.md, "Matching").

Objective, in this order: the number of mentees who get a mentor, then the total score of the
pairs, within each mentor's capacity (a group is one mentor with several mentees). It is solved
to the optimum as a maximum flow of minimum cost with OR-tools' ``SimpleMinCostFlow``::

    source --capacity--> mentor --1, cost -score--> mentee --1--> sink

``solve_max_flow_with_min_cost`` first finds the largest flow (the most mentees matched) and
among the largest flows the cheapest one (the highest total score). Never a greedy pass.

Locked pairs are part of every solution: they are assigned first, take a place of their mentor's
capacity and their mentee out of the problem; the rest is re-optimized around them. Forbidden
pairs are dropped from the admissible edges.

Precision: the solver works with integer scores, ``round(score * SCORE_SCALE)``, so scores that
differ by less than 1/1000 count as equal; a score must lie within ±``MAX_ABS_SCORE``. Reported
scores and totals are the given ones (the total is summed exactly with ``math.fsum``).

Three layers, each usable alone:

- ``solve_indexed``: mentors, mentees and edges as numpy arrays of indices, for callers that
  already hold arrays; returns the indices of the chosen edges.
- ``solve``: ids and ``(mentor, mentee, score)`` triples, for the application (a school, a
  municipality); returns a ``Matching``.
- ``parse_instance`` / ``solution_json`` / ``run``: the JSON of ``manage.py match_json``.
  The input is ``{"mentors": [{"id", "capacity"}], "mentees": [{"id"}], "edges": [{"mentor",
  "mentee", "score"}]}`` with the optional lists ``"locked"`` and ``"forbidden"`` of
  ``{"mentor", "mentee"}``; only listed edges are admissible. Ids are JSON strings or integers
  and are written back as given; they compare exactly (``1`` and ``"1"`` are different ids);
  mentor and mentee ids are separate name spaces. Keys not named here are ignored. The output is
  ``{"pairs": [{"mentor", "mentee", "score"}], "unmatched": [...], "matched": N,
  "total_score": X}``, pairs ordered by mentor then mentee in input order, unmatched mentees in
  input order. Malformed input raises ``MatchingInputError`` with a one-line message.
"""

from __future__ import annotations

import gc
import math
import sys
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
import orjson

SCORE_SCALE = 1000
MAX_ABS_SCORE = 1e6
UNLIMITED = 2**40  # a larger capacity counts as this (no mentor could ever fill it)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

MentorT = TypeVar("MentorT", bound=Hashable)
MenteeT = TypeVar("MenteeT", bound=Hashable)


class MatchingInputError(ValueError):
    """A problem given to the solver is malformed; the message is one line naming the problem."""


# --- the core: arrays of indices ------------------------------------------------------------


def _as_index_array(values: Any, name: str) -> IntArray:
    array = np.asarray(values)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
        raise MatchingInputError(f"{name} must be a one-dimensional array of integers")
    return array.astype(np.int64, copy=False)


def _locked_problem(
    capacities: IntArray,
    edge_mentor: IntArray,
    edge_mentee: IntArray,
    locked: IntArray,
    forbidden_mask: npt.NDArray[np.bool_],
) -> tuple[int, str, int] | None:
    """The first locked edge that cannot be kept, as (position in ``locked``, reason, other).

    Reasons: "forbidden" (the pair is also forbidden), "mentee" (its mentee is already locked,
    ``other`` = position of the first lock), "capacity" (its mentor has more locked pairs than
    capacity, ``other`` = the capacity).
    """
    seen_mentee: dict[int, int] = {}
    used = np.zeros(capacities.size, dtype=np.int64)
    for position, edge in enumerate(locked.tolist()):
        if forbidden_mask[edge]:
            return position, "forbidden", -1
        mentee = int(edge_mentee[edge])
        if mentee in seen_mentee:
            return position, "mentee", seen_mentee[mentee]
        seen_mentee[mentee] = position
        mentor = int(edge_mentor[edge])
        used[mentor] += 1
        if used[mentor] > capacities[mentor]:
            return position, "capacity", int(capacities[mentor])
    return None


def solve_indexed(
    capacities: npt.ArrayLike,
    n_mentees: int,
    edge_mentor: npt.ArrayLike,
    edge_mentee: npt.ArrayLike,
    edge_score: npt.ArrayLike,
    *,
    locked: npt.ArrayLike | None = None,
    forbidden: npt.ArrayLike | None = None,
    scale: int = SCORE_SCALE,
) -> IntArray:
    """The optimal assignment; returns the sorted indices of the chosen edges.

    ``capacities[i]`` is mentor i's capacity; mentees are ``0 .. n_mentees - 1``; edge k joins
    mentor ``edge_mentor[k]`` and mentee ``edge_mentee[k]`` with score ``edge_score[k]``.
    ``locked`` and ``forbidden`` are indices of edges. Every locked edge is in the result; no
    forbidden one is. Raises ``MatchingInputError`` when the arrays do not fit together, a
    locked edge is also forbidden, a mentee is locked twice or locks exceed a capacity.
    """
    caps = _as_index_array(capacities, "capacities")
    tails = _as_index_array(edge_mentor, "edge_mentor")
    heads = _as_index_array(edge_mentee, "edge_mentee")
    scores = np.asarray(edge_score, dtype=np.float64).reshape(-1)
    n_mentors, n_edges = caps.size, tails.size
    if heads.size != n_edges or scores.size != n_edges:
        raise MatchingInputError("edge_mentor, edge_mentee and edge_score differ in length")
    if n_mentees < 0:
        raise MatchingInputError("n_mentees is negative")
    if n_mentors and caps.min() < 0:
        raise MatchingInputError(f"mentor {int(np.argmin(caps))} has a negative capacity")
    if n_edges:
        if tails.min() < 0 or tails.max() >= n_mentors:
            raise MatchingInputError("an edge names a mentor index out of range")
        if heads.min() < 0 or heads.max() >= n_mentees:
            raise MatchingInputError("an edge names a mentee index out of range")
        if not np.isfinite(scores).all() or np.abs(scores).max() > MAX_ABS_SCORE:
            raise MatchingInputError(f"a score is not finite or exceeds ±{MAX_ABS_SCORE:g}")
    locked_edges = _as_index_array([] if locked is None else locked, "locked")
    forbidden_edges = _as_index_array([] if forbidden is None else forbidden, "forbidden")
    for name, indices in (("locked", locked_edges), ("forbidden", forbidden_edges)):
        if indices.size and (indices.min() < 0 or indices.max() >= n_edges):
            raise MatchingInputError(f"{name} names an edge index out of range")

    active = np.ones(n_edges, dtype=bool)
    active[forbidden_edges] = False
    free_capacity = np.minimum(caps, n_mentees)
    if locked_edges.size:
        problem = _locked_problem(caps, tails, heads, locked_edges, ~active)
        if problem is not None:
            position, reason, other = problem
            edge = int(locked_edges[position])
            detail = {
                "forbidden": "is also forbidden",
                "mentee": f"locks mentee {int(heads[edge])} again (locked[{other}])",
                "capacity": f"exceeds the capacity {other} of mentor {int(tails[edge])}",
            }[reason]
            raise MatchingInputError(f"locked[{position}] (edge {edge}) {detail}")
        free_capacity = free_capacity - np.bincount(tails[locked_edges], minlength=n_mentors)
        mentee_free = np.ones(n_mentees, dtype=bool)
        mentee_free[heads[locked_edges]] = False
        active &= mentee_free[heads]
    if n_mentors:
        active &= free_capacity[tails] > 0

    chosen = _min_cost_flow(
        free_capacity, n_mentees, tails, heads, scores, np.flatnonzero(active), scale
    )
    if locked_edges.size:
        chosen = np.concatenate([chosen, locked_edges])
    return np.sort(chosen)


def _min_cost_flow(
    capacities: IntArray,
    n_mentees: int,
    tails: IntArray,
    heads: IntArray,
    scores: FloatArray,
    edges: IntArray,
    scale: int,
) -> IntArray:
    """Indices (from ``edges``) of a maximum matching of maximum score over ``edges``."""
    if edges.size == 0:
        return np.zeros(0, dtype=np.int64)
    from ortools.graph.python import min_cost_flow

    n_mentors = capacities.size
    source, sink = n_mentors + n_mentees, n_mentors + n_mentees + 1
    mentee_nodes = np.arange(n_mentors, n_mentors + n_mentees, dtype=np.int64)
    start = np.concatenate([np.full(n_mentors, source, np.int64), tails[edges], mentee_nodes])
    end = np.concatenate(
        [np.arange(n_mentors, dtype=np.int64), heads[edges] + n_mentors, np.full(n_mentees, sink)]
    )
    capacity = np.concatenate([capacities, np.ones(edges.size + n_mentees, dtype=np.int64)])
    scaled = np.rint(scores[edges] * scale).astype(np.int64)
    # Two exact simplifications: every maximum flow uses the same number of mentor -> mentee
    # arcs, so costs taken from a common top, and divided by their greatest common divisor,
    # rank the maximum flows as -score does; smaller costs need fewer cost-scaling phases
    # (a third less time at region scale).
    edge_cost = scaled.max() - scaled
    divisor = int(np.gcd.reduce(edge_cost))
    if divisor > 1:
        edge_cost //= divisor
    cost = np.concatenate(
        [np.zeros(n_mentors, dtype=np.int64), edge_cost, np.zeros(n_mentees, dtype=np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(start, end, capacity, cost)
    flow.set_nodes_supplies(
        np.array([source, sink]), np.array([n_mentees, -n_mentees], dtype=np.int64)
    )
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - only on int64 overflow, ruled out above
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(np.arange(n_mentors, n_mentors + edges.size)) > 0
    return edges[used]


# --- the application's API: ids ---------------------------------------------------------------


@dataclass(frozen=True)
class Pair(Generic[MentorT, MenteeT]):
    mentor: MentorT
    mentee: MenteeT
    score: float
    locked: bool = False


@dataclass(frozen=True)
class Matching(Generic[MentorT, MenteeT]):
    pairs: tuple[Pair[MentorT, MenteeT], ...]
    unmatched: tuple[MenteeT, ...]

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def total_score(self) -> float:
        return math.fsum(pair.score for pair in self.pairs)


def solve(
    mentors: Mapping[MentorT, int],
    mentees: Iterable[MenteeT],
    edges: Iterable[tuple[MentorT, MenteeT, float]],
    *,
    locked: Iterable[tuple[MentorT, MenteeT]] = (),
    forbidden: Iterable[tuple[MentorT, MenteeT]] = (),
) -> Matching[MentorT, MenteeT]:
    """The optimal assignment of ``mentees`` to ``mentors`` (id -> capacity).

    ``edges`` are the admissible pairs with their scores; a pair not among them is never
    proposed. ``locked`` pairs (each one of the edges) are kept, ``forbidden`` ones excluded
    (a forbidden pair that is no edge is ignored). Pairs come ordered by mentor, then mentee,
    in the order given; ``unmatched`` in the order of ``mentees``. Raises
    ``MatchingInputError`` on an unknown id, a duplicate edge or mentee, a negative capacity,
    a score that is not a finite number, or locks that cannot all be kept.
    """
    mentor_ids = list(mentors)
    mentor_index = {mentor: i for i, mentor in enumerate(mentor_ids)}
    capacities = []
    for mentor in mentor_ids:
        capacity = mentors[mentor]
        if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
            raise MatchingInputError(f"capacity of mentor {mentor!r} is not an integer >= 0")
        capacities.append(min(capacity, UNLIMITED))
    mentee_ids = list(mentees)
    mentee_index = {mentee: i for i, mentee in enumerate(mentee_ids)}
    if len(mentee_index) != len(mentee_ids):
        raise MatchingInputError("a mentee is listed twice")
    edge_index: dict[tuple[int, int], int] = {}
    tails: list[int] = []
    heads: list[int] = []
    scores: list[float] = []
    for mentor, mentee, score in edges:
        key = _pair_key(mentor_index, mentee_index, mentor, mentee)
        if key in edge_index:
            raise MatchingInputError(f"edge {mentor!r} - {mentee!r} is listed twice")
        if (
            isinstance(score, bool)
            or not isinstance(score, int | float)
            or not math.isfinite(score)
            or abs(score) > MAX_ABS_SCORE
        ):
            raise MatchingInputError(f"score of edge {mentor!r} - {mentee!r} is not valid")
        edge_index[key] = len(tails)
        tails.append(key[0])
        heads.append(key[1])
        scores.append(score)
    locked_pairs = list(locked)
    locked_edges = []
    for mentor, mentee in locked_pairs:
        key = _pair_key(mentor_index, mentee_index, mentor, mentee)
        if key not in edge_index:
            raise MatchingInputError(f"locked pair {mentor!r} - {mentee!r} is not an edge")
        locked_edges.append(edge_index[key])
    forbidden_edges = []
    for mentor, mentee in forbidden:
        key = _pair_key(mentor_index, mentee_index, mentor, mentee)
        if key in edge_index:
            forbidden_edges.append(edge_index[key])
    caps = np.array(capacities, dtype=np.int64)
    tail_array = np.array(tails, dtype=np.int64)
    head_array = np.array(heads, dtype=np.int64)
    locked_array = np.array(locked_edges, dtype=np.int64)
    forbidden_mask = np.zeros(len(tails), dtype=bool)
    forbidden_mask[forbidden_edges] = True
    problem = _locked_problem(caps, tail_array, head_array, locked_array, forbidden_mask)
    if problem is not None:
        position, reason, _ = problem
        mentor, mentee = locked_pairs[position]
        detail = {
            "forbidden": "is also forbidden",
            "mentee": f"locks mentee {mentee!r} a second time",
            "capacity": f"exceeds the capacity of mentor {mentor!r}",
        }[reason]
        raise MatchingInputError(f"locked pair {mentor!r} - {mentee!r} {detail}")
    chosen = solve_indexed(
        caps,
        len(mentee_ids),
        tail_array,
        head_array,
        np.array(scores, dtype=np.float64),
        locked=locked_array,
        forbidden=np.array(forbidden_edges, dtype=np.int64),
    ).tolist()
    chosen.sort(key=lambda edge: (tails[edge], heads[edge]))
    locked_set = set(locked_edges)
    matched = {heads[edge] for edge in chosen}
    return Matching(
        pairs=tuple(
            Pair(mentor_ids[tails[e]], mentee_ids[heads[e]], scores[e], e in locked_set)
            for e in chosen
        ),
        unmatched=tuple(m for i, m in enumerate(mentee_ids) if i not in matched),
    )


def _pair_key(
    mentor_index: Mapping[Any, int], mentee_index: Mapping[Any, int], mentor: Any, mentee: Any
) -> tuple[int, int]:
    try:
        return mentor_index[mentor], mentee_index[mentee]
    except KeyError:
        if mentor not in mentor_index:
            raise MatchingInputError(f"unknown mentor {mentor!r}") from None
        raise MatchingInputError(f"unknown mentee {mentee!r}") from None


# --- the JSON of manage.py match_json ---------------------------------------------------------

JsonId = str | int


@dataclass
class Instance:
    """A parsed and checked JSON problem: ids, capacities and edges as arrays."""

    mentor_ids: list[JsonId]
    capacities: IntArray
    mentee_ids: list[JsonId]
    edge_mentor: IntArray
    edge_mentee: IntArray
    edge_score: FloatArray
    score_values: list[float | int]  # as given, for the output
    locked: IntArray  # edge indices
    forbidden: IntArray  # edge indices


def _show(value: Any) -> str:
    """A value in a message, as JSON (one line, so that a message stays one line)."""
    try:
        return orjson.dumps(value).decode()[:80]
    except TypeError:  # pragma: no cover - parsed JSON is always serializable
        return repr(value)[:80]


def _is_id(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _is_score(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= MAX_ABS_SCORE
    )


def _get_list(data: dict[str, Any], key: str, required: bool = True) -> list[Any]:
    if key not in data:
        if required:
            raise MatchingInputError(f"missing key {_show(key)}")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise MatchingInputError(f"{_show(key)} must be a list")
    return value


def _get_field(item: Any, where: str, key: str) -> Any:
    if not isinstance(item, dict):
        raise MatchingInputError(f"{where} must be an object")
    if key not in item:
        raise MatchingInputError(f"{where}: missing key {_show(key)}")
    return item[key]


def _read_people(
    items: list[Any], kind: str, with_capacity: bool
) -> tuple[list[JsonId], dict[JsonId, int], list[int]]:
    """Ids, their index and (for mentors) capacities of ``mentors`` or ``mentees``."""
    ids: list[JsonId] = []
    index: dict[JsonId, int] = {}
    capacities: list[int] = []
    for i, item in enumerate(items):
        where = f"{kind}s[{i}]"
        person_id = _get_field(item, where, "id")
        if not _is_id(person_id):
            raise MatchingInputError(f"{where}.id must be a string or an integer")
        if person_id in index:
            raise MatchingInputError(
                f"duplicate {kind} id {_show(person_id)} ({kind}s[{index[person_id]}], {where})"
            )
        index[person_id] = i
        ids.append(person_id)
        if with_capacity:
            capacity = _get_field(item, where, "capacity")
            if isinstance(capacity, bool) or not isinstance(capacity, int):
                raise MatchingInputError(f"{where}.capacity must be an integer")
            if capacity < 0:
                raise MatchingInputError(f"{where}.capacity is negative: {capacity}")
            capacities.append(min(capacity, UNLIMITED))
    return ids, index, capacities


def _check_pair(
    item: Any,
    where: str,
    mentor_index: dict[JsonId, int],
    mentee_index: dict[JsonId, int],
) -> tuple[JsonId, JsonId]:
    """The known (mentor, mentee) ids of an edge, a locked or a forbidden pair."""
    mentor = _get_field(item, where, "mentor")
    mentee = _get_field(item, where, "mentee")
    for key, value, index in (("mentor", mentor, mentor_index), ("mentee", mentee, mentee_index)):
        if not _is_id(value):
            raise MatchingInputError(f"{where}.{key} must be a string or an integer")
        if value not in index:
            raise MatchingInputError(f"{where}: unknown {key} id {_show(value)}")
    return mentor, mentee


def _check_edges(
    edges: list[Any], mentor_index: dict[JsonId, int], mentee_index: dict[JsonId, int]
) -> None:
    """Raise for the first malformed edge, checked one by one (the slow path, for the message)."""
    for i, edge in enumerate(edges):
        where = f"edges[{i}]"
        _check_pair(edge, where, mentor_index, mentee_index)
        score = _get_field(edge, where, "score")
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise MatchingInputError(f"{where}.score must be a number")
        if not _is_score(score):
            raise MatchingInputError(
                f"{where}.score must be finite and within ±{MAX_ABS_SCORE:g}: {_show(score)}"
            )


def _ids_are(ids: Iterable[Any], allowed: set[type]) -> bool:
    return set(map(type, ids)) <= allowed


def parse_instance(raw: bytes | str) -> Instance:
    """Parse and check the JSON input of ``match_json``; raises ``MatchingInputError``."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise MatchingInputError(f"input is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise MatchingInputError("input must be a JSON object with mentors, mentees and edges")
    mentors = _get_list(data, "mentors")
    mentees = _get_list(data, "mentees")
    edges = _get_list(data, "edges")
    locked = _get_list(data, "locked", required=False)
    forbidden = _get_list(data, "forbidden", required=False)

    mentor_ids, mentor_index, capacities = _read_people(mentors, "mentor", True)
    mentee_ids, mentee_index, _ = _read_people(mentees, "mentee", False)
    n_edges = len(edges)

    # Fast path over the (millions of) edges: any error falls back to the slow check.
    try:
        mentor_refs = list(map(itemgetter("mentor"), edges))
        mentee_refs = list(map(itemgetter("mentee"), edges))
        score_values = list(map(itemgetter("score"), edges))
        # A dict of str keys matches only str; one with int keys would also match 1.0 or True.
        if not _ids_are(mentor_ids, {str}) and not _ids_are(mentor_refs, {str, int}):
            raise TypeError
        if not _ids_are(mentee_ids, {str}) and not _ids_are(mentee_refs, {str, int}):
            raise TypeError
        if not _ids_are(score_values, {float, int}):
            raise TypeError
        tails = np.fromiter(map(mentor_index.__getitem__, mentor_refs), np.int64, n_edges)
        heads = np.fromiter(map(mentee_index.__getitem__, mentee_refs), np.int64, n_edges)
        scores = np.array(score_values, dtype=np.float64).reshape(-1)
        if n_edges and (not np.isfinite(scores).all() or np.abs(scores).max() > MAX_ABS_SCORE):
            raise ValueError
    except (KeyError, TypeError, ValueError, OverflowError):
        _check_edges(edges, mentor_index, mentee_index)
        raise MatchingInputError("malformed edges") from None  # pragma: no cover
    del mentor_refs, mentee_refs

    n_mentees = len(mentee_ids)
    keys = tails * max(n_mentees, 1) + heads
    order = np.argsort(keys, kind="stable") if locked or forbidden else None
    sorted_keys = keys[order] if order is not None else np.sort(keys)
    repeats = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
    if repeats.size:
        first, second = np.flatnonzero(keys == sorted_keys[repeats[0]])[:2].tolist()
        raise MatchingInputError(
            f"duplicate edge mentor {_show(mentor_ids[tails[first]])} mentee "
            f"{_show(mentee_ids[heads[first]])} (edges[{first}], edges[{second}])"
        )

    def pair_edges(items: list[Any], name: str) -> tuple[IntArray, list[tuple[JsonId, JsonId]]]:
        found: list[int] = []
        pairs: list[tuple[JsonId, JsonId]] = []
        for i, item in enumerate(items):
            where = f"{name}[{i}]"
            mentor, mentee = _check_pair(item, where, mentor_index, mentee_index)
            key_value = mentor_index[mentor] * max(n_mentees, 1) + mentee_index[mentee]
            position = int(np.searchsorted(sorted_keys, key_value))
            if position < sorted_keys.size and sorted_keys[position] == key_value:
                assert order is not None
                found.append(int(order[position]))
            elif name == "locked":
                raise MatchingInputError(
                    f"{where}: mentor {_show(mentor)} and mentee {_show(mentee)} have no edge"
                )
            pairs.append((mentor, mentee))
        return np.array(found, dtype=np.int64), pairs

    locked_edges, locked_pairs = pair_edges(locked, "locked")
    forbidden_edges, _ = pair_edges(forbidden, "forbidden")
    caps = np.array(capacities, dtype=np.int64)
    forbidden_mask = np.zeros(n_edges, dtype=bool)
    forbidden_mask[forbidden_edges] = True
    problem = _locked_problem(caps, tails, heads, locked_edges, forbidden_mask)
    if problem is not None:
        position, reason, other = problem
        mentor, mentee = locked_pairs[position]
        detail = {
            "forbidden": "the pair is also forbidden",
            "mentee": f"mentee {_show(mentee)} is already locked (locked[{other}])",
            "capacity": f"mentor {_show(mentor)} is locked to more mentees than its capacity "
            f"{other}",
        }[reason]
        raise MatchingInputError(f"locked[{position}]: {detail}")
    return Instance(
        mentor_ids=mentor_ids,
        capacities=caps,
        mentee_ids=mentee_ids,
        edge_mentor=tails,
        edge_mentee=heads,
        edge_score=scores,
        score_values=score_values,
        locked=locked_edges,
        forbidden=forbidden_edges,
    )


def solve_instance(instance: Instance) -> IntArray:
    """Indices of the chosen edges of a parsed instance, ordered by mentor, then mentee."""
    chosen = solve_indexed(
        instance.capacities,
        len(instance.mentee_ids),
        instance.edge_mentor,
        instance.edge_mentee,
        instance.edge_score,
        locked=instance.locked,
        forbidden=instance.forbidden,
    )
    order = np.lexsort((instance.edge_mentee[chosen], instance.edge_mentor[chosen]))
    return chosen[order]


def solution_json(instance: Instance, chosen: IntArray) -> bytes:
    """The output document of ``match_json`` for the chosen edges (from ``solve_instance``)."""
    mentor_ids, mentee_ids, values = instance.mentor_ids, instance.mentee_ids, instance.score_values
    tails = instance.edge_mentor[chosen].tolist()
    heads = instance.edge_mentee[chosen].tolist()
    edges = chosen.tolist()
    matched = np.zeros(len(mentee_ids), dtype=bool)
    matched[heads] = True
    scores = [values[edge] for edge in edges]
    return orjson.dumps(
        {
            "pairs": [
                {"mentor": mentor_ids[t], "mentee": mentee_ids[h], "score": s}
                for t, h, s in zip(tails, heads, scores, strict=True)
            ],
            "unmatched": [mentee_ids[i] for i in np.flatnonzero(~matched).tolist()],
            "matched": len(edges),
            "total_score": math.fsum(scores),
        }
    )


def run(source: str | Path | IO[bytes]) -> tuple[int, str]:
    """``match_json`` as a function: (0, the output JSON) or (2, a one-line error message).

    ``source`` is a path, ``"-"`` for standard input, or an open binary file.
    """
    try:
        if isinstance(source, str | Path):
            if str(source) == "-":
                raw = sys.stdin.buffer.read()
            else:
                raw = Path(source).read_bytes()
        else:
            raw = source.read()
    except OSError as error:
        return 2, f"cannot read {source}: {error.strerror or error}"
    # Parsing builds millions of small objects and none of them form cycles: the cyclic
    # collector would only rescan them again and again (a third of the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        instance = parse_instance(raw)
        del raw
        chosen = solve_instance(instance)
        return 0, solution_json(instance, chosen).decode()
    except MatchingInputError as error:
        return 2, str(error)
    finally:
        if gc_was_enabled:
            gc.enable()
