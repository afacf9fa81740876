"""Draw the original figures of the AP Calculus BC practice pack.

Run from anywhere: ``python exams/ap-calculus-bc/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _axes(ax, xlim, ylim, xticks, yticks):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.spines["left"].set_position("zero")
    ax.spines["bottom"].set_position("zero")
    ax.spines["right"].set_visible(False)
    ax.spines["top"].set_visible(False)
    ax.set_xticks(xticks)
    ax.set_yticks(yticks)
    ax.grid(alpha=0.35)
    ax.tick_params(labelsize=8)


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def derivative_graph() -> None:
    """Graph of f' on [-3, 5], made of four line segments."""
    xs = [-3, -1, 1, 3, 5]
    ys = [-2, 2, 2, -2, 0]
    fig, ax = plt.subplots(figsize=(5.2, 3.2), dpi=100)
    _axes(ax, (-3.5, 5.5), (-2.7, 2.7), range(-3, 6), range(-2, 3))
    ax.plot(xs, ys, color="#1f4e9c", lw=2.2)
    ax.plot([-3, 5], [-2, 0], "o", color="#1f4e9c", ms=4)
    ax.text(-0.9, 2.25, "$y = f'(x)$", fontsize=10, color="#1f4e9c")
    _save(fig, "derivative_graph.png")


def slope_field() -> None:
    """Slope field of dy/dx = x - y on a 9 by 9 grid of points."""
    fig, ax = plt.subplots(figsize=(4.2, 4.2), dpi=100)
    _axes(ax, (-2.4, 2.4), (-2.4, 2.4), np.arange(-2, 2.1, 1), np.arange(-2, 2.1, 1))
    for x in np.arange(-2, 2.01, 0.5):
        for y in np.arange(-2, 2.01, 0.5):
            m = x - y
            dx = 0.18 / np.sqrt(1 + m * m)
            ax.plot([x - dx, x + dx], [y - m * dx, y + m * dx], color=INK, lw=1.3)
    _save(fig, "slope_field.png")


def piecewise_graph() -> None:
    """Graph of g with a hole at x = 1 and a jump at x = 3."""
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    _axes(ax, (-2.5, 5.5), (-0.5, 4.2), range(-2, 6), range(0, 5))
    x1 = np.linspace(-2, 1, 50)
    ax.plot(x1, 2 + 0.5 * (x1 - 1), color="#8e1c1c", lw=2)
    x2 = np.linspace(1, 3, 50)
    ax.plot(x2, 2 - 0.5 * (x2 - 1), color="#8e1c1c", lw=2)
    x3 = np.linspace(3, 5, 50)
    ax.plot(x3, 2.5 + 0.25 * (x3 - 3), color="#8e1c1c", lw=2)
    ax.plot([1], [2], "o", mfc="white", mec="#8e1c1c", ms=7, mew=1.8)
    ax.plot([1], [3], "o", color="#8e1c1c", ms=6)
    ax.plot([3], [1], "o", mfc="white", mec="#8e1c1c", ms=7, mew=1.8)
    ax.plot([3], [2.5], "o", color="#8e1c1c", ms=6)
    ax.text(4.1, 3.3, "$y = g(x)$", fontsize=10, color="#8e1c1c")
    _save(fig, "piecewise_graph.png")


def semicircle_graph() -> None:
    """Graph of f on [-4, 4]: an upper semicircle on [-4, 0], then two segments."""
    fig, ax = plt.subplots(figsize=(5.2, 3.6), dpi=100)
    _axes(ax, (-4.5, 4.5), (-2.7, 2.7), range(-4, 5), range(-2, 3))
    th = np.linspace(0, np.pi, 200)
    ax.plot(-2 + 2 * np.cos(th), 2 * np.sin(th), color="#1b6e3a", lw=2.2)
    ax.plot([0, 2, 4], [0, -2, 2], color="#1b6e3a", lw=2.2)
    ax.plot([-4, 4], [0, 2], "o", color="#1b6e3a", ms=4)
    ax.text(2.6, 2.1, "$y = f(x)$", fontsize=10, color="#1b6e3a")
    _save(fig, "semicircle_graph.png")


def main() -> None:
    derivative_graph()
    slope_field()
    piecewise_graph()
    semicircle_graph()


if __name__ == "__main__":
    main()
