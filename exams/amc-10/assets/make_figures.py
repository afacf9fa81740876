"""Draw the original figures of the AMC 10 practice pack.

Run from anywhere: ``python exams/amc-10/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"
SHADE = "#9ecae1"


def _canvas(width: float, height: float):
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.08)
    plt.close(fig)


def rectangle_triangle() -> None:
    """Rectangle ABCD (12 by 8) with E on CD and F on BC; triangle AEF shaded."""
    fig, ax = _canvas(4.2, 3.2)
    a, b, c, d = (0, 0), (12, 0), (12, 8), (0, 8)
    e, f = (3, 8), (12, 5)
    ax.add_patch(Polygon([a, e, f], closed=True, facecolor=SHADE, edgecolor=INK, lw=1.4))
    ax.add_patch(Polygon([a, b, c, d], closed=True, fill=False, edgecolor=INK, lw=1.6))
    for name, (x, y), (dx, dy) in [
        ("A", a, (-0.5, -0.5)), ("B", b, (0.2, -0.5)), ("C", c, (0.2, 0.2)),
        ("D", d, (-0.5, 0.2)), ("E", e, (-0.1, 0.3)), ("F", f, (0.3, -0.1)),
    ]:
        ax.text(x + dx, y + dy, name, fontsize=11, color=INK)
    ax.text(6, -0.9, "12", ha="center", fontsize=10)
    ax.text(1.5, 8.35, "3", ha="center", fontsize=10)
    ax.text(12.35, 2.5, "5", va="center", fontsize=10)
    ax.text(12.35, 6.5, "3", va="center", fontsize=10)
    ax.set_xlim(-1, 13.2)
    ax.set_ylim(-1.3, 9)
    _save(fig, "rectangle_triangle.png")


def square_lens() -> None:
    """Square ABCD of side 4 with quarter-circle arcs centred at A and B."""
    fig, ax = _canvas(3.4, 3.4)
    r = 4.0
    t = np.linspace(0, np.pi / 3, 200)
    # Shaded region: inside both arcs, above AB.
    upper_a = np.column_stack([r * np.cos(t), r * np.sin(t)])  # arc centred A, from B to the top point
    t2 = np.linspace(2 * np.pi / 3, np.pi, 200)
    upper_b = np.column_stack([4 + r * np.cos(t2), r * np.sin(t2)])  # arc centred B, top point to A
    region = np.vstack([[0, 0], [4, 0], upper_a[::-1][::-1], upper_b])
    ax.add_patch(Polygon(region, closed=True, facecolor=SHADE, edgecolor="none"))
    full = np.linspace(0, np.pi / 2, 200)
    ax.plot(r * np.cos(full), r * np.sin(full), color=INK, lw=1.3)
    ax.plot(4 - r * np.cos(full), r * np.sin(full), color=INK, lw=1.3)
    ax.add_patch(Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], closed=True, fill=False,
                         edgecolor=INK, lw=1.6))
    for name, (x, y) in [("A", (-0.35, -0.35)), ("B", (4.1, -0.35)), ("C", (4.1, 4.1)),
                         ("D", (-0.35, 4.1))]:
        ax.text(x, y, name, fontsize=11)
    ax.text(2, -0.45, "4", ha="center", fontsize=10)
    ax.set_xlim(-0.6, 4.6)
    ax.set_ylim(-0.7, 4.5)
    _save(fig, "square_lens.png")


def tangent_circles() -> None:
    """Circles of radii 3 and 1, tangent to each other and to a line; the gap shaded."""
    fig, ax = _canvas(4.4, 2.6)
    s3 = np.sqrt(3.0)
    o1, o2 = np.array([0.0, 3.0]), np.array([2 * s3, 1.0])
    # Region: from T1 along the line to T2, up arc of small circle to the touch point,
    # then down the big circle's arc back to T1.
    a2 = np.linspace(-np.pi / 2, -np.pi / 2 - 2 * np.pi / 3, 100)  # small circle, T2 -> touch
    small = np.column_stack([o2[0] + np.cos(a2), o2[1] + np.sin(a2)])
    a1 = np.linspace(-np.pi / 6, -np.pi / 2, 100)  # big circle, touch -> T1
    big = np.column_stack([o1[0] + 3 * np.cos(a1), o1[1] + 3 * np.sin(a1)])
    region = np.vstack([[0, 0], [2 * s3, 0], small, big])
    ax.add_patch(Polygon(region, closed=True, facecolor=SHADE, edgecolor="none"))
    full = np.linspace(0, 2 * np.pi, 400)
    ax.plot(o1[0] + 3 * np.cos(full), o1[1] + 3 * np.sin(full), color=INK, lw=1.3)
    ax.plot(o2[0] + np.cos(full), o2[1] + np.sin(full), color=INK, lw=1.3)
    ax.plot([-3.6, 5.2], [0, 0], color=INK, lw=1.4)
    ax.text(5.0, 0.15, r"$\ell$", fontsize=12)
    for o, rad, ang in [(o1, 3, 2.4), (o2, 1, 0.6)]:
        end = o + rad * np.array([np.cos(ang), np.sin(ang)])
        ax.plot([o[0], end[0]], [o[1], end[1]], color=INK, lw=1.0, ls="--")
        ax.plot(*o, "o", color=INK, ms=3)
        mid = (o + end) / 2
        ax.text(mid[0] - 0.15, mid[1] + 0.25, str(rad), fontsize=10)
    ax.set_xlim(-3.6, 5.4)
    ax.set_ylim(-0.4, 6.2)
    _save(fig, "tangent_circles.png")


if __name__ == "__main__":
    rectangle_triangle()
    square_lens()
    tangent_circles()
