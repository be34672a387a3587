"""The safety order as a networkx graph, the order drawn in a .dot file, and how they compare.

Edges point toward the safer configuration (as in FlexOS's poset.dot).  `full_order` holds every strict
relation of the definition (model.at_least_as_safe); `hasse` is its transitive reduction, the diagram
to draw; `drawn_order` is the graph a .dot file draws, whose transitive closure is the order it states.
"""
from __future__ import annotations

import functools

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import networkx as nx

from ..diag import BulkheadError, Location
from .model import Namer, Point, strictly_safer


def full_order(points: Iterable[Point]) -> nx.DiGraph:
    """Every strict relation: an edge B -> A for each pair with A strictly safer than B."""
    pts = list(dict.fromkeys(points))
    g = nx.DiGraph()
    g.add_nodes_from(pts)
    g.add_edges_from((b, a) for a in pts for b in pts if a is not b and strictly_safer(a, b))
    return g


def hasse(order: nx.DiGraph) -> nx.DiGraph:
    """The covering relations only (what a Hasse diagram draws)."""
    return nx.transitive_reduction(order)


@functools.lru_cache(maxsize=8)
def _parse_dot(path: str, mtime_ns: int, size: int) -> list:
    """pydot's parse of a .dot file (pyparsing: most of a load of FlexOS's data), once per process for
    an unchanged file; the graphs are only read."""
    import pydot  # Debian python3-pydot; imported here so the rest works without it
    return pydot.graph_from_dot_file(path) or []


def read_dot(path: Path, namer: Namer) -> tuple[nx.DiGraph, dict[Point, dict[str, str]]]:
    """poset.dot -> (graph over Points, each node's dot attributes).  Each node's label is its
    `tooltip` (FlexOS draws the nodes without text), else its `label`, else its name; the label's
    compartment numbers become the namer's numbering for that partition."""
    try:
        st = path.stat()
        graphs = _parse_dot(str(path), st.st_mtime_ns, st.st_size)
    except (OSError, UnicodeDecodeError) as e:
        raise BulkheadError(f"cannot read the poset: {e}", Location(path)) from None
    if not graphs:
        raise BulkheadError("not a graphviz file (pydot found no graph in it)", Location(path),
                            hint="give --poset a .dot file such as FlexOS's poset.dot")
    dot = graphs[0]
    by_name: dict[str, Point] = {}
    attrs: dict[Point, dict[str, str]] = {}
    for node in dot.get_nodes():
        name = node.get_name().strip('"')
        if name in ("node", "edge", "graph"):
            continue
        a = {k: str(v).strip('"') for k, v in node.get_attributes().items()}
        text = a.get("tooltip") or a.get("label") or name
        try:
            p = namer.learn(text)
        except ValueError as e:
            raise BulkheadError(f"node {name}: {e}", Location(path),
                                hint="label every node with its configuration (tooltip or label)") from None
        if p in attrs:
            raise BulkheadError(f"node {name} is the same configuration as another node ({namer.label(p)})",
                                Location(path))
        by_name[name] = p
        attrs[p] = a
    g = nx.DiGraph()
    g.add_nodes_from(attrs)
    for e in dot.get_edges():
        s, d = e.get_source().strip('"'), e.get_destination().strip('"')
        for end in (s, d):
            if end not in by_name:
                raise BulkheadError(f"edge {s} -> {d} names {end}, which is not a declared node",
                                    Location(path))
        g.add_edge(by_name[s], by_name[d])
    if not nx.is_directed_acyclic_graph(g):
        cyc = nx.find_cycle(g)
        raise BulkheadError("the poset has a cycle: " + " -> ".join(namer.label(a) for a, _ in cyc),
                            Location(path))
    return g, attrs


def maximal_meeting(order: nx.DiGraph, value: Mapping[Point, float], minimum: float,
                    keep: Callable[[float, float], bool] = lambda v, m: v >= m) -> list[Point]:
    """Configurations whose value meets the budget and that have no strictly safer configuration (a
    node reachable along the order's edges) that also meets it.  Nodes without a value never meet it."""
    meets = {p for p in order if p in value and keep(value[p], minimum)}
    return [p for p in order if p in meets and not (nx.descendants(order, p) & meets)]


@dataclass
class Comparison:
    """How a drawn order (the dot) relates to the full order over the same configurations."""
    unfounded: list[tuple[Point, Point]]       # drawn edges that do not follow from the definition
    not_covering: list[tuple[Point, Point]]    # drawn edges that follow but skip a configuration between
    missing_covers: list[tuple[Point, Point]]  # Hasse edges of the full order absent from the drawing
    missing_relations: int                     # strict relations of the full order the drawing implies not
    full_relations: int
    drawn_relations: int


def compare(drawn: nx.DiGraph, full: nx.DiGraph) -> Comparison:
    if set(drawn) != set(full):
        raise ValueError("the orders are over different configurations")
    cover = hasse(full)
    closure = nx.transitive_closure(drawn, reflexive=False)
    rank = {p: i for i, p in enumerate(full)}      # report edges in a fixed order (the nodes')
    cover_edges = sorted(cover.edges, key=lambda e: (rank[e[0]], rank[e[1]]))
    return Comparison(
        unfounded=[e for e in drawn.edges if not full.has_edge(*e)],
        not_covering=[e for e in drawn.edges if full.has_edge(*e) and not cover.has_edge(*e)],
        missing_covers=[e for e in cover_edges if not drawn.has_edge(*e)],
        missing_relations=sum(1 for e in full.edges if not closure.has_edge(*e)),
        full_relations=full.number_of_edges(),
        drawn_relations=closure.number_of_edges())
