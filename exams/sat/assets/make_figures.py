"""Draw the figures of the SAT practice pack.

Run from anywhere: ``python exams/sat/assets/make_figures.py``. Every figure is an
original drawing; labelled values are the data the items use.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def _grid_axes(ax, xlim, ylim) -> None:
    """Axes through the origin with a unit grid, as on a test's coordinate plane."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xticks(range(xlim[0], xlim[1] + 1))
    ax.set_yticks(range(ylim[0], ylim[1] + 1))
    ax.grid(color="0.85", lw=0.8)
    ax.set_axisbelow(True)
    for side in ("left", "bottom"):
        ax.spines[side].set_position("zero")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7)
    ax.set_aspect("equal")


def parabola() -> None:
    """y = (x - 2)^2 - 1 on a grid (no equation shown)."""
    fig, ax = plt.subplots(figsize=(3.6, 3.8))
    _grid_axes(ax, (-2, 6), (-2, 6))
    x = np.linspace(-0.45, 4.45, 200)
    ax.plot(x, (x - 2) ** 2 - 1, color="black", lw=1.6)
    ax.text(5.6, -0.5, "x", fontsize=10)
    ax.text(0.2, 5.6, "y", fontsize=10)
    ax.set_title("The graph of $y = f(x)$", fontsize=10)
    _save(fig, "parabola.png")


def right_triangle() -> None:
    """Right triangle ABC, right angle at C, AC = 12, BC = 9 (AB not labelled)."""
    fig, ax = plt.subplots(figsize=(3.8, 3.0))
    A, B, C = (0, 0), (12, 9), (12, 0)
    ax.plot([A[0], B[0], C[0], A[0]], [A[1], B[1], C[1], A[1]], color="black", lw=1.6)
    ax.plot([11.2, 11.2, 12], [0, 0.8, 0.8], color="black", lw=1)
    ax.text(-0.7, -0.6, "A", fontsize=12)
    ax.text(12.3, 9.1, "B", fontsize=12)
    ax.text(12.3, -0.7, "C", fontsize=12)
    ax.text(6, -1.2, "12", ha="center", fontsize=11)
    ax.text(12.5, 4.5, "9", va="center", fontsize=11)
    ax.set_xlim(-1.5, 14)
    ax.set_ylim(-2, 10)
    ax.set_aspect("equal")
    ax.axis("off")
    _save(fig, "right-triangle.png")


STUDY = [(1, 58), (2, 62), (2, 68), (3, 69), (4, 73), (4, 78), (5, 82), (6, 81), (6, 88),
         (7, 92), (8, 93), (9, 99)]


def scatter() -> None:
    """Hours studied against test score for 12 students, with the line y = 5x + 55."""
    fig, ax = plt.subplots(figsize=(4.8, 3.6))
    xs, ys = zip(*STUDY, strict=True)
    ax.scatter(xs, ys, color="black", s=18, zorder=3)
    x = np.linspace(0, 10, 2)
    ax.plot(x, 5 * x + 55, color="black", lw=1.2)
    ax.set_xlim(0, 10)
    ax.set_ylim(50, 105)
    ax.set_xticks(range(0, 11))
    ax.set_yticks(range(50, 106, 5))
    ax.grid(color="0.85", lw=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("Hours spent studying")
    ax.set_ylabel("Test score")
    ax.set_title("Study time and test scores of 12 students", fontsize=10)
    _save(fig, "scatter.png")


TABLE = [["", "Morning", "Afternoon", "Total"],
         ["Grade 10", "48", "52", "100"],
         ["Grade 11", "30", "70", "100"],
         ["Total", "78", "122", "200"]]


def two_way_table() -> None:
    """Preferred class time of 200 students by grade."""
    fig, ax = plt.subplots(figsize=(4.6, 1.9))
    ax.axis("off")
    table = ax.table(cellText=TABLE, loc="center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(10)
    table.scale(1, 1.5)
    ax.set_title("Preferred class time, by grade", fontsize=10)
    _save(fig, "class-times.png")


F_POINTS = [(-3, 1), (-1, 4), (1, 0), (3, 3), (5, 1)]


def piecewise() -> None:
    """A function f on -3 <= x <= 5 whose graph joins the points in F_POINTS."""
    fig, ax = plt.subplots(figsize=(4.4, 3.4))
    _grid_axes(ax, (-4, 6), (-1, 5))
    xs, ys = zip(*F_POINTS, strict=True)
    ax.plot(xs, ys, color="black", lw=1.6)
    ax.plot([xs[0], xs[-1]], [ys[0], ys[-1]], "o", color="black", ms=4)
    ax.text(5.75, 0.15, "x", fontsize=10)
    ax.text(0.2, 4.6, "y", fontsize=10)
    ax.set_title("The graph of $y = f(x)$ for $-3 \\leq x \\leq 5$", fontsize=10)
    _save(fig, "piecewise.png")


def similar_triangles() -> None:
    """Triangle ABC with D on AB, E on AC, DE parallel to BC; AD = 4, DB = 6, DE = 5."""
    fig, ax = plt.subplots(figsize=(4.0, 3.2))
    A, B, C = np.array([3.0, 7.0]), np.array([0.0, 0.0]), np.array([9.0, 0.0])
    D, E = A + 0.4 * (B - A), A + 0.4 * (C - A)
    for P, Q in ((A, B), (B, C), (C, A), (D, E)):
        ax.plot([P[0], Q[0]], [P[1], Q[1]], color="black", lw=1.5)
    for name, P, off in (("A", A, (0, 0.3)), ("B", B, (-0.5, -0.5)), ("C", C, (0.2, -0.5)),
                         ("D", D, (-0.6, 0)), ("E", E, (0.25, 0))):
        ax.text(P[0] + off[0], P[1] + off[1], name, fontsize=12)
    mid = lambda P, Q: (P + Q) / 2  # noqa: E731
    for P, Q, label, off in ((A, D, "4", (-0.6, 0)), (D, B, "6", (-0.6, 0)),
                             (D, E, "5", (0, 0.25))):
        m = mid(P, Q)
        ax.text(m[0] + off[0], m[1] + off[1], label, fontsize=11)
    ax.set_title(r"$\overline{DE} \parallel \overline{BC}$ (not drawn to scale)", fontsize=10)
    ax.set_xlim(-1, 10)
    ax.set_ylim(-1, 8)
    ax.set_aspect("equal")
    ax.axis("off")
    _save(fig, "similar-triangles.png")


# (background noise in dBA, minimum song frequency in kHz) for 20 territories
SONG = [(42, 2.14), (44, 2.30), (45, 2.20), (47, 2.38), (48, 2.29), (50, 2.45), (51, 2.36),
        (53, 2.52), (54, 2.47), (55, 2.60), (56, 2.51), (58, 2.66), (59, 2.62), (60, 2.74),
        (62, 2.71), (63, 2.83), (64, 2.76), (65, 2.85), (67, 2.93), (68, 2.88)]


def birdsong() -> None:
    """Minimum song frequency against background noise at 20 territories, with a trend line."""
    fig, ax = plt.subplots(figsize=(4.8, 3.5))
    xs, ys = zip(*SONG, strict=True)
    ax.scatter(xs, ys, color="black", s=16, zorder=3)
    slope, intercept = np.polyfit(xs, ys, 1)
    x = np.linspace(40, 70, 2)
    ax.plot(x, slope * x + intercept, color="black", lw=1.1)
    ax.set_xlim(40, 70)
    ax.set_ylim(2.0, 3.1)
    ax.set_xticks(range(40, 71, 5))
    ax.set_yticks([2.0, 2.2, 2.4, 2.6, 2.8, 3.0])
    ax.grid(color="0.85", lw=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("Background noise at territory (dBA)")
    ax.set_ylabel("Minimum song frequency (kHz)")
    ax.set_title("Song pitch and background noise, 20 territories", fontsize=10)
    _save(fig, "birdsong.png")


COMPOST = {"2019": 310, "2020": 420, "2021": 580, "2022": 760, "2023": 820}


def compost() -> None:
    """Food scraps collected by a town's composting programme, by year, in tonnes."""
    fig, ax = plt.subplots(figsize=(4.6, 3.2))
    years, tonnes = list(COMPOST), list(COMPOST.values())
    bars = ax.bar(years, tonnes, color="0.5", edgecolor="black", width=0.6)
    for b, v in zip(bars, tonnes, strict=True):
        ax.text(b.get_x() + b.get_width() / 2, v + 15, str(v), ha="center", fontsize=8)
    ax.set_ylim(0, 1000)
    ax.set_yticks(range(0, 1001, 200))
    ax.set_ylabel("Food scraps collected (tonnes)")
    ax.grid(axis="y", color="0.85")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Millbrook composting programme: food scraps collected", fontsize=10)
    _save(fig, "compost.png")


if __name__ == "__main__":
    parabola()
    right_triangle()
    scatter()
    two_way_table()
    piecewise()
    similar_triangles()
    birdsong()
    compost()
