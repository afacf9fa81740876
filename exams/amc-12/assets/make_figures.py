"""Draw the original figures of the AMC 12 practice pack.

Run from anywhere: ``python exams/amc-12/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Polygon  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"
BLUE = "#1f4e9c"
SHADE = "#9ecae1"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.08)
    plt.close(fig)


def piecewise_graph() -> None:
    """Graph of a piecewise linear f on [-4, 4] through five lattice points."""
    xs = [-4, -2, 0, 2, 4]
    ys = [-1, 3, 1, 3, -1]
    fig, ax = plt.subplots(figsize=(4.6, 3.0), dpi=100)
    ax.set_xlim(-4.6, 4.6)
    ax.set_ylim(-1.6, 3.6)
    ax.spines["left"].set_position("zero")
    ax.spines["bottom"].set_position("zero")
    ax.spines["right"].set_visible(False)
    ax.spines["top"].set_visible(False)
    ax.set_xticks(range(-4, 5))
    ax.set_yticks(range(-1, 4))
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.4)
    ax.plot(xs, ys, color=BLUE, lw=2.2)
    ax.plot([xs[0], xs[-1]], [ys[0], ys[-1]], "o", color=BLUE, ms=4)
    ax.text(2.6, 2.6, "$y=f(x)$", color=BLUE, fontsize=10)
    ax.set_aspect("equal")
    _save(fig, "piecewise_graph.png")


def cube_section() -> None:
    """Cube of edge 6 in isometric view; triangle PQE cut off at the front corner A."""
    fig, ax = plt.subplots(figsize=(3.6, 3.6), dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    ex, ey = np.array([0.95, 0.3]), np.array([-0.6, 0.45])

    def p(x: float, y: float, z: float) -> np.ndarray:
        return x * ex + y * ey + np.array([0.0, z])

    verts = {
        "A": (0, 0, 0), "B": (6, 0, 0), "C": (6, 6, 0), "D": (0, 6, 0),
        "E": (0, 0, 6), "F": (6, 0, 6), "G": (6, 6, 6), "H": (0, 6, 6),
    }
    edges = [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("E", "F"), ("F", "G"),
             ("G", "H"), ("H", "E"), ("A", "E"), ("B", "F"), ("C", "G"), ("D", "H")]
    for u, v in edges:
        a, b = p(*verts[u]), p(*verts[v])
        style = "--" if "C" in (u, v) else "-"  # edges at the back corner C are hidden
        ax.plot([a[0], b[0]], [a[1], b[1]], color=INK, lw=1.2, ls=style)
    tri = [p(2, 0, 0), p(0, 3, 0), p(0, 0, 6)]
    ax.add_patch(Polygon(tri, closed=True, facecolor=SHADE, edgecolor=BLUE, lw=1.4, alpha=0.8))
    offsets = {"A": (-0.2, -0.8), "B": (0.25, -0.3), "C": (-0.2, 0.3), "D": (-0.75, -0.3),
               "E": (-0.2, 0.35), "F": (0.25, 0.0), "G": (-0.2, 0.35), "H": (-0.75, 0.0)}
    for name, xyz in verts.items():
        q = p(*xyz)
        ax.text(q[0] + offsets[name][0], q[1] + offsets[name][1], name, fontsize=10)
    for name, xyz, off in [("P", (2, 0, 0), (0.1, -0.65)), ("Q", (0, 3, 0), (-0.55, -0.65))]:
        q = p(*xyz)
        ax.plot(*q, "o", color=BLUE, ms=4)
        ax.text(q[0] + off[0], q[1] + off[1], name, fontsize=10, color=BLUE)
    for text, xyz in [("2", (1, 0, 0)), ("4", (4, 0, 0))]:
        q = p(*xyz)
        ax.text(q[0] + 0.1, q[1] - 0.55, text, fontsize=9)
    for text, xyz in [("3", (0, 1.5, 0)), ("3", (0, 4.5, 0))]:
        q = p(*xyz)
        ax.text(q[0] - 0.45, q[1] - 0.55, text, fontsize=9)
    ax.text(0.15, 2.6, "6", fontsize=9)
    ax.set_xlim(-4.6, 6.6)
    ax.set_ylim(-1.2, 11.5)
    _save(fig, "cube_section.png")


def circumcircle() -> None:
    """Triangle with sides 5, 6, 7 inscribed in its circumcircle, centre O marked."""
    b, c = np.array([0.0, 0.0]), np.array([6.0, 0.0])
    # A with AB = 5 and AC = 7: x = (25 - 49 + 36) / 12 = 1.
    a = np.array([1.0, np.sqrt(24.0)])
    d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]))
    ux = ((a @ a) * (b[1] - c[1]) + (b @ b) * (c[1] - a[1]) + (c @ c) * (a[1] - b[1])) / d
    uy = ((a @ a) * (c[0] - b[0]) + (b @ b) * (a[0] - c[0]) + (c @ c) * (b[0] - a[0])) / d
    o = np.array([ux, uy])
    r = float(np.linalg.norm(a - o))
    fig, ax = plt.subplots(figsize=(3.4, 3.4), dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Circle(tuple(o), r, fill=False, edgecolor=INK, lw=1.2))
    ax.add_patch(Polygon([a, b, c], closed=True, fill=False, edgecolor=INK, lw=1.5))
    ax.plot(*o, "o", color=INK, ms=3)
    ax.text(o[0] + 0.15, o[1] + 0.1, "O", fontsize=10)
    foot = np.array([o[0], 0.0])
    ax.plot([o[0], foot[0]], [o[1], foot[1]], color=BLUE, lw=1.2, ls="--")
    for name, q, off in [("A", a, (-0.2, 0.25)), ("B", b, (-0.5, -0.4)), ("C", c, (0.15, -0.4))]:
        ax.text(q[0] + off[0], q[1] + off[1], name, fontsize=11)
    ax.text(3.0, -0.55, "6", ha="center", fontsize=10)
    ax.text(0.0, 2.5, "5", ha="center", fontsize=10)
    ax.text(3.9, 2.8, "7", ha="center", fontsize=10)
    ax.set_xlim(o[0] - r - 0.3, o[0] + r + 0.3)
    ax.set_ylim(o[1] - r - 0.3, o[1] + r + 0.3)
    _save(fig, "circumcircle.png")


if __name__ == "__main__":
    piecewise_graph()
    cube_section()
    circumcircle()
