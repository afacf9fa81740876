"""Draw the figures of the AP Microeconomics practice pack.

Run from anywhere: ``python exams/ap-microeconomics/assets/make_figures.py``.
Each figure is an original drawing; the labeled values are the data the items use.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent


def _axes(xlabel: str, ylabel: str, size: tuple[float, float] = (4.8, 3.6)):
    fig, ax = plt.subplots(figsize=size, dpi=100)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def _guide(ax, x: float, y: float) -> None:
    ax.plot([x, x], [0, y], ls=":", color="gray")
    ax.plot([0, x], [y, y], ls=":", color="gray")


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def tax() -> None:
    """D: P = 14 - 0.02Q; S: P = 2 + 0.01Q; a $3 per-unit tax on sellers."""
    fig, ax = _axes("Quantity (units per week)", "Price (dollars per unit)")
    q = np.linspace(0, 700, 50)
    ax.plot(q, 14 - 0.02 * q, color="black")
    ax.plot(q, 2 + 0.01 * q, color="black")
    ax.plot(q, 5 + 0.01 * q, color="black", ls="--")
    ax.text(640, 14 - 0.02 * 640 + 0.5, "D", fontsize=10)
    ax.text(660, 2 + 0.01 * 660 - 0.9, "S", fontsize=10)
    ax.text(420, 5 + 0.01 * 420 + 1.0, "S + tax", fontsize=10)
    _guide(ax, 400, 6)
    _guide(ax, 300, 8)
    ax.plot([300, 300], [0, 8], ls=":", color="gray")
    ax.plot([0, 300], [5, 5], ls=":", color="gray")
    ax.set_xlim(0, 720)
    ax.set_ylim(0, 15)
    ax.set_xticks([0, 100, 200, 300, 400, 500, 600, 700])
    ax.set_yticks([2, 5, 6, 8, 11, 14])
    ax.set_title("Market for bottled tea with a per-unit tax", fontsize=10)
    _save(fig, "tax.png")


def firm() -> None:
    """Perfectly competitive firm: AVC = 16 - 0.36q + 0.004q^2, FC = 200, price $10."""
    fig, ax = _axes("Quantity (units per day)", "Dollars per unit")
    q = np.linspace(8, 75, 200)
    avc = 16 - 0.36 * q + 0.004 * q**2
    mc = 16 - 0.72 * q + 0.012 * q**2
    atc = avc + 200 / q
    keep = q <= 66
    ax.plot(q[keep], mc[keep], color="black")
    ax.plot(q, atc, color="black")
    ax.plot(q, avc, color="black")
    ax.axhline(10, color="black", lw=1)
    ax.text(59, 19.5, "MC", fontsize=9)
    ax.text(76, 16 - 0.36 * 75 + 0.004 * 75**2 + 200 / 75 - 0.3, "ATC", fontsize=9)
    ax.text(76, 16 - 0.36 * 75 + 0.004 * 75**2 - 0.3, "AVC", fontsize=9)
    ax.text(76, 9.3, "P = MR", fontsize=9)
    for y in (8, 12):
        ax.plot([0, 50], [y, y], ls=":", color="gray")
    ax.plot([50, 50], [0, 12], ls=":", color="gray")
    ax.set_xlim(0, 85)
    ax.set_ylim(0, 22)
    ax.set_xticks([0, 10, 20, 30, 40, 50, 60, 70])
    ax.set_yticks([0, 4, 8, 10, 12, 16, 20])
    ax.set_title("Cost curves of a perfectly competitive firm", fontsize=10)
    _save(fig, "firm.png")


def monopoly() -> None:
    """D: P = 24 - 0.2Q; MR = 24 - 0.4Q; MC = ATC = 8."""
    fig, ax = _axes("Quantity (units per month)", "Price and cost (dollars)")
    q = np.linspace(0, 120, 50)
    ax.plot(q, 24 - 0.2 * q, color="black")
    q2 = np.linspace(0, 60, 50)
    ax.plot(q2, 24 - 0.4 * q2, color="black", ls="--")
    ax.axhline(8, color="black", lw=1.2, xmax=125 / 130)
    ax.text(112, 24 - 0.2 * 112 + 0.8, "D", fontsize=10)
    ax.text(60, 1.0, "MR", fontsize=10)
    ax.text(121, 8.3, "MC = ATC", fontsize=9)
    _guide(ax, 40, 16)
    ax.plot([80, 80], [0, 8], ls=":", color="gray")
    ax.plot([60, 60], [0, 12], ls=":", color="gray")
    ax.plot([0, 60], [12, 12], ls=":", color="gray")
    ax.set_xlim(0, 140)
    ax.set_ylim(0, 26)
    ax.set_xticks([0, 20, 40, 60, 80, 100, 120])
    ax.set_yticks([0, 4, 8, 12, 16, 20, 24])
    ax.set_title("A monopolist's demand and costs", fontsize=10)
    _save(fig, "monopoly.png")


def externality() -> None:
    """D = MSB: P = 14 - 0.1Q; MPC: P = 2 + 0.1Q; MSC = MPC + 6."""
    fig, ax = _axes("Quantity of fertilizer (tons)", "Price and cost (dollars per ton)")
    q = np.linspace(0, 100, 50)
    ax.plot(q, 14 - 0.1 * q, color="black")
    ax.plot(q, 2 + 0.1 * q, color="black")
    ax.plot(q, 8 + 0.1 * q, color="black", ls="--")
    ax.text(101, 14 - 10 - 0.2, "D = MSB", fontsize=9)
    ax.text(101, 12 - 0.2, "MPC = S", fontsize=9)
    ax.text(96, 18, "MSC", fontsize=9)
    _guide(ax, 60, 8)
    _guide(ax, 30, 11)
    ax.plot([30, 30], [0, 11], ls=":", color="gray")
    ax.plot([0, 30], [5, 5], ls=":", color="gray")
    ax.set_xlim(0, 120)
    ax.set_ylim(0, 20)
    ax.set_xticks([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    ax.set_yticks([0, 2, 5, 8, 11, 14, 17, 20])
    ax.set_title("Fertilizer market with pollution costs", fontsize=10)
    _save(fig, "externality.png")


def lorenz() -> None:
    """Lorenz curves: Norland passes (40, 22), Sudia passes (40, 10)."""
    fig, ax = _axes("Cumulative percent of households", "Cumulative percent of income",
                    size=(4.2, 4.0))
    x = np.array([0, 20, 40, 60, 80, 100])
    norland = np.array([0, 9, 22, 40, 64, 100])
    sudia = np.array([0, 3, 10, 22, 42, 100])
    ax.plot([0, 100], [0, 100], color="gray", lw=1)
    ax.plot(x, norland, color="black", marker="o", ms=3)
    ax.plot(x, sudia, color="black", ls="--", marker="s", ms=3)
    ax.text(52, 60, "Line of equality", fontsize=8, rotation=42, color="gray")
    ax.text(62, 33, "Norland", fontsize=9)
    ax.text(70, 20, "Sudia", fontsize=9)
    ax.set_xticks(x)
    ax.set_yticks([0, 10, 22, 40, 60, 80, 100])
    ax.grid(True, ls=":", color="lightgray")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_title("Lorenz curves", fontsize=10)
    _save(fig, "lorenz.png")


if __name__ == "__main__":
    tax()
    firm()
    monopoly()
    externality()
    lorenz()
