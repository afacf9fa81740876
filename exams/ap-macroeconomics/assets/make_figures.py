"""Draw the figures of the AP Macroeconomics practice pack.

Run from anywhere: ``python exams/ap-macroeconomics/assets/make_figures.py``.
Each figure is an original drawing; the numbers on the axes are the data the items use.
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


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def ppc() -> None:
    """Production possibilities curve: wheat = 100 - 0.04 * robots^2."""
    fig, ax = _axes("Robots (units per year)", "Wheat (tons per year)")
    x = np.linspace(0, 50, 200)
    ax.plot(x, 100 - 0.04 * x**2, color="black")
    for name, (px, py), off in [("P", (20, 84), (4, 4)), ("Q", (30, 64), (4, 4)),
                                ("R", (20, 64), (-14, -12)), ("S", (30, 84), (4, 4))]:
        ax.plot(px, py, "ko", ms=5)
        ax.annotate(name, (px, py), textcoords="offset points", xytext=off, fontsize=11)
    for px, py in [(20, 84), (30, 64)]:
        ax.plot([px, px], [0, py], ls=":", color="gray")
        ax.plot([0, px], [py, py], ls=":", color="gray")
    ax.set_xlim(0, 55)
    ax.set_ylim(0, 110)
    ax.set_xticks([0, 10, 20, 30, 40, 50])
    ax.set_yticks([0, 20, 40, 64, 84, 100])
    ax.set_title("Country Zeta: production possibilities", fontsize=10)
    _save(fig, "ppc.png")


def ad_as() -> None:
    """A recessionary gap: short-run equilibrium at 700, full employment at 800."""
    fig, ax = _axes("Real GDP (billions of dollars)", "Price level")
    y = np.linspace(560, 900, 50)
    ax.plot(y, 110 - 0.2 * (y - 700), color="black")  # AD
    ax.plot(y, 110 + 0.15 * (y - 700), color="black")  # SRAS
    ax.axvline(800, color="black")
    ax.text(905, 110 - 0.2 * 200 - 1, "AD", fontsize=10)
    ax.text(905, 110 + 0.15 * 200 - 1, "SRAS", fontsize=10)
    ax.text(803, 152, "LRAS", fontsize=10)
    ax.plot([700, 700], [60, 110], ls=":", color="gray")
    ax.plot([540, 700], [110, 110], ls=":", color="gray")
    ax.set_xlim(540, 960)
    ax.set_ylim(60, 160)
    ax.set_xticks([600, 700, 800, 900])
    ax.set_yticks([80, 110, 140])
    ax.set_title("Corvania: aggregate demand and supply", fontsize=10)
    _save(fig, "ad_as.png")


def money_market() -> None:
    """Money demand through (300, 7), (400, 5), (500, 3); money supply at 400."""
    fig, ax = _axes("Quantity of money (billions of dollars)", "Nominal interest rate (%)")
    m = np.linspace(220, 580, 50)
    ax.plot(m, 5 - 0.02 * (m - 400), color="black")
    ax.axvline(400, color="black")
    ax.text(585, 5 - 0.02 * 185 - 0.1, "MD", fontsize=10)
    ax.text(405, 9.3, "MS", fontsize=10)
    for q, r in [(300, 7), (400, 5), (500, 3)]:
        ax.plot([q, q], [0, r], ls=":", color="gray")
        ax.plot([200, q], [r, r], ls=":", color="gray")
    ax.set_xlim(200, 620)
    ax.set_ylim(0, 10)
    ax.set_xticks([200, 300, 400, 500, 600])
    ax.set_yticks([1, 3, 5, 7, 9])
    ax.set_title("Money market", fontsize=10)
    _save(fig, "money_market.png")


def phillips(name: str, natural: float, low: float, slope: float, shift: float,
             points: dict, title: str) -> None:
    """Two short-run Phillips curves (`shift` points apart) and the long-run curve."""
    fig, ax = _axes("Unemployment rate (%)", "Inflation rate (%)")
    u = np.linspace(natural - 3.2, natural + 2.6, 50)
    for up, label in [(0, "SRPC$_1$"), (shift, "SRPC$_2$")]:
        ax.plot(u, low + up + slope * (natural - u), color="black")
        ax.text(u[-1] + 0.1, low + up + slope * (natural - u[-1]), label, fontsize=9)
    ax.axvline(natural, color="black")
    ax.text(natural + 0.1, low + shift + slope * 3.4, "LRPC", fontsize=9)
    for label, (px, py) in points.items():
        ax.plot(px, py, "ko", ms=5)
        ax.annotate(label, (px, py), textcoords="offset points", xytext=(5, 4), fontsize=11)
    ax.set_xlim(natural - 4, natural + 4.5)
    ax.set_ylim(low - 4, low + shift + slope * 3.6)
    ax.set_xticks(np.arange(natural - 4, natural + 5, 1))
    ax.grid(True, ls=":", color="lightgray")
    ax.set_title(title, fontsize=10)
    _save(fig, name)


if __name__ == "__main__":
    ppc()
    ad_as()
    money_market()
    # MC item: natural rate 5 %, W (5, 2), X (3, 5), Y (5, 5), Z (7, 2).
    phillips("phillips_mc.png", 5, 2, 1.5, 3,
             {"W": (5, 2), "X": (3, 5), "Y": (5, 5), "Z": (7, 2)}, "Phillips curves")
    # Free-response item: natural rate 6 %, J (6, 1), K (4, 3), L (6, 3).
    phillips("phillips_fr.png", 6, 1, 1.0, 2,
             {"J": (6, 1), "K": (4, 3), "L": (6, 3)}, "Country Pavia: Phillips curves")
