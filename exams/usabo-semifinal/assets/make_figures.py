"""Draw the original figures of the USABO semifinal practice pack.

Run from anywhere: ``python exams/usabo-semifinal/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.08)
    plt.close(fig)


def pedigree() -> None:
    """Three generations; one affected daughter of unaffected parents."""
    fig, ax = plt.subplots(figsize=(5.0, 3.2), dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    s = 0.6  # symbol size

    def person(x: float, y: float, sex: str, affected: bool = False, label: str = "") -> None:
        face = INK if affected else "white"
        if sex == "m":
            ax.add_patch(Rectangle((x - s / 2, y - s / 2), s, s, facecolor=face, edgecolor=INK,
                                   lw=1.4))
        elif sex == "f":
            ax.add_patch(Circle((x, y), s / 2, facecolor=face, edgecolor=INK, lw=1.4))
        else:  # unknown sex, not yet born
            ax.add_patch(plt.Polygon([(x, y + s / 2), (x + s / 2, y), (x, y - s / 2),
                                      (x - s / 2, y)], facecolor="white", edgecolor=INK, lw=1.4))
            ax.text(x, y - 0.02, "?", ha="center", va="center", fontsize=10)
        ax.text(x, y - s / 2 - 0.3, label, ha="center", fontsize=8)

    def mate(x1: float, x2: float, y: float) -> None:
        ax.plot([x1 + s / 2, x2 - s / 2], [y, y], color=INK, lw=1.3)

    def children(xm: float, y: float, xs: list[float], yc: float) -> None:
        mid = (y + yc) / 2
        ax.plot([xm, xm], [y, mid], color=INK, lw=1.3)
        ax.plot([min(xs), max(xs)], [mid, mid], color=INK, lw=1.3)
        for x in xs:
            ax.plot([x, x], [mid, yc + s / 2], color=INK, lw=1.3)

    y1, y2, y3 = 5.0, 3.0, 1.0
    person(3.0, y1, "m", label="1")
    person(4.6, y1, "f", label="2")
    mate(3.0, 4.6, y1)
    children(3.8, y1, [1.6, 3.8, 6.0], y2)
    person(0.2, y2, "m", label="1")
    person(1.6, y2, "f", label="2")
    mate(0.2, 1.6, y2)
    person(3.8, y2, "m", label="3")
    person(6.0, y2, "f", affected=True, label="4")
    person(7.4, y2, "m", label="5")
    mate(6.0, 7.4, y2)
    children(0.9, y2, [0.9], y3)
    person(0.9, y3, "?", label="1")
    children(6.7, y2, [6.0, 7.4], y3)
    person(6.0, y3, "m", label="2")
    person(7.4, y3, "f", label="3")
    for y, g in [(y1, "I"), (y2, "II"), (y3, "III")]:
        ax.text(-1.0, y, g, ha="center", va="center", fontsize=11, fontweight="bold")
    ax.set_xlim(-1.4, 8.0)
    ax.set_ylim(0.2, 5.6)
    _save(fig, "pedigree.png")


def lineweaver_burk() -> None:
    """Double-reciprocal plot of an enzyme with and without inhibitor X."""
    fig, ax = plt.subplots(figsize=(4.6, 3.2), dpi=100)
    x = np.linspace(-0.2, 0.5, 50)
    for slope, style, label in [(0.05, "-", "no inhibitor"), (0.15, "--", "+ inhibitor X")]:
        y = slope * x + 0.01
        ax.plot(x[x >= 0], y[x >= 0], style, color=INK, lw=1.8, label=label)
        ax.plot(x[x < 0], y[x < 0], ":", color="#777777", lw=1.0)
        data = np.array([0.05, 0.1, 0.2, 0.3, 0.4, 0.5])
        ax.plot(data, slope * data + 0.01, "o" if style == "-" else "s", color=INK, ms=4)
    ax.axhline(0, color=INK, lw=0.8)
    ax.axvline(0, color=INK, lw=0.8)
    ax.set_xlabel("1/[S]  (mM$^{-1}$)")
    ax.set_ylabel("1/v  (min µmol$^{-1}$)")
    ax.set_xlim(-0.22, 0.52)
    ax.set_ylim(-0.012, 0.09)
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    ax.tick_params(labelsize=8)
    _save(fig, "lineweaver_burk.png")


def cladogram() -> None:
    """Rooted tree (((P,Q),R),((S,T),U)) drawn with right-angle branches."""
    fig, ax = plt.subplots(figsize=(4.0, 3.0), dpi=100)
    ax.axis("off")
    tips = {"P": 6, "Q": 5, "R": 4, "S": 3, "T": 2, "U": 1}
    xt = 4.0

    def join(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
        for (xa, ya) in (a, b):
            ax.plot([x, xa], [ya, ya], color=INK, lw=1.5)
        ax.plot([x, x], [a[1], b[1]], color=INK, lw=1.5)
        return (x, (a[1] + b[1]) / 2)

    tip = {k: (xt, v) for k, v in tips.items()}
    pq = join(tip["P"], tip["Q"], 3.0)
    pqr = join(pq, tip["R"], 2.0)
    st = join(tip["S"], tip["T"], 3.0)
    stu = join(st, tip["U"], 2.2)
    root = join(pqr, stu, 1.0)
    ax.plot([0.4, root[0]], [root[1], root[1]], color=INK, lw=1.5)
    for k, (x, y) in tip.items():
        ax.text(x + 0.12, y, k, va="center", fontsize=11)
    ax.set_xlim(0.3, 4.6)
    ax.set_ylim(0.5, 6.5)
    _save(fig, "cladogram.png")


def oxygen_curves() -> None:
    """Three haemoglobin-oxygen dissociation curves, P50 = 18, 27 and 36 mmHg."""
    fig, ax = plt.subplots(figsize=(4.6, 3.2), dpi=100)
    po2 = np.linspace(0, 100, 300)
    n = 2.7
    for p50, style, label, lx in [(18, "-.", "P", 9), (27, "-", "Q", 22), (36, "--", "R", 44)]:
        sat = 100 * po2**n / (po2**n + p50**n)
        ax.plot(po2, sat, style, color=INK, lw=1.8)
        ly = 100 * lx**n / (lx**n + p50**n)
        ax.text(lx - 5 if label == "P" else lx + 1.5, ly + (4 if label == "P" else -6), label,
                fontsize=11, fontweight="bold")
    ax.set_xlabel("Partial pressure of O$_2$ (mmHg)")
    ax.set_ylabel("Haemoglobin saturation (%)")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 102)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=8)
    _save(fig, "oxygen_curves.png")


def action_potential() -> None:
    """Membrane potential of a neuron during one action potential, five points marked."""
    fig, ax = plt.subplots(figsize=(4.6, 3.0), dpi=100)
    t = np.linspace(0, 6, 600)
    v = np.full_like(t, -70.0)
    rise = (t >= 1.0) & (t < 1.6)
    v[rise] = -70 + 105 * ((t[rise] - 1.0) / 0.6) ** 1.6
    fall = (t >= 1.6) & (t < 2.6)
    v[fall] = 35 - 117 * ((t[fall] - 1.6) / 1.0) ** 0.9
    rec = t >= 2.6
    v[rec] = -70 - 12 * np.exp(-(t[rec] - 2.6) / 0.9)
    ax.plot(t, v, color=INK, lw=1.8)
    points = {"1": 0.5, "2": 1.35, "3": 1.6, "4": 2.1, "5": 2.75}
    for label, tp in points.items():
        vp = float(np.interp(tp, t, v))
        ax.plot(tp, vp, "o", color=INK, ms=4)
        ax.text(tp + 0.12, vp + 3, label, fontsize=10, fontweight="bold")
    ax.set_xlabel("Time (ms)")
    ax.set_ylabel("Membrane potential (mV)")
    ax.set_ylim(-95, 50)
    ax.axhline(0, color="#999999", lw=0.7, ls=":")
    ax.tick_params(labelsize=8)
    _save(fig, "action_potential.png")


def gel() -> None:
    """Agarose gel: size ladder and three digests of a 10 kb linear DNA."""
    fig, ax = plt.subplots(figsize=(4.2, 3.6), dpi=100)
    ax.axis("off")
    ladder = [10, 8, 6, 5, 4, 3, 2, 1.5, 1]
    lanes = {"M": ladder, "EcoRI": [7, 3], "BamHI": [8, 2], "EcoRI\n+ BamHI": [5, 3, 2]}
    top, bottom = np.log10(10) + 0.12, np.log10(1) - 0.08
    ax.add_patch(Rectangle((-0.5, bottom), 4.0, top - bottom, color="#1b1b1b", zorder=0))
    for i, (name, bands) in enumerate(lanes.items()):
        x = i * 1.0
        ax.add_patch(Rectangle((x - 0.3, top - 0.04), 0.6, 0.025, color="#555555"))  # well
        for kb in bands:
            ax.add_patch(Rectangle((x - 0.3, np.log10(kb) - 0.012), 0.6, 0.024,
                                   color="#f2f2f2"))
        ax.text(x, top + 0.03, name, ha="center", va="bottom", fontsize=8, color=INK)
    for kb in ladder:
        ax.text(-0.6, np.log10(kb), f"{kb:g} kb", ha="right", va="center", fontsize=7,
                color=INK)
    ax.set_xlim(-1.4, 3.6)
    ax.set_ylim(bottom - 0.02, top + 0.2)
    _save(fig, "gel.png")


def competition() -> None:
    """Two species grown separately and together (Lotka-Volterra competition)."""
    def run(n1: float, n2: float, days: int = 60, dt: float = 0.01) -> np.ndarray:
        r1, r2, k1, k2, a12, a21 = 0.25, 0.5, 500.0, 300.0, 0.6, 1.2
        out = []
        steps = int(days / dt)
        for i in range(steps + 1):
            if i % int(1 / dt) == 0:
                out.append((n1, n2))
            d1 = r1 * n1 * (k1 - n1 - a12 * n2) / k1
            d2 = r2 * n2 * (k2 - n2 - a21 * n1) / k2
            n1, n2 = n1 + d1 * dt, n2 + d2 * dt
        return np.array(out)

    alone1, alone2, mixed = run(10, 0), run(0, 10), run(10, 10)
    days = np.arange(len(mixed))
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 2.8), dpi=100, sharey=True)
    for ax, title, n1, n2 in [(axes[0], "Grown separately", alone1[:, 0], alone2[:, 1]),
                              (axes[1], "Grown together", mixed[:, 0], mixed[:, 1])]:
        ax.plot(days, n1, color=INK, lw=1.8, label="species 1")
        ax.plot(days, n2, "--", color=INK, lw=1.8, label="species 2")
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("Day", fontsize=8)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=8)
        ax.set_yticks(range(0, 601, 100))
    axes[0].set_ylabel("Individuals per culture", fontsize=8)
    axes[1].legend(fontsize=7, frameon=False, loc="center right")
    _save(fig, "competition.png")


def light_response() -> None:
    """Net CO2 assimilation against light for two plants, X and Y."""
    fig, ax = plt.subplots(figsize=(4.6, 3.2), dpi=100)
    light = np.linspace(0, 1500, 400)
    for amax, rd, style, label in [(6, 0.5, "-", "plant X"), (20, 2.0, "--", "plant Y")]:
        a = amax * (1 - np.exp(-0.05 * light / amax)) - rd
        ax.plot(light, a, style, color=INK, lw=1.8, label=label)
    ax.axhline(0, color=INK, lw=0.8)
    ax.set_xlabel("Photon flux density (µmol m$^{-2}$ s$^{-1}$)", fontsize=8)
    ax.set_ylabel("Net CO$_2$ uptake (µmol m$^{-2}$ s$^{-1}$)", fontsize=8)
    ax.set_xlim(0, 1500)
    ax.set_ylim(-3, 20)
    ax.set_yticks(range(-2, 21, 2))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.tick_params(labelsize=8)
    inset = ax.inset_axes([0.55, 0.43, 0.3, 0.27])
    for amax, rd, style in [(6, 0.5, "-"), (20, 2.0, "--")]:
        small = np.linspace(0, 100, 100)
        inset.plot(small, amax * (1 - np.exp(-0.05 * small / amax)) - rd, style, color=INK)
    inset.axhline(0, color=INK, lw=0.6)
    inset.set_xlim(0, 100)
    inset.set_ylim(-2.5, 3)
    inset.set_xticks([0, 25, 50, 75, 100])
    inset.set_yticks([-2, -1, 0, 1, 2, 3])
    inset.grid(alpha=0.3)
    inset.tick_params(labelsize=6)
    inset.set_title("0-100 enlarged", fontsize=6)
    _save(fig, "light_response.png")


if __name__ == "__main__":
    pedigree()
    lineweaver_burk()
    cladogram()
    oxygen_curves()
    action_potential()
    gel()
    competition()
    light_response()
