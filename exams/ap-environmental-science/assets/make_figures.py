"""Draw the original figures of the AP Environmental Science practice pack (invented data).

Run from anywhere: ``python exams/ap-environmental-science/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Polygon, Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def food_web() -> None:
    """A pond food web; arrows point from food to consumer."""
    nodes = {
        "Algae": (1.5, 0.6), "Aquatic plants": (5.5, 0.6),
        "Zooplankton": (0.6, 2.4), "Insect larvae": (3.2, 2.4), "Snails": (5.8, 2.4),
        "Small fish": (2.0, 4.2), "Frogs": (5.2, 4.2),
        "Large fish": (1.2, 6.0), "Heron": (4.6, 7.4),
    }
    edges = [("Algae", "Zooplankton"), ("Algae", "Insect larvae"), ("Algae", "Snails"),
             ("Aquatic plants", "Snails"), ("Zooplankton", "Small fish"),
             ("Insect larvae", "Small fish"), ("Insect larvae", "Frogs"),
             ("Snails", "Small fish"), ("Small fish", "Large fish"), ("Small fish", "Heron"),
             ("Frogs", "Heron"), ("Large fish", "Heron")]
    fig, ax = plt.subplots(figsize=(5.2, 5.0), dpi=100)
    ax.set_xlim(-0.6, 7.2)
    ax.set_ylim(0, 8.1)
    ax.axis("off")
    for a, b in edges:
        ax.add_patch(FancyArrowPatch(nodes[a], nodes[b], arrowstyle="-|>", mutation_scale=12,
                                     shrinkA=16, shrinkB=16, color="#555555", lw=1.2))
    for name, (x, y) in nodes.items():
        ax.text(x, y, name, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.3", "fc": "#eef6e8", "ec": INK})
    _save(fig, "pond_food_web.png")


def age_structure() -> None:
    """Population pyramids for two invented countries."""
    groups = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"]
    a = [16, 13.5, 10.5, 8, 5.5, 3.5, 2, 0.8, 0.2]
    b = [5.2, 5.5, 6.0, 6.4, 6.6, 6.5, 6.0, 4.6, 3.2]
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.4), dpi=100, sharey=True)
    y = np.arange(len(groups))
    for ax, data, title in ((axes[0], a, "Country A"), (axes[1], b, "Country B")):
        half = np.array(data) / 2
        ax.barh(y, -half, color="#6baed6", edgecolor=INK, height=0.9)
        ax.barh(y, half, color="#fd8d3c", edgecolor=INK, height=0.9)
        ax.set_xlim(-9, 9)
        ax.set_xticks([-8, -4, 0, 4, 8])
        ax.set_xticklabels(["8", "4", "0", "4", "8"])
        ax.set_title(title, fontsize=10)
        ax.axvline(0, color=INK, lw=0.8)
        ax.set_xlabel("Percent of population\n(males left, females right)", fontsize=8)
    axes[0].set_yticks(y)
    axes[0].set_yticklabels(groups, fontsize=8)
    axes[0].set_ylabel("Age group (years)")
    _save(fig, "age_structure.png")


def oxygen_sag() -> None:
    """Dissolved oxygen and BOD downstream of a sewage outfall at km 0."""
    d = np.linspace(-5, 40, 300)
    do = np.where(d < 0, 9.0, 9.0 - 6.2 * (d / 12) * np.exp(1 - d / 12))
    bod = np.where(d < 0, 1.0, 1.0 + 11.0 * np.exp(-d / 8))
    fig, ax = plt.subplots(figsize=(5.4, 3.4), dpi=100)
    ax.plot(d, do, color="#1f78b4", lw=2, label="Dissolved oxygen")
    ax.plot(d, bod, color="#b15928", lw=2, ls="--", label="Biochemical oxygen demand")
    ax.axvline(0, color="#777777", ls=":", lw=1)
    ax.text(0.5, 11.3, "sewage outfall", fontsize=8)
    ax.set_xlabel("Distance downstream of the outfall (km)")
    ax.set_ylabel("mg/L")
    ax.set_xlim(-5, 40)
    ax.set_ylim(0, 12.5)
    ax.set_xticks(range(-5, 41, 5))
    ax.grid(alpha=0.3)
    ax.legend(frameon=False, fontsize=8, loc="center right")
    _save(fig, "oxygen_sag.png")


def watershed_map() -> None:
    """An invented river basin with four land uses and four numbered sampling sites."""
    fig, ax = plt.subplots(figsize=(5.4, 4.4), dpi=100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 8)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.add_patch(Rectangle((0, 0), 10, 8, fc="#f3f0e6", ec=INK))
    ax.add_patch(Polygon([(0, 5.2), (3.2, 5.0), (3.6, 8), (0, 8)], fc="#b8d8a8", ec="none"))
    ax.text(1.4, 7.0, "forest", fontsize=9)
    ax.add_patch(Rectangle((3.9, 5.6), 2.2, 1.8, fc="#d9d9d9", ec=INK, lw=0.6))
    ax.text(4.3, 6.4, "town", fontsize=9)
    for k in range(4):
        ax.add_patch(Rectangle((6.0 + 0.5 * k, 2.6), 0.45, 2.0, fc="#f6e39b", ec="#b8a040",
                               lw=0.6))
    ax.text(6.3, 2.2, "crop fields", fontsize=9)
    ax.add_patch(Polygon([(4.3, 0.15), (6.1, 0.15), (5.9, 1.05), (4.5, 1.15)], fc="#a58d77",
                         ec=INK, lw=0.6))
    ax.text(4.6, 0.35, "open-pit\nmine", fontsize=8)
    # river runs from upper left (forest) toward lower right
    rx = np.concatenate([np.linspace(0.5, 3.5, 40), np.linspace(3.5, 5.6, 40),
                         np.linspace(5.6, 5.9, 30), np.linspace(5.9, 4.2, 40),
                         np.linspace(4.2, 9.8, 50)])
    ry = np.concatenate([np.linspace(7.4, 5.3, 40), np.linspace(5.3, 5.1, 40),
                         np.linspace(5.1, 3.2, 30), np.linspace(3.2, 1.6, 40),
                         np.linspace(1.6, 1.0, 50)])
    ax.plot(rx, ry, color="#3b83bd", lw=4)
    ax.annotate("", xy=(9.7, 1.0), xytext=(8.9, 1.1),
                arrowprops={"arrowstyle": "-|>", "color": "#3b83bd", "lw": 2})
    ax.text(8.3, 0.45, "flow", color="#3b83bd", fontsize=8)
    sites = {"1": (2.6, 6.0), "2": (5.7, 4.4), "3": (5.0, 2.5), "4": (6.6, 1.35)}
    for name, (x, y) in sites.items():
        ax.plot(x, y, "o", ms=13, mfc="white", mec=INK, mew=1.5)
        ax.text(x, y, name, ha="center", va="center", fontsize=9, weight="bold")
    _save(fig, "watershed_map.png")


def co2_record() -> None:
    """Monthly mean CO2 at an invented Northern Hemisphere station, 2015-2021."""
    months = np.arange(0, 84)
    years = 2015 + months / 12
    co2 = 400 + 2.3 * months / 12 + 3.2 * np.cos(2 * np.pi * (months - 4) / 12)
    fig, ax = plt.subplots(figsize=(5.6, 3.2), dpi=100)
    ax.plot(years, co2, color="#444444", lw=1.5, marker="o", ms=2)
    ax.set_xlabel("Year")
    ax.set_ylabel("CO$_2$ (ppm)")
    ax.set_ylim(394, 420)
    ax.grid(alpha=0.3)
    _save(fig, "co2_record.png")


def survivorship() -> None:
    """Three survivorship curves labeled X, Y, Z (log scale)."""
    age = np.linspace(0, 100, 200)
    x = 1000 * (1 - (age / 100) ** 6)
    y = 1000 * np.exp(-age * np.log(1000) / 100)
    z = np.maximum(1, 1000 * (np.exp(-age / 2.5) * 0.99 + 0.01 * (1 - age / 100)))
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(age, np.maximum(x, 1), color="#1b9e77", lw=2)
    ax.plot(age, y, color="#d95f02", lw=2, ls="--")
    ax.plot(age, z, color="#7570b3", lw=2, ls="-.")
    ax.text(80, 600, "X", fontsize=12, weight="bold", color="#1b9e77")
    ax.text(55, 40, "Y", fontsize=12, weight="bold", color="#d95f02")
    ax.text(20, 4.5, "Z", fontsize=12, weight="bold", color="#7570b3")
    ax.set_yscale("log")
    ax.set_ylim(1, 1500)
    ax.set_xlabel("Age (percent of maximum life span)")
    ax.set_ylabel("Survivors per 1,000 (log scale)")
    ax.grid(alpha=0.3, which="both")
    _save(fig, "survivorship.png")


def inversion_profile() -> None:
    """Air temperature against altitude over a city on a winter morning."""
    alt = np.array([0, 100, 200, 300, 400, 500, 600, 800, 1000, 1200])
    temp = np.array([-2.0, -2.6, -3.2, -1.5, 0.2, 1.9, 2.6, 1.3, 0.0, -1.3])
    fig, ax = plt.subplots(figsize=(4.4, 4.0), dpi=100)
    ax.plot(temp, alt, "o-", color="#c0392b")
    ax.set_xlabel("Air temperature (°C)")
    ax.set_ylabel("Altitude above the city (m)")
    ax.set_xlim(-5, 5)
    ax.set_ylim(0, 1250)
    ax.grid(alpha=0.35)
    _save(fig, "temperature_profile.png")


def main() -> None:
    food_web()
    age_structure()
    oxygen_sag()
    watershed_map()
    co2_record()
    survivorship()
    inversion_profile()


if __name__ == "__main__":
    main()
