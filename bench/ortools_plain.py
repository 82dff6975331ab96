#!/usr/bin/env python
"""The plain baseline of the matching benchmark: read the JSON, one OR-tools min-cost-flow solve.

    .venv/bin/python bench/ortools_plain.py INPUT.json

No validation, no Django, no locked or forbidden pairs: the least any program must do to
solve the file exactly (cyclic GC off while parsing, orjson parse, numpy arrays,
SimpleMinCostFlow.solve_max_flow_with_min_cost on source -> mentors -> mentees -> sink with
cost -round(score * 1000)). `manage.py match_json` is measured against it by bench/matching.py.
Prints one line: matched and total score.
"""

import gc
import sys

import numpy as np
import orjson
from ortools.graph.python import min_cost_flow


def main(path: str) -> int:
    gc.disable()  # millions of small objects without cycles: no use rescanning them
    with open(path, "rb") as handle:
        data = orjson.loads(handle.read())
    mentor_index = {m["id"]: i for i, m in enumerate(data["mentors"])}
    mentee_index = {m["id"]: i for i, m in enumerate(data["mentees"])}
    n_mentors, n_mentees = len(mentor_index), len(mentee_index)
    edges = data["edges"]
    tails = np.fromiter((mentor_index[e["mentor"]] for e in edges), np.int32, len(edges))
    heads = np.fromiter((mentee_index[e["mentee"]] for e in edges), np.int32, len(edges))
    scores = np.fromiter((e["score"] for e in edges), np.float64, len(edges))
    capacities = np.fromiter((m["capacity"] for m in data["mentors"]), np.int64, n_mentors)

    source, sink = n_mentors + n_mentees, n_mentors + n_mentees + 1
    mentors = np.arange(n_mentors, dtype=np.int32)
    mentees = np.arange(n_mentors, n_mentors + n_mentees, dtype=np.int32)
    start = np.concatenate([np.full(n_mentors, source, np.int32), tails, mentees])
    end = np.concatenate([mentors, heads + n_mentors, np.full(n_mentees, sink, np.int32)])
    capacity = np.concatenate([capacities, np.ones(len(edges) + n_mentees, np.int64)])
    cost = np.concatenate(
        [
            np.zeros(n_mentors, np.int64),
            -np.rint(scores * 1000).astype(np.int64),
            np.zeros(n_mentees, np.int64),
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(start, end, capacity, cost)
    flow.set_nodes_supplies([source, sink], [n_mentees, -n_mentees])
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        print(f"status {status}", file=sys.stderr)
        return 1
    arcs = np.arange(n_mentors, n_mentors + len(edges))
    chosen = flow.flows(arcs) > 0
    print(f"matched {int(chosen.sum())} total_score {float(scores[chosen].sum()):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
