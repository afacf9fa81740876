"""Draw the original figures of the AP Biology practice pack (invented data throughout).

Run from anywhere: ``python exams/ap-biology/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def enzyme_temperature() -> None:
    """Rate of two enzymes against temperature: P peaks near 37 C, Q near 75 C."""
    t = np.arange(0, 101, 1.0)
    p = np.where(t <= 37, np.exp(-((t - 37) / 14) ** 2), np.exp(-((t - 37) / 8) ** 2))
    q = np.where(t <= 75, np.exp(-((t - 75) / 18) ** 2), np.exp(-((t - 75) / 6) ** 2))
    fig, ax = plt.subplots(figsize=(5.2, 3.4), dpi=100)
    ax.plot(t, 100 * p, color="#1f77b4", lw=2, label="Enzyme P")
    ax.plot(t, 100 * q, color="#d62728", lw=2, ls="--", label="Enzyme Q")
    ax.set_xlabel("Temperature (°C)")
    ax.set_ylabel("Reaction rate (% of maximum)")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 105)
    ax.set_xticks(range(0, 101, 10))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", frameon=False)
    _save(fig, "enzyme_temperature.png")


def pedigree() -> None:
    """Three generations; squares male, circles female, filled affected."""
    fig, ax = plt.subplots(figsize=(5.0, 3.6), dpi=100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 7.4)
    ax.set_aspect("equal")
    ax.axis("off")
    s = 0.6

    def male(x, y, filled=False, label=""):
        ax.add_patch(Rectangle((x - s / 2, y - s / 2), s, s, fc=INK if filled else "white",
                               ec=INK, lw=1.5))
        ax.text(x + 0.38, y - 0.38, label, ha="left", va="top", fontsize=8)

    def female(x, y, filled=False, label=""):
        ax.add_patch(Circle((x, y), s / 2, fc=INK if filled else "white", ec=INK, lw=1.5))
        ax.text(x + 0.38, y - 0.38, label, ha="left", va="top", fontsize=8)

    def line(x0, y0, x1, y1):
        ax.plot([x0, x1], [y0, y1], color=INK, lw=1.2)

    # generation I
    male(4.0, 6.4, label="I-1")
    female(6.0, 6.4, label="I-2")
    line(4.3, 6.4, 5.7, 6.4)
    line(5.0, 6.4, 5.0, 5.6)
    line(2.0, 5.6, 7.5, 5.6)
    # generation II
    for x in (2.0, 4.0, 7.5):
        line(x, 5.6, x, 4.3)
    female(2.0, 4.0, filled=True, label="II-1")
    male(4.0, 4.0, label="II-2")
    male(7.5, 4.0, filled=True, label="II-3")
    male(0.6, 4.0, label="")
    line(0.9, 4.0, 1.7, 4.0)
    line(1.3, 4.0, 1.3, 3.2)
    line(0.6, 3.2, 2.0, 3.2)
    female(9.0, 4.0, label="")
    line(7.8, 4.0, 8.7, 4.0)
    line(8.25, 4.0, 8.25, 3.2)
    line(7.6, 3.2, 8.9, 3.2)
    # generation III
    for x in (0.6, 2.0):
        line(x, 3.2, x, 2.0)
    male(0.6, 1.7, label="III-1")
    female(2.0, 1.7, label="III-2")
    for x in (7.6, 8.9):
        line(x, 3.2, x, 2.0)
    female(7.6, 1.7, label="III-3")
    male(8.9, 1.7, label="III-4")
    for y, g in ((6.4, "I"), (4.0, "II"), (1.7, "III")):
        ax.text(-0.3, y, g, ha="right", va="center", fontsize=10, weight="bold")
    _save(fig, "pedigree.png")


def cell_diagram() -> None:
    """A schematic animal cell with five numbered structures."""
    fig, ax = plt.subplots(figsize=(5.0, 3.8), dpi=100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 7.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Ellipse((5, 3.8), 9.4, 7.0, fc="#fbf6ea", ec=INK, lw=2))
    ax.add_patch(Circle((3.2, 4.2), 1.35, fc="#d9d2f0", ec=INK, lw=2))  # nucleus envelope
    ax.add_patch(Circle((3.4, 4.4), 0.45, fc="#8f80c9", ec="none"))  # nucleolus
    # rough ER: curved sheets studded with dots, beside the nucleus
    for r in (1.75, 2.05, 2.35):
        th = np.linspace(-0.9, 0.9, 40)
        x, y = 3.2 + r * np.cos(th), 4.2 + r * np.sin(th)
        ax.plot(x, y, color="#3b6e3b", lw=2.2)
        ax.scatter(x[::3] + 0.09 * np.cos(th[::3]), y[::3] + 0.09 * np.sin(th[::3]), s=5,
                   color=INK, zorder=3)
    # Golgi: stacked smooth arcs with budding vesicles
    for k in range(5):
        th = np.linspace(2.3, 3.9, 40)
        ax.plot(7.9 + (1.0 + 0.18 * k) * np.cos(th), 5.1 + (0.55 + 0.1 * k) * np.sin(th),
                color="#b5651d", lw=3)
    for x, y in ((6.5, 5.9), (6.4, 4.3), (6.2, 3.9)):
        ax.add_patch(Circle((x, y), 0.13, fc="#f0c080", ec="#b5651d"))
    # mitochondrion with folded inner membrane
    ax.add_patch(Ellipse((6.4, 1.9), 2.2, 1.0, angle=15, fc="#f6c9c9", ec=INK, lw=1.5))
    xs = np.linspace(5.55, 7.25, 60)
    ax.plot(xs, 1.67 + 0.23 * (xs - 5.55) + 0.22 * np.sign(np.sin(xs * 11)), color="#a33",
            lw=1)
    # lysosome
    ax.add_patch(Circle((8.4, 3.0), 0.45, fc="#c9e3f6", ec=INK, lw=1.5))
    ax.scatter([8.3, 8.5, 8.4, 8.25], [3.1, 3.05, 2.85, 2.9], s=6, color="#335")
    labels = {"1": ((3.2, 4.2), (1.0, 6.7)), "2": ((5.35, 4.2), (5.0, 7.0)),
              "3": ((7.2, 5.2), (8.9, 6.6)), "4": ((6.4, 1.9), (4.6, 0.3)),
              "5": ((8.4, 3.0), (9.6, 2.0))}
    for name, (target, where) in labels.items():
        ax.annotate(name, xy=target, xytext=where, fontsize=11, weight="bold", ha="center",
                    va="center", arrowprops={"arrowstyle": "-", "color": INK, "lw": 1})
    _save(fig, "cell_diagram.png")


def logistic_growth() -> None:
    """Counts of an invented population over 20 weeks, leveling near 500."""
    weeks = np.arange(0, 21, 1)
    n = 500 / (1 + 49 * np.exp(-0.45 * weeks))
    rng = np.random.default_rng(3)
    obs = n * (1 + rng.normal(0, 0.03, n.size))
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(weeks, obs, "o-", color="#2c7a2c", ms=4)
    ax.axhline(500, color="#888888", ls=":", lw=1)
    ax.set_xlabel("Time (weeks)")
    ax.set_ylabel("Population size (individuals)")
    ax.set_xticks(range(0, 21, 2))
    ax.set_yticks(range(0, 601, 100))
    ax.set_ylim(0, 600)
    ax.grid(alpha=0.3)
    _save(fig, "population_growth.png")


def oxygen_curves() -> None:
    """Percent saturation against partial pressure of O2 for hemoglobins X and Y."""
    po2 = np.linspace(0, 100, 200)

    def hill(p50, n=2.7):
        return 100 * po2**n / (p50**n + po2**n)

    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(po2, hill(19), color="#8e44ad", lw=2, label="Hemoglobin X")
    ax.plot(po2, hill(27), color="#e67e22", lw=2, ls="--", label="Hemoglobin Y")
    ax.set_xlabel("Partial pressure of O$_2$ (mm Hg)")
    ax.set_ylabel("Hemoglobin saturated with O$_2$ (%)")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xticks(range(0, 101, 10))
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", frameon=False)
    _save(fig, "oxygen_saturation.png")


def gel_digest() -> None:
    """Agarose gel of a 1,000 bp linear fragment cut with E1, E2 and both."""
    sizes = [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]

    def ypos(bp):
        return 9.0 - 6.5 * (np.log10(1000) - np.log10(bp)) / (np.log10(1000) - np.log10(100))

    fig, ax = plt.subplots(figsize=(4.2, 4.2), dpi=100)
    ax.set_xlim(-1.4, 8)
    ax.set_ylim(1.5, 10.4)
    ax.axis("off")
    ax.add_patch(Rectangle((0, 1.8), 7.6, 8.0, fc="#20252b", ec=INK))
    lanes = {"M": sizes, "E1": [700, 300], "E2": [800, 200], "E1 + E2": [500, 300, 200]}
    for i, (name, bands) in enumerate(lanes.items()):
        x = 1.0 + i * 1.9
        ax.add_patch(Rectangle((x - 0.5, 9.4), 1.0, 0.25, fc="#555", ec="none"))
        ax.text(x, 10.0, name, ha="center", fontsize=9, color=INK)
        for bp in bands:
            ax.add_patch(Rectangle((x - 0.5, ypos(bp) - 0.06), 1.0, 0.12, fc="#f2f2f2",
                                   ec="none"))
    for bp in sizes:
        ax.text(-0.15, ypos(bp), f"{bp}", ha="right", va="center", fontsize=7)
    ax.text(-1.35, 5.5, "Marker size (bp)", rotation=90, va="center", fontsize=8)
    _save(fig, "gel_digest.png")


def cladogram() -> None:
    """Invented species V-Z with derived characters 1-3 marked on branches."""
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6.5)
    ax.axis("off")
    root = (1.0, 0.5)
    tips = {"V": 1.8, "W": 3.8, "X": 5.8, "Y": 7.6, "Z": 9.4}
    spine = lambda x: root[1] + (x - root[0]) * (6.0 - root[1]) / (8.5 - root[0])  # noqa: E731
    ax.plot([root[0], 7.3], [root[1], spine(7.3)], color=INK, lw=2)  # spine to Y/Z split
    for name, x in tips.items():
        ax.text(x, 6.2, name, ha="center", fontsize=12, weight="bold")
    branch_from = {"V": 1.6, "W": 3.2, "X": 5.0, "Y": 7.3, "Z": 7.3}
    for name, bx in branch_from.items():
        ax.plot([bx, tips[name]], [spine(bx), 6.0], color=INK, lw=2)
    for label, x in (("1", 2.4), ("2", 4.1), ("3", 6.2)):
        y = spine(x)
        ax.plot([x - 0.25, x + 0.25], [y + 0.3, y - 0.3], color="#c0392b", lw=2.5)
        ax.text(x + 0.35, y - 0.45, label, color="#c0392b", fontsize=11, weight="bold")
    _save(fig, "cladogram.png")


def light_response() -> None:
    """O2 production against light intensity at two CO2 concentrations."""
    light = np.array([0, 50, 100, 200, 300, 400, 600, 800, 1000])
    low = 4.0 * (1 - np.exp(-light / 90.0))
    high = 9.0 * (1 - np.exp(-light / 200.0))
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(light, high, "s-", color="#1b7837", label="0.10% CO$_2$")
    ax.plot(light, low, "o--", color="#762a83", label="0.03% CO$_2$")
    ax.set_xlabel("Light intensity (µmol photons m$^{-2}$ s$^{-1}$)")
    ax.set_ylabel("O$_2$ production (µmol h$^{-1}$)")
    ax.set_ylim(0, 10)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", frameon=False)
    _save(fig, "light_response.png")


def signaling_pathway() -> None:
    """A relay from an extracellular ligand to a transcription factor in the nucleus."""
    fig, ax = plt.subplots(figsize=(5.4, 3.6), dpi=100)
    ax.set_xlim(0, 11)
    ax.set_ylim(0, 7)
    ax.axis("off")
    ax.add_patch(Rectangle((0, 5.0), 11, 0.35, fc="#e0c48c", ec=INK))
    ax.text(10.9, 5.7, "outside cell", ha="right", fontsize=8)
    ax.text(10.9, 4.6, "cytoplasm", ha="right", fontsize=8)
    ax.add_patch(Rectangle((0, 0), 11, 1.3, fc="#e6e0f5", ec=INK))
    ax.text(10.9, 0.2, "nucleus", ha="right", fontsize=8)

    def box(x, y, text, fc):
        ax.add_patch(FancyBboxPatch((x - 0.9, y - 0.35), 1.8, 0.7,
                                    boxstyle="round,pad=0.05", fc=fc, ec=INK))
        ax.text(x, y, text, ha="center", va="center", fontsize=9)

    def arrow(a, b):
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color=INK))

    ax.add_patch(Circle((2.0, 6.3), 0.3, fc="#f39c12", ec=INK))
    ax.text(2.0, 6.8, "ligand L", ha="center", fontsize=8)
    box(2.0, 5.17, "receptor R", "#f7f7f7")
    box(2.0, 3.6, "protein G", "#cfe8cf")
    box(5.0, 3.6, "kinase K", "#cfe0f5")
    box(8.0, 3.6, "protein T", "#f5d0d0")
    box(8.0, 0.65, "gene E", "#ffffff")
    arrow((2.0, 5.95), (2.0, 5.55))
    arrow((2.0, 4.8), (2.0, 3.98))
    arrow((2.85, 3.6), (4.15, 3.6))
    arrow((5.85, 3.6), (7.15, 3.6))
    arrow((8.0, 3.2), (8.0, 1.05))
    ax.text(6.5, 4.12, "adds phosphate", fontsize=7, ha="center")
    ax.text(8.15, 2.1, "enters nucleus,\nbinds promoter", fontsize=7, ha="left")
    _save(fig, "signaling_pathway.png")


def main() -> None:
    enzyme_temperature()
    pedigree()
    cell_diagram()
    logistic_growth()
    oxygen_curves()
    gel_digest()
    cladogram()
    light_response()
    signaling_pathway()


if __name__ == "__main__":
    main()
