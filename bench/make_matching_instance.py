#!/usr/bin/env python
"""Write a random matching instance in the input format of `manage.py match_json`.

    .venv/bin/python bench/make_matching_instance.py OUT.json \
        [--mentees 50000] [--mentors 20000] [--degree 100] [--seed 1]

Every mentee gets `degree` distinct admissible mentors drawn at random. Capacities are drawn
from 1..4 (mean 2.5, so 20,000 mentors offer about as many places as 50,000 mentees need).
A score is 50 % the mentor's general strength (the same for all his or her mentees, so that
strong mentors are wanted by many) and 50 % the fit of the pair, 0..100 with one decimal.
The same arguments always write the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is in requirements.txt
    orjson = None  # type: ignore[assignment]


def make_instance(mentees: int, mentors: int, degree: int, seed: int) -> dict[str, Any]:
    if degree > mentors:
        raise ValueError("degree must not exceed the number of mentors")
    rng = np.random.default_rng(seed)
    capacities = rng.integers(1, 5, size=mentors)
    strength = rng.random(mentors)
    # `degree` distinct mentors per mentee: draw with replacement, redraw the rows that repeat.
    chosen = rng.integers(0, mentors, size=(mentees, degree))
    while True:
        ordered = np.sort(chosen, axis=1)
        repeated = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if repeated.size == 0:
            break
        chosen[repeated] = rng.integers(0, mentors, size=(repeated.size, degree))
    edge_mentor = chosen.ravel()
    edge_mentee = np.repeat(np.arange(mentees), degree)
    fit = rng.random(edge_mentor.size)
    scores = np.round(100.0 * (0.5 * strength[edge_mentor] + 0.5 * fit), 1)
    mentor_ids = [f"mr{i:06d}" for i in range(mentors)]
    mentee_ids = [f"me{i:06d}" for i in range(mentees)]
    return {
        "mentors": [
            {"id": mentor_id, "capacity": capacity}
            for mentor_id, capacity in zip(mentor_ids, capacities.tolist(), strict=True)
        ],
        "mentees": [{"id": mentee_id} for mentee_id in mentee_ids],
        "edges": [
            {"mentor": mentor_ids[m], "mentee": mentee_ids[e], "score": s}
            for m, e, s in zip(
                edge_mentor.tolist(), edge_mentee.tolist(), scores.tolist(), strict=True
            )
        ],
    }


def write_instance(path: Path, mentees: int, mentors: int, degree: int, seed: int) -> None:
    data = make_instance(mentees, mentors, degree, seed)
    tmp = path.with_name(path.name + ".tmp")
    if orjson is not None:
        tmp.write_bytes(orjson.dumps(data))
    else:  # pragma: no cover
        import json

        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--mentees", type=int, default=50000)
    parser.add_argument("--mentors", type=int, default=20000)
    parser.add_argument("--degree", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_instance(args.path, args.mentees, args.mentors, args.degree, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
