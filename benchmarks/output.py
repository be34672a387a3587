"""What every benchmark does with its rows: one CSV, and a plot where matplotlib is installed."""
from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, rows: list[dict[str, str]], tag: str) -> None:
    """Rows as a CSV with the union of their columns, in first-seen order (missing cells empty)."""
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(dict.fromkeys(k for r in rows for k in r)), restval="")
        w.writeheader()
        w.writerows(rows)
    print(f"{tag}: wrote {path}")


def bars(tag: str, labels: list[str], values: list[float], ylabel: str, title: str, stem: Path,
         size: tuple[float, float]):
    """A bar chart saved as stem.svg/.png; returns pyplot for more figures, or None without matplotlib."""
    plt = pyplot(tag)
    if plt is None:
        return None
    fig, ax = plt.subplots(figsize=size)
    ax.bar(labels, values, color="#4477aa")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.tick_params(axis="x", labelrotation=20)
    save(fig, stem)
    return plt


def pyplot(tag: str):
    """matplotlib.pyplot drawing to files (Agg), or None, saying so, when matplotlib is missing."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"{tag}: matplotlib not installed (apt-get install python3-matplotlib): no plot")
        return None
    return plt


def save(fig, stem: Path) -> None:
    """The figure as stem.svg and stem.png."""
    fig.tight_layout()
    for ext in ("svg", "png"):
        fig.savefig(stem.with_suffix(f".{ext}"))
