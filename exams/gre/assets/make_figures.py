"""Draw the figures of the GRE practice pack.

Run from anywhere: ``python exams/gre/assets/make_figures.py``. Every figure is an
original drawing; labelled values are the data the items use.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parent


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def parallel_lines() -> None:
    """Lines l and m parallel, cut by a transversal; x and y are same-side interior angles."""
    fig, ax = plt.subplots(figsize=(4.4, 3.2))
    ax.plot([0, 10], [5, 5], color="black")
    ax.plot([0, 10], [1.5, 1.5], color="black")
    ax.text(10.1, 5, r"$\ell$", va="center", fontsize=13)
    ax.text(10.1, 1.5, r"$m$", va="center", fontsize=13)
    # transversal through (3, 6.5) and (7, -0.5)
    t = np.linspace(-0.05, 1.1, 2)
    x0, y0, x1, y1 = 3.0, 6.5, 7.0, -0.5
    ax.plot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, color="black")
    # intersections
    def at(y: float) -> float:
        return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    xa, xb = at(5), at(1.5)
    ax.text(xa + 0.35, 4.45, r"$x°$", fontsize=12)   # below l, right of transversal
    ax.text(xb + 0.35, 1.75, r"$y°$", fontsize=12)   # above m, right of transversal
    ax.set_xlim(-0.5, 11)
    ax.set_ylim(-1.4, 7.2)
    ax.axis("off")
    ax.set_title(r"Lines $\ell$ and $m$ are parallel. (Not drawn to scale.)", fontsize=9)
    _save(fig, "parallel.png")


def inscribed_rectangle() -> None:
    """A 6-by-8 rectangle inscribed in a circle; the region inside the circle and outside
    the rectangle is shaded."""
    fig, ax = plt.subplots(figsize=(3.6, 3.6))
    ax.add_patch(Circle((0, 0), 5, facecolor="0.75", edgecolor="black", lw=1.5))
    ax.add_patch(Rectangle((-4, -3), 8, 6, facecolor="white", edgecolor="black", lw=1.5))
    ax.text(0, -3.55, "8", ha="center", va="top", fontsize=12)
    ax.text(4.3, 0, "6", ha="left", va="center", fontsize=12)
    ax.set_xlim(-5.6, 5.6)
    ax.set_ylim(-5.6, 5.6)
    ax.set_aspect("equal")
    ax.axis("off")
    _save(fig, "inscribed.png")


VISITORS = {"2021": [40, 55, 80, 45], "2022": [50, 60, 90, 64]}
TICKETS = {"Adult": 45, "Student": 20, "Senior": 15, "Child": 12, "Member (free)": 8}


def visitors() -> None:
    """Visitors to a museum by quarter, 2021 and 2022, in thousands."""
    fig, ax = plt.subplots(figsize=(5.2, 3.4))
    q = np.arange(4)
    w = 0.38
    for k, (year, vals) in enumerate(VISITORS.items()):
        bars = ax.bar(q + (k - 0.5) * w, vals, w, label=year,
                      color=["0.55", "0.15"][k], edgecolor="black")
        for b, v in zip(bars, vals, strict=True):
            ax.text(b.get_x() + b.get_width() / 2, v + 1.5, str(v), ha="center", fontsize=8)
    ax.set_xticks(q, ["Q1", "Q2", "Q3", "Q4"])
    ax.set_ylabel("Visitors (thousands)")
    ax.set_ylim(0, 100)
    ax.set_yticks(range(0, 101, 20))
    ax.grid(axis="y", color="0.85")
    ax.set_axisbelow(True)
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    ax.set_title("Visitors to the Halden Museum by quarter", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _save(fig, "visitors.png")


def tickets() -> None:
    """2022 visitors by ticket type, in percent."""
    fig, ax = plt.subplots(figsize=(4.4, 3.4))
    labels = [f"{k}\n{v}%" for k, v in TICKETS.items()]
    ax.pie(list(TICKETS.values()), labels=labels, startangle=90, counterclock=False,
           colors=["0.9", "0.75", "0.6", "0.45", "0.3"],
           wedgeprops={"edgecolor": "black"}, textprops={"fontsize": 8})
    ax.set_title("Halden Museum visitors in 2022 by ticket type", fontsize=10)
    ax.set_aspect("equal")
    _save(fig, "tickets.png")


if __name__ == "__main__":
    parallel_lines()
    inscribed_rectangle()
    visitors()
    tickets()
