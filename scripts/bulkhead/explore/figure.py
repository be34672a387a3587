"""fig-08: the safety order as a Hasse diagram (graphviz `dot`, through Debian's python3-pydot).

Safer configurations are drawn higher; each node is filled by its metric (matplotlib's viridis scale,
legend at the bottom); the configurations `explore` prints (the safest within the budget) have a thick
red border and a star; those that meet the budget a black one.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..diag import BulkheadError
from .command import Selection
from . import order

if TYPE_CHECKING:
    import pydot


def _colour(x: float) -> tuple[str, str]:
    """Fill for a value scaled to [0, 1], and a text colour readable on it."""
    from matplotlib import colormaps, colors
    rgba = colormaps["viridis"](x)
    luma = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]
    return colors.to_hex(rgba), ("black" if luma > 0.5 else "white")


def _fmt(v: float) -> str:
    return f"{v / 1000:.0f}k" if abs(v) >= 10000 else f"{v:.3g}"


def graph(sel: Selection, title: str, minimum: float, meets: Callable[[float, float], bool]) -> pydot.Dot:
    import pydot
    diagram = order.hasse(sel.order) if sel.order.number_of_edges() else sel.order
    vals = [sel.value[p] for p in diagram if p in sel.value]
    if not vals:
        raise BulkheadError("no configuration of the order has a value to colour it by")
    lo, hi = min(vals), max(vals)
    g = pydot.Dot("fig08", graph_type="digraph", rankdir="BT", bgcolor="white", ranksep="0.7", nodesep="0.08",
                  label=escape(title), labelloc="t", fontsize="22", fontname="Helvetica")
    g.set_node_defaults(shape="box", style="\"rounded,filled\"", fontname="Helvetica", fontsize="13",
                        margin="0.06,0.03", penwidth="1")
    g.set_edge_defaults(color="#00000055", arrowsize="0.5")
    ids = {p: f"n{i}" for i, p in enumerate(diagram)}
    stars = set(sel.maximal)
    mechanisms = {p.mechanism for p in diagram}
    for p, nid in ids.items():
        text = sel.namer.label(p)
        words = text.split()
        half = (len(words) + 1) // 2          # two lines of labels keep the widest rank narrow
        shown = " ".join(words[:half]) + "\\n" + " ".join(words[half:])
        if len(mechanisms) > 1:
            shown += "\\n" + p.mechanism
        attrs: dict[str, str] = {"tooltip": f'"{text}"', "color": '"#888888"'}
        if p in sel.value:
            fill, ink = _colour((sel.value[p] - lo) / (hi - lo) if hi > lo else 1.0)
            shown += "\\n" + _fmt(sel.value[p])
            attrs.update(fillcolor=f'"{fill}"', fontcolor=ink, tooltip=f'"{text}: {sel.value[p]:g}"')
            if meets(sel.value[p], minimum):
                attrs.update(color="black", penwidth="3")
        else:
            attrs.update(fillcolor="white", style='"rounded,dashed"')
        if p in stars:
            shown = "★ " + shown
            attrs.update(color="red", penwidth="6", fontsize="15")
        attrs["label"] = f'"{shown}"'

        g.add_node(pydot.Node(nid, **attrs))
    rank = {p: i for i, p in enumerate(diagram)}   # edges in a fixed order: the same layout every run
    for a, b in sorted(diagram.edges, key=lambda e: (rank[e[0]], rank[e[1]])):
        g.add_edge(pydot.Edge(ids[a], ids[b]))
    g.add_node(pydot.Node("legend", shape="plaintext", style="", label=_legend(lo, hi, sel.what)))
    # The legend under the lowest rank: an invisible edge from it to every minimal configuration.
    for p in diagram:
        if diagram.in_degree(p) == 0:
            g.add_edge(pydot.Edge("legend", ids[p], style="invis"))
    return g


def _legend(lo: float, hi: float, what: str) -> str:
    steps = 8
    cells = "".join(
        f'<TD BGCOLOR="{_colour(i / (steps - 1))[0]}" WIDTH="70" FIXEDSIZE="TRUE" HEIGHT="24"><FONT COLOR="{_colour(i / (steps - 1))[1]}">'
        f"{_fmt(lo + (hi - lo) * i / (steps - 1))}</FONT></TD>" for i in range(steps))
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4">'
            f'<TR><TD COLSPAN="{steps}"><FONT POINT-SIZE="16">higher is safer; fill: the metric; '
            f'black border: meets the budget, {escape(what)}</FONT></TD></TR>'
            f'<TR><TD COLSPAN="{steps}"><FONT POINT-SIZE="16">★ red border: meets it, and no safer '
            f"configuration does</FONT></TD></TR>"
            f'<TR><TD COLSPAN="{steps}"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="4"><TR>{cells}</TR>'
            f"</TABLE></TD></TR></TABLE>>")


def write(sel: Selection, stem: Path, title: str, minimum: float,
          meets: Callable[[float, float], bool]) -> list[Path]:
    """Write STEM.dot, STEM.svg and STEM.png; return their paths."""
    g = graph(sel, title, minimum, meets)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = [stem.with_suffix(".dot"), stem.with_suffix(".svg"), stem.with_suffix(".png")]
    try:
        g.write_raw(str(out[0]))
        g.write_svg(str(out[1]))
        g.write(str(out[2]), format="png", prog=["dot", "-Gdpi=96"])
    except (OSError, AssertionError) as e:   # pydot raises AssertionError when dot itself fails
        raise BulkheadError(f"graphviz could not draw {stem}: {e}", hint="is Debian's graphviz installed?") from None
    return out
