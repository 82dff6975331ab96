"""The matching solver: exact against brute force and an independent reference, and the JSON.

hypothesis is not installed: many seeded random instances instead, each seed reproducible.
"""

from __future__ import annotations

import heapq
import io
import itertools
import json
import random
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command

from nastavnik.matching.management.commands.match_json import Command
from nastavnik.matching.solver import (
    SCORE_SCALE,
    MatchingInputError,
    parse_instance,
    run,
    solve,
    solve_indexed,
)

ROOT = Path(__file__).resolve().parents[3]


# --- random instances and two references that share no code with the solver -------------------


@dataclass
class Problem:
    capacities: list[int]
    n_mentees: int
    edges: list[tuple[int, int, float]]  # (mentor, mentee, score)
    locked: list[int] = field(default_factory=list)  # edge indices
    forbidden: list[int] = field(default_factory=list)  # edge indices

    def scaled(self, edge: int) -> int:
        return round(self.edges[edge][2] * SCORE_SCALE)


def random_problem(
    rng: random.Random,
    max_mentors: int,
    max_mentees: int,
    max_capacity: int,
    decimals: bool = True,
    large: bool = False,
) -> Problem:
    n_mentors = rng.randint(max_mentors // 2 if large else 0, max_mentors)
    n_mentees = rng.randint(max_mentees // 2 if large else 0, max_mentees)
    capacities = [rng.randint(0, max_capacity) for _ in range(n_mentors)]
    density = rng.choice([0.2, 0.5, 0.8, 1.0])
    edges = []
    for mentor in range(n_mentors):
        for mentee in range(n_mentees):
            if rng.random() < density:
                if decimals:
                    score = round(rng.uniform(-10, 100), 1)
                else:
                    score = float(rng.randint(0, 5))  # many ties
                edges.append((mentor, mentee, score))
    rng.shuffle(edges)
    problem = Problem(capacities, n_mentees, edges)
    if edges and rng.random() < 0.5:
        problem.forbidden = rng.sample(range(len(edges)), rng.randint(1, max(1, len(edges) // 4)))
    if edges and rng.random() < 0.5:
        used: Counter[int] = Counter()
        locked_mentees: set[int] = set()
        for edge in rng.sample(range(len(edges)), min(len(edges), rng.randint(1, 4))):
            mentor, mentee, _ = edges[edge]
            if (
                edge not in problem.forbidden
                and mentee not in locked_mentees
                and used[mentor] < capacities[mentor]
            ):
                problem.locked.append(edge)
                used[mentor] += 1
                locked_mentees.add(mentee)
    return problem


def brute_force(problem: Problem) -> tuple[int, int]:
    """(matched, total scaled score) of the best assignment, by trying every assignment."""
    locked_by_mentee = {problem.edges[e][1]: e for e in problem.locked}
    options: list[list[int | None]] = []
    for mentee in range(problem.n_mentees):
        if mentee in locked_by_mentee:
            options.append([locked_by_mentee[mentee]])
            continue
        admissible: list[int | None] = [
            e
            for e, (_, head, _) in enumerate(problem.edges)
            if head == mentee and e not in problem.forbidden
        ]
        options.append([None, *admissible])
    best = (-1, 0)
    for choice in itertools.product(*options):
        chosen = [e for e in choice if e is not None]
        used = Counter(problem.edges[e][0] for e in chosen)
        if any(count > problem.capacities[m] for m, count in used.items()):
            continue
        best = max(best, (len(chosen), sum(problem.scaled(e) for e in chosen)))
    return best


def reference(problem: Problem) -> tuple[int, int]:
    """(matched, total scaled score) by successive shortest paths (Dijkstra with potentials).

    Each augmentation along a cheapest path gives a cheapest flow of one unit more; the last is
    a maximum flow of least cost. Locked pairs are assigned first, forbidden ones dropped.
    """
    capacities = list(problem.capacities)
    locked_mentees = set()
    base_score = 0
    for edge in problem.locked:
        mentor, mentee, _ = problem.edges[edge]
        capacities[mentor] -= 1
        locked_mentees.add(mentee)
        base_score += problem.scaled(edge)
    n_mentors = len(capacities)
    source, sink = n_mentors + problem.n_mentees, n_mentors + problem.n_mentees + 1
    graph: list[list[list[int]]] = [[] for _ in range(sink + 1)]  # [to, cap, cost, rev]

    def arc(u: int, v: int, cap: int, cost: int) -> None:
        graph[u].append([v, cap, cost, len(graph[v])])
        graph[v].append([u, 0, -cost, len(graph[u]) - 1])

    for mentor, capacity in enumerate(capacities):
        arc(source, mentor, capacity, 0)
    forbidden = set(problem.forbidden)
    for e, (mentor, mentee, _) in enumerate(problem.edges):
        if e not in forbidden and mentee not in locked_mentees:
            arc(mentor, n_mentors + mentee, 1, -problem.scaled(e))
    for mentee in range(problem.n_mentees):
        arc(n_mentors + mentee, sink, 1, 0)
    # Initial potentials: shortest distances on the acyclic graph, layer by layer.
    inf = float("inf")
    potential: list[float] = [inf] * (sink + 1)
    potential[source] = 0
    for layer in (
        [source],
        range(n_mentors),
        range(n_mentors, n_mentors + problem.n_mentees),
    ):
        for u in layer:
            if potential[u] == inf:
                continue
            for v, cap, cost, _ in graph[u]:
                if cap > 0 and potential[u] + cost < potential[v]:
                    potential[v] = potential[u] + cost
    flow = cost_total = 0
    while True:
        dist: list[float] = [inf] * (sink + 1)
        parent: list[tuple[int, int] | None] = [None] * (sink + 1)
        dist[source] = 0
        heap: list[tuple[float, int]] = [(0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            for i, (v, cap, cost, _) in enumerate(graph[u]):
                if cap > 0 and potential[v] < inf:
                    nd = d + cost + potential[u] - potential[v]
                    if nd < dist[v]:
                        dist[v] = nd
                        parent[v] = (u, i)
                        heapq.heappush(heap, (nd, v))
        if dist[sink] == inf:
            break
        for node in range(sink + 1):
            if dist[node] < inf:
                potential[node] += dist[node]
        node = sink
        while node != source:
            step = parent[node]
            assert step is not None
            u, i = step
            graph[u][i][1] -= 1
            v, _, cost, rev = graph[u][i]
            graph[v][rev][1] += 1
            cost_total += cost
            node = u
        flow += 1
    return flow + len(problem.locked), base_score - cost_total


def solve_problem(problem: Problem) -> list[int]:
    chosen = solve_indexed(
        problem.capacities,
        problem.n_mentees,
        [e[0] for e in problem.edges],
        [e[1] for e in problem.edges],
        [e[2] for e in problem.edges],
        locked=problem.locked,
        forbidden=problem.forbidden,
    )
    return chosen.tolist()


def check_feasible(problem: Problem, chosen: list[int]) -> tuple[int, int]:
    assert len(set(chosen)) == len(chosen)
    mentees = [problem.edges[e][1] for e in chosen]
    assert len(set(mentees)) == len(mentees), "a mentee has two mentors"
    used = Counter(problem.edges[e][0] for e in chosen)
    for mentor, count in used.items():
        assert count <= problem.capacities[mentor], "a capacity is exceeded"
    assert set(problem.locked) <= set(chosen), "a locked pair is missing"
    assert not set(problem.forbidden) & set(chosen), "a forbidden pair is used"
    return len(chosen), sum(problem.scaled(e) for e in chosen)


@pytest.mark.parametrize("batch", range(4))
def test_optimal_against_brute_force(batch: int) -> None:
    for seed in range(batch * 100, batch * 100 + 100):
        rng = random.Random(seed)
        problem = random_problem(rng, 4, 6, 2, decimals=seed % 3 != 0)
        expected = brute_force(problem)
        assert check_feasible(problem, solve_problem(problem)) == expected, f"seed {seed}"
        assert reference(problem) == expected, f"seed {seed} (the reference itself)"


@pytest.mark.parametrize("batch", range(3))
def test_optimal_against_successive_shortest_paths(batch: int) -> None:
    for seed in range(1000 + batch * 25, 1000 + batch * 25 + 25):
        rng = random.Random(seed)
        problem = random_problem(rng, 20, 60, 4, decimals=seed % 4 != 0, large=True)
        got = check_feasible(problem, solve_problem(problem))
        assert got == reference(problem), f"seed {seed}"


def test_cardinality_comes_before_score() -> None:
    # Mentor a could take x (100) alone, but x with b and y with a matches both.
    result = solve(
        {"a": 1, "b": 1},
        ["x", "y"],
        [("a", "x", 100.0), ("a", "y", 1.0), ("b", "x", 1.0)],
    )
    assert {(p.mentor, p.mentee) for p in result.pairs} == {("a", "y"), ("b", "x")}
    assert result.matched == 2
    assert result.total_score == 2.0
    assert result.unmatched == ()


def test_group_up_to_capacity_and_order() -> None:
    result = solve(
        {"m2": 3, "m1": 1},
        ["e1", "e2", "e3", "e4", "e5"],
        [("m2", e, 10.0) for e in ("e5", "e3", "e1", "e2")] + [("m1", "e4", 1.0)],
    )
    assert [(p.mentor, p.mentee) for p in result.pairs][0][0] == "m2"
    mentees_of_m2 = [p.mentee for p in result.pairs if p.mentor == "m2"]
    assert len(mentees_of_m2) == 3
    assert mentees_of_m2 == sorted(mentees_of_m2)  # mentees in the order given
    assert result.matched == 4
    assert len(result.unmatched) == 1


def test_rerun_keeps_locked_and_drops_forbidden() -> None:
    rng = random.Random(42)
    mentors = {f"t{i}": rng.randint(1, 3) for i in range(8)}
    mentees = [f"s{i}" for i in range(20)]
    edges = [(m, e, round(rng.uniform(0, 100), 1)) for m in mentors for e in mentees]
    first = solve(mentors, mentees, edges)
    kept = first.pairs[:3]
    # The curator keeps three pairs, rejects one, and locks a pair the solver did not propose.
    rejected = first.pairs[5]
    proposed = {(p.mentor, p.mentee) for p in first.pairs}
    own = next(
        (m, e)
        for m, e, _ in edges
        if (m, e) not in proposed
        and e not in {p.mentee for p in kept}
        and m not in {p.mentor for p in kept}
        and e != rejected.mentee
    )
    locked = [(p.mentor, p.mentee) for p in kept] + [own]
    second = solve(
        mentors, mentees, edges, locked=locked, forbidden=[(rejected.mentor, rejected.mentee)]
    )
    pairs = {(p.mentor, p.mentee): p for p in second.pairs}
    for pair in locked:
        assert pair in pairs and pairs[pair].locked
    assert (rejected.mentor, rejected.mentee) not in pairs
    assert sum(p.locked for p in second.pairs) == 4
    # The rest is optimal: the same as solving the remaining problem from scratch.
    capacities = dict(mentors)
    for mentor, _ in locked:
        capacities[mentor] -= 1
    locked_mentees = {e for _, e in locked}
    rest = solve(
        capacities,
        [e for e in mentees if e not in locked_mentees],
        [
            (m, e, s)
            for m, e, s in edges
            if e not in locked_mentees and (m, e) != (rejected.mentor, rejected.mentee)
        ],
    )
    assert second.matched == rest.matched + 4
    locked_score = sum(pairs[pair].score for pair in locked)
    assert second.total_score == pytest.approx(rest.total_score + locked_score)


def test_ints_and_other_hashables_as_ids() -> None:
    result = solve({1: 1, (2, "x"): 1}, [10, 20], [(1, 10, 5), ((2, "x"), 20, 7.5)])
    assert {(p.mentor, p.mentee, p.score) for p in result.pairs} == {
        (1, 10, 5),
        ((2, "x"), 20, 7.5),
    }


def test_empty_problems() -> None:
    assert solve({}, [], []).pairs == ()
    assert solve({"a": 2}, ["x", "y"], []).unmatched == ("x", "y")
    assert solve({}, ["x"], []).unmatched == ("x",)
    assert solve({"a": 0}, ["x"], [("a", "x", 3.0)]).matched == 0
    assert solve_indexed([], 0, [], [], []).tolist() == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"edges": [("a", "z", 1.0)]}, "unknown mentee 'z'"),
        ({"edges": [("q", "x", 1.0)]}, "unknown mentor 'q'"),
        ({"edges": [("a", "x", 1.0), ("a", "x", 2.0)]}, "edge 'a' - 'x' is listed twice"),
        ({"edges": [("a", "x", float("nan"))]}, "score of edge 'a' - 'x' is not valid"),
        ({"edges": [("a", "x", "1")]}, "score of edge 'a' - 'x' is not valid"),
        ({"locked": [("c", "y")]}, "locked pair 'c' - 'y' is not an edge"),
        (
            {"locked": [("a", "x")], "forbidden": [("a", "x")]},
            "locked pair 'a' - 'x' is also forbidden",
        ),
        (
            {"locked": [("a", "x"), ("c", "x")]},
            "locked pair 'c' - 'x' locks mentee 'x' a second time",
        ),
        (
            {"locked": [("a", "x"), ("a", "y")]},
            "locked pair 'a' - 'y' exceeds the capacity of mentor 'a'",
        ),
        ({"mentors": {"a": -1}}, "capacity of mentor 'a' is not an integer >= 0"),
        ({"mentees": ["x", "x"]}, "a mentee is listed twice"),
    ],
)
def test_solve_rejects(kwargs: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {
        "mentors": {"a": 1, "c": 1},
        "mentees": ["x", "y"],
        "edges": [("a", "x", 1.0), ("a", "y", 2.0), ("c", "x", 1.0)],
    }
    arguments.update(kwargs)
    with pytest.raises(MatchingInputError) as error:
        solve(**arguments)
    assert str(error.value) == message


def test_solve_indexed_rejects_bad_arrays() -> None:
    with pytest.raises(MatchingInputError, match="differ in length"):
        solve_indexed([1], 1, [0, 0], [0], [1.0])
    with pytest.raises(MatchingInputError, match="mentor index out of range"):
        solve_indexed([1], 1, [1], [0], [1.0])
    with pytest.raises(MatchingInputError, match="mentee index out of range"):
        solve_indexed([1], 1, [0], [1], [1.0])
    with pytest.raises(MatchingInputError, match="locked\\[1\\] \\(edge 1\\) exceeds"):
        solve_indexed([1], 2, [0, 0], [0, 1], [1.0, 1.0], locked=[0, 1])
    with pytest.raises(MatchingInputError, match="not finite or exceeds"):
        solve_indexed([1], 1, [0], [0], [1e7])


# --- the JSON of manage.py match_json ----------------------------------------------------------

GOOD = {
    "mentors": [{"id": "a", "capacity": 2}, {"id": 7, "capacity": 1}],
    "mentees": [{"id": "x"}, {"id": "y"}, {"id": 3}, {"id": "lonely"}],
    "edges": [
        {"mentor": "a", "mentee": "x", "score": 5},
        {"mentor": "a", "mentee": "y", "score": 3.5},
        {"mentor": 7, "mentee": "x", "score": 9.25},
        {"mentor": 7, "mentee": 3, "score": 0.1},
        {"mentor": "a", "mentee": 3, "score": 0.2},
    ],
}


def run_json(document: Any) -> tuple[int, str]:
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    return run(io.BytesIO(raw))


def test_json_solution() -> None:
    code, output = run_json(GOOD)
    assert code == 0
    assert json.loads(output) == {
        "pairs": [
            {"mentor": "a", "mentee": "y", "score": 3.5},
            {"mentor": "a", "mentee": 3, "score": 0.2},
            {"mentor": 7, "mentee": "x", "score": 9.25},
        ],
        "unmatched": ["lonely"],
        "matched": 3,
        "total_score": 12.95,
    }


def test_json_locked_and_forbidden() -> None:
    document = dict(
        GOOD,
        locked=[{"mentor": 7, "mentee": "x"}],
        forbidden=[{"mentor": "a", "mentee": "y"}, {"mentor": 7, "mentee": "lonely"}],
    )
    code, output = run_json(document)
    assert code == 0
    result = json.loads(output)
    assert result["pairs"] == [
        {"mentor": "a", "mentee": 3, "score": 0.2},
        {"mentor": 7, "mentee": "x", "score": 9.25},
    ]
    assert result["unmatched"] == ["y", "lonely"]
    assert result["total_score"] == 9.45


def test_json_matches_solve() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        problem = random_problem(rng, 8, 20, 3)
        document = {
            "mentors": [{"id": f"m{i}", "capacity": c} for i, c in enumerate(problem.capacities)],
            "mentees": [{"id": i} for i in range(problem.n_mentees)],
            "edges": [{"mentor": f"m{m}", "mentee": e, "score": s} for m, e, s in problem.edges],
            "locked": [
                {"mentor": f"m{problem.edges[e][0]}", "mentee": problem.edges[e][1]}
                for e in problem.locked
            ],
            "forbidden": [
                {"mentor": f"m{problem.edges[e][0]}", "mentee": problem.edges[e][1]}
                for e in problem.forbidden
            ],
        }
        code, output = run_json(document)
        assert code == 0
        result = json.loads(output)
        expected = reference(problem)
        assert result["matched"] == expected[0]
        got = sum(round(p["score"] * SCORE_SCALE) for p in result["pairs"])
        assert got == expected[1], f"seed {seed}"
        assert result["matched"] + len(result["unmatched"]) == problem.n_mentees


def edited(**changes: Any) -> dict[str, Any]:
    document = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        document[key] = value
    return document


DROP = object()  # with_edge(..., key=DROP) removes the key


def with_edge(index: int, **changes: Any) -> dict[str, Any]:
    document = edited()
    document["edges"][index].update(changes)
    for key in [k for k, v in changes.items() if v is DROP]:
        del document["edges"][index][key]
    return document


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"{not json", "input is not JSON: "),
        (b"", "input is not JSON: "),
        ([1, 2], "input must be a JSON object with mentors, mentees and edges"),
        ({"mentees": [], "edges": []}, 'missing key "mentors"'),
        ({"mentors": [], "edges": []}, 'missing key "mentees"'),
        ({"mentors": [], "mentees": []}, 'missing key "edges"'),
        (edited(mentors={"a": 1}), '"mentors" must be a list'),
        (edited(locked={}), '"locked" must be a list'),
        (edited(mentors=["a"]), "mentors[0] must be an object"),
        (edited(mentors=[{"capacity": 1}]), 'mentors[0]: missing key "id"'),
        (edited(mentors=[{"id": "a"}]), 'mentors[0]: missing key "capacity"'),
        (
            edited(mentors=[{"id": 1.5, "capacity": 1}]),
            "mentors[0].id must be a string or an integer",
        ),
        (edited(mentees=[{"id": True}]), "mentees[0].id must be a string or an integer"),
        (edited(mentees=[{"id": None}]), "mentees[0].id must be a string or an integer"),
        (edited(mentors=[{"id": "a", "capacity": -1}]), "mentors[0].capacity is negative: -1"),
        (edited(mentors=[{"id": "a", "capacity": 1.5}]), "mentors[0].capacity must be an integer"),
        (edited(mentors=[{"id": "a", "capacity": True}]), "mentors[0].capacity must be an integer"),
        (edited(mentors=[{"id": "a", "capacity": "2"}]), "mentors[0].capacity must be an integer"),
        (
            edited(mentors=[{"id": "a", "capacity": 1}, {"id": "a", "capacity": 2}]),
            'duplicate mentor id "a" (mentors[0], mentors[1])',
        ),
        (
            edited(mentees=[{"id": 3}, {"id": "x"}, {"id": 3}]),
            "duplicate mentee id 3 (mentees[0], mentees[2])",
        ),
        (edited(edges=[["a", "x", 1]]), "edges[0] must be an object"),
        (edited(edges=["a"]), "edges[0] must be an object"),
        (with_edge(1, mentor=DROP), 'edges[1]: missing key "mentor"'),
        (with_edge(1, mentee=DROP), 'edges[1]: missing key "mentee"'),
        (with_edge(4, score=DROP), 'edges[4]: missing key "score"'),
        (with_edge(2, mentor="b"), 'edges[2]: unknown mentor id "b"'),
        (with_edge(2, mentor="7"), 'edges[2]: unknown mentor id "7"'),
        (with_edge(2, mentor=7.0), "edges[2].mentor must be a string or an integer"),
        (with_edge(3, mentee=True), "edges[3].mentee must be a string or an integer"),
        (with_edge(3, mentee=[3]), "edges[3].mentee must be a string or an integer"),
        (with_edge(3, mentee="3"), 'edges[3]: unknown mentee id "3"'),
        (with_edge(0, mentee="z"), 'edges[0]: unknown mentee id "z"'),
        (with_edge(0, score="87.5"), "edges[0].score must be a number"),
        (with_edge(0, score=None), "edges[0].score must be a number"),
        (with_edge(0, score=True), "edges[0].score must be a number"),
        (with_edge(0, score=1e7), "edges[0].score must be finite and within ±1e+06: 10000000.0"),
        (
            edited(edges=[*GOOD["edges"], {"mentor": 7, "mentee": 3, "score": 1}]),
            "duplicate edge mentor 7 mentee 3 (edges[3], edges[5])",
        ),
        (edited(locked=[{"mentor": "a"}]), 'locked[0]: missing key "mentee"'),
        (edited(locked=[{"mentor": "q", "mentee": "x"}]), 'locked[0]: unknown mentor id "q"'),
        (edited(forbidden=[{"mentor": "a", "mentee": 4}]), "forbidden[0]: unknown mentee id 4"),
        (
            edited(locked=[{"mentor": 7, "mentee": "y"}]),
            'locked[0]: mentor 7 and mentee "y" have no edge',
        ),
        (
            edited(locked=[{"mentor": 7, "mentee": "x"}, {"mentor": "a", "mentee": "x"}]),
            'locked[1]: mentee "x" is already locked (locked[0])',
        ),
        (
            edited(locked=[{"mentor": 7, "mentee": "x"}, {"mentor": 7, "mentee": 3}]),
            "locked[1]: mentor 7 is locked to more mentees than its capacity 1",
        ),
        (
            edited(locked=[{"mentor": 7, "mentee": "x"}], forbidden=[{"mentor": 7, "mentee": "x"}]),
            "locked[0]: the pair is also forbidden",
        ),
    ],
)
def test_json_malformed(document: Any, message: str) -> None:
    code, output = run_json(document)
    assert code == 2
    assert "\n" not in output
    if message.endswith(": "):
        assert output.startswith(message)
    else:
        assert output == message


def test_json_nan_is_not_json() -> None:
    code, output = run_json(b'{"mentors": [], "mentees": [], "edges": [], "x": NaN}')
    assert (code, output.split(":")[0]) == (2, "input is not JSON")


def test_run_reads_paths_and_reports_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(GOOD))
    assert run(path) == run(str(path)) == run_json(GOOD)
    code, output = run(tmp_path / "missing.json")
    assert code == 2
    assert output.startswith("cannot read ") and "No such file" in output


def test_parse_instance_keeps_scores_as_given() -> None:
    instance = parse_instance(json.dumps(GOOD).encode())
    assert instance.score_values == [5, 3.5, 9.25, 0.1, 0.2]
    assert isinstance(instance.score_values[0], int)
    assert instance.edge_score.dtype == np.float64


# --- the management command ----------------------------------------------------------------


def test_command_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(GOOD))
    out = io.StringIO()
    call_command("match_json", str(path), stdout=out)
    assert json.loads(out.getvalue()) == json.loads(run_json(GOOD)[1])


def test_command_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "problem.json"
    path.write_text("[]")
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "match_json", str(path)])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "CommandError: input must be a JSON object with mentors, mentees and edges\n"
    )


def command_argv(*args: str) -> list[str]:
    return [sys.executable, "manage.py", "match_json", *args]


def test_command_as_a_process(tmp_path: Path) -> None:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(GOOD))
    done = subprocess.run(command_argv(str(path)), cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["matched"] == 3
    # Standard input, and a malformed one: exit status 2, one line on stderr.
    done = subprocess.run(
        command_argv("-"), cwd=ROOT, input='{"mentors": []}', capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == 'CommandError: missing key "mentees"\n'


def test_huge_capacity_means_no_limit() -> None:
    raw = json.dumps(GOOD).replace('"capacity": 2', '"capacity": 18446744073709551615').encode()
    code, output = run_json(raw)
    assert code == 0
    assert json.loads(output)["matched"] == 3
    assert solve({"a": 10**30}, ["x", "y"], [("a", "x", 1.0), ("a", "y", 1.0)]).matched == 2
