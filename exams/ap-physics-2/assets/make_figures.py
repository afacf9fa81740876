"""Draw the figures of the AP Physics 2 practice pack.

Run from anywhere: ``python exams/ap-physics-2/assets/make_figures.py``.
Each figure is an original drawing; labeled values are the data the items use.
"""

from itertools import pairwise
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


def _blank(size=(4.8, 3.4)):
    fig, ax = plt.subplots(figsize=size, dpi=100)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


# --- circuit symbols on a grid; each draws between two points -----------------------------


def wire(ax, *pts):
    xs, ys = zip(*pts, strict=True)
    ax.plot(xs, ys, color="black", lw=1.5)


def resistor(ax, p, q, label, offset=(0.0, 0.35)):
    (x0, y0), (x1, y1) = p, q
    n = 6
    t = np.linspace(0.2, 0.8, 2 * n + 1)
    d = np.array([x1 - x0, y1 - y0])
    length = np.hypot(*d)
    u = d / length
    perp = np.array([-u[1], u[0]])
    pts = [np.array(p) + u * length * ti + perp * (0.15 * (-1) ** i if 0 < i < 2 * n else 0)
           for i, ti in enumerate(t)]
    wire(ax, p, tuple(pts[0]))
    wire(ax, *[tuple(pt) for pt in pts])
    wire(ax, tuple(pts[-1]), q)
    mid = (np.array(p) + np.array(q)) / 2
    ax.text(mid[0] + offset[0], mid[1] + offset[1], label, ha="center", va="center", fontsize=10)


def battery(ax, p, q, label, offset=(-0.8, 0.0)):
    """Vertical battery from p (bottom, negative) to q (top, positive)."""
    (x, y0), (_, y1) = p, q
    ym = (y0 + y1) / 2
    wire(ax, p, (x, ym - 0.1))
    wire(ax, (x, ym + 0.1), q)
    ax.plot([x - 0.35, x + 0.35], [ym + 0.1, ym + 0.1], color="black", lw=1.5)
    ax.plot([x - 0.18, x + 0.18], [ym - 0.1, ym - 0.1], color="black", lw=3)
    ax.text(x + 0.45, ym + 0.12, "+", fontsize=9)
    ax.text(x + offset[0], ym + offset[1], label, ha="center", va="center", fontsize=10)


def capacitor(ax, p, q, label, offset=(0.55, 0.0)):
    """Vertical capacitor between p (bottom) and q (top)."""
    (x, y0), (_, y1) = p, q
    ym = (y0 + y1) / 2
    wire(ax, p, (x, ym - 0.1))
    wire(ax, (x, ym + 0.1), q)
    for yy in (ym - 0.1, ym + 0.1):
        ax.plot([x - 0.3, x + 0.3], [yy, yy], color="black", lw=2)
    ax.text(x + offset[0], ym + offset[1], label, ha="left", va="center", fontsize=10)


def switch(ax, p, q, label):
    """Horizontal open switch from p to q."""
    (x0, y), (x1, _) = p, q
    a, b = x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0)
    wire(ax, p, (a, y))
    wire(ax, (b, y), q)
    ax.plot([a, b - 0.05], [y, y + 0.3], color="black", lw=1.5)
    ax.plot([a, b], [y, y], "o", color="black", ms=3)
    ax.text((a + b) / 2, y + 0.5, label, ha="center", fontsize=10)


def bulb(ax, center, label, offset=(0.0, 0.5)):
    x, y = center
    ax.add_patch(plt.Circle((x, y), 0.25, fill=False, lw=1.5))
    ax.plot([x - 0.18, x + 0.18], [y - 0.18, y + 0.18], color="black", lw=1)
    ax.plot([x - 0.18, x + 0.18], [y + 0.18, y - 0.18], color="black", lw=1)
    ax.text(x + offset[0], y + offset[1], label, ha="center", va="center", fontsize=10)


# --- figures ------------------------------------------------------------------------------


def pipe() -> None:
    fig, ax = _blank((5.2, 2.4))
    top = [(0, 1.6), (3, 1.6), (4, 1.0), (7, 1.0)]
    bottom = [(0, -1.6), (3, -1.6), (4, -1.0), (7, -1.0)]
    wire(ax, *top)
    wire(ax, *bottom)
    ax.annotate("", xy=(2.2, 0), xytext=(0.6, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    ax.annotate("", xy=(6.6, 0), xytext=(4.6, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    ax.text(1.4, 0.45, "$v_1 = 2.0$ m/s", ha="center", fontsize=9)
    ax.text(1.4, -0.9, "$A_1 = 0.020$ m$^2$", ha="center", fontsize=9)
    ax.text(5.6, 0.35, "$v_2$ = ?", ha="center", fontsize=9)
    ax.text(5.6, -0.6, "$A_2 = 0.0050$ m$^2$", ha="center", fontsize=9)
    ax.text(3.5, 2.0, "Horizontal pipe carrying water (1000 kg/m$^3$)", ha="center", fontsize=9)
    ax.set_xlim(-0.2, 7.2)
    ax.set_ylim(-1.9, 2.4)
    _save(fig, "pipe.png")


def pv_cycle() -> None:
    fig, ax = plt.subplots(figsize=(4.6, 3.6), dpi=100)
    pts = {"A": (0.010, 1.0), "B": (0.030, 1.0), "C": (0.010, 3.0)}
    order = ["A", "B", "C", "A"]
    for a, b in pairwise(order):
        (x0, y0), (x1, y1) = pts[a], pts[b]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-", "lw": 1.6})
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        ax.annotate("", xy=(xm + (x1 - x0) * 0.05, ym + (y1 - y0) * 0.05), xytext=(xm, ym),
                    arrowprops={"arrowstyle": "-|>", "lw": 1.4, "color": "black"})
    for name, (x, y) in pts.items():
        ax.plot(x, y, "ko", ms=4)
        ax.annotate(name, (x, y), textcoords="offset points", xytext=(6, 4), fontsize=11)
    ax.set_xlim(0, 0.04)
    ax.set_ylim(0, 3.5)
    ax.set_xticks([0, 0.010, 0.020, 0.030, 0.040])
    ax.set_yticks([0, 1, 2, 3])
    ax.grid(True, ls=":", color="lightgray")
    ax.set_xlabel("Volume (m$^3$)")
    ax.set_ylabel("Pressure (10$^5$ Pa)")
    ax.set_title("Cycle of an ideal gas", fontsize=10)
    _save(fig, "pv_cycle.png")


def equipotentials() -> None:
    fig, ax = plt.subplots(figsize=(4.8, 3.4), dpi=100)
    for x, v in [(2, 40), (4, 30), (6, 20), (8, 10)]:
        ax.axvline(x, color="black", ls="--", lw=1.2)
        ax.text(x, 6.3, f"{v} V", ha="center", fontsize=10)
    ax.plot(5, 3, "ko", ms=5)
    ax.text(5.15, 3.2, "P", fontsize=11)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    ax.set_xticks(range(0, 11))
    ax.set_yticks(range(0, 7))
    ax.grid(True, ls=":", color="lightgray")
    ax.set_xlabel("x (cm)")
    ax.set_ylabel("y (cm)")
    ax.set_title("Equipotential lines", fontsize=10, pad=18)
    _save(fig, "equipotentials.png")


def circuit_mc() -> None:
    fig, ax = _blank((4.6, 3.0))
    battery(ax, (0, 0), (0, 3), "12 V")
    resistor(ax, (0, 3), (3, 3), "4 Ω")
    resistor(ax, (3, 3), (6, 3), "6 Ω")
    resistor(ax, (3, 1.5), (6, 1.5), "3 Ω", offset=(0, -0.4))
    wire(ax, (3, 3), (3, 1.5))
    wire(ax, (6, 3), (6, 1.5))
    wire(ax, (6, 1.5), (6, 0), (0, 0))
    ax.set_xlim(-1.3, 6.6)
    ax.set_ylim(-0.4, 3.7)
    _save(fig, "circuit.png")


def rc_circuit() -> None:
    fig, ax = _blank((4.8, 3.0))
    battery(ax, (0, 0), (0, 3), "9.0 V")
    switch(ax, (0, 3), (1.6, 3), "S")
    resistor(ax, (1.6, 3), (4.0, 3), "$R_1$ = 2.0 kΩ")
    wire(ax, (4.0, 3), (5.5, 3))
    resistor(ax, (4.0, 3), (4.0, 0), "$R_2$ = 1.0 kΩ", offset=(-1.0, 0))
    capacitor(ax, (5.5, 0), (5.5, 3), "C = 10 μF")
    wire(ax, (5.5, 0), (0, 0))
    ax.set_xlim(-1.5, 7.4)
    ax.set_ylim(-0.4, 3.9)
    _save(fig, "rc_circuit.png")


def wires() -> None:
    fig, ax = _blank((4.6, 2.4))
    for x, kind, label in [(0, "out", "Wire 1"), (6, "in", "Wire 2")]:
        ax.add_patch(plt.Circle((x, 0), 0.35, fill=False, lw=1.5))
        if kind == "out":
            ax.plot(x, 0, "ko", ms=4)
        else:
            ax.plot([x - 0.22, x + 0.22], [-0.22, 0.22], color="black")
            ax.plot([x - 0.22, x + 0.22], [0.22, -0.22], color="black")
        ax.text(x, -0.9, label, ha="center", fontsize=10)
        ax.text(x, 0.65, "I", ha="center", fontsize=10)
    ax.plot(3, 0, "ko", ms=4)
    ax.text(3, 0.35, "P", ha="center", fontsize=11)
    ax.plot([0.5, 2.8], [-0.45, -0.45], color="gray", lw=0.8)
    ax.plot([3.2, 5.5], [-0.45, -0.45], color="gray", lw=0.8)
    ax.text(1.65, -0.8, "d", ha="center", fontsize=9, color="gray")
    ax.text(4.35, -0.8, "d", ha="center", fontsize=9, color="gray")
    ax.set_xlim(-1, 7)
    ax.set_ylim(-1.3, 1.6)
    _save(fig, "wires.png")


def lens() -> None:
    fig, ax = plt.subplots(figsize=(5.2, 2.6), dpi=100)
    ax.axhline(0, color="gray", lw=0.8)
    ax.annotate("", xy=(0, 2.4), xytext=(0, -2.4), arrowprops={"arrowstyle": "<->", "lw": 1.6})
    for f in (-10, 10):
        ax.plot(f, 0, "k|", ms=10)
        ax.text(f, -0.7, "F", ha="center", fontsize=10)
    ax.annotate("", xy=(-15, 1.2), xytext=(-15, 0), arrowprops={"arrowstyle": "-|>", "lw": 1.8})
    ax.text(-15, 1.45, "object", ha="center", fontsize=9)
    ax.set_xlim(-40, 40)
    ax.set_ylim(-2.8, 2.8)
    ax.set_xticks(range(-40, 41, 5))
    ax.set_yticks([])
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("Position along the axis (cm); thin converging lens at 0")
    for s in ("left", "right", "top"):
        ax.spines[s].set_visible(False)
    _save(fig, "lens.png")


def photoelectric() -> None:
    fig, ax = plt.subplots(figsize=(4.6, 3.4), dpi=100)
    h = 4.14e-15
    f = np.array([6.0, 7.0, 8.0, 9.0, 10.0])
    k = h * f * 1e14 - 2.07
    ax.plot(f, k, "ko", ms=4)
    line = np.linspace(5.0, 10.5, 10)
    ax.plot(line, h * line * 1e14 - 2.07, color="black", lw=1)
    ax.set_xlim(0, 11)
    ax.set_ylim(-2.5, 2.5)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(range(0, 12))
    ax.set_yticks([-2, -1, 0, 1, 2])
    ax.grid(True, ls=":", color="lightgray")
    ax.set_xlabel("Frequency of light (10$^{14}$ Hz)")
    ax.set_ylabel("Maximum kinetic energy (eV)")
    ax.set_title("Photoelectrons from metal M", fontsize=10)
    _save(fig, "photoelectric.png")


def levels() -> None:
    fig, ax = plt.subplots(figsize=(3.6, 3.6), dpi=100)
    for n, e in [(1, -10.0), (2, -6.0), (3, -4.0), (4, -1.0)]:
        ax.plot([0, 1], [e, e], color="black", lw=1.5)
        ax.text(1.05, e, f"n = {n}", va="center", fontsize=9)
        ax.text(-0.05, e, f"{e:.1f} eV", va="center", ha="right", fontsize=9)
    ax.plot([0, 1], [0, 0], color="gray", ls="--", lw=1)
    ax.text(1.05, 0, "0 (ionized)", va="center", fontsize=8, color="gray")
    ax.set_xlim(-0.7, 1.7)
    ax.set_ylim(-11, 1)
    ax.axis("off")
    ax.set_title("Energy levels of atom X", fontsize=10)
    _save(fig, "levels.png")


def bulbs() -> None:
    fig, ax = _blank((4.8, 3.0))
    battery(ax, (0, 0), (0, 3), "ε")
    wire(ax, (0, 3), (1.2, 3))
    bulb(ax, (1.5, 3), "A")
    wire(ax, (1.8, 3), (3, 3))
    wire(ax, (3, 3), (3, 1.75))
    wire(ax, (3, 1.25), (3, 0.0))
    bulb(ax, (3, 1.5), "B", offset=(-0.6, 0))
    wire(ax, (3, 3), (5.5, 3))
    bulb(ax, (5.5, 1.5), "C", offset=(0.6, 0))
    wire(ax, (5.5, 3), (5.5, 1.75))
    wire(ax, (5.5, 1.25), (5.5, 0.9))
    ax.plot([5.5, 5.5], [0.9, 0.9], "ko", ms=3)
    ax.plot([5.5, 5.8], [0.9, 0.45], color="black", lw=1.5)
    ax.plot([5.5], [0.3], "ko", ms=3)
    ax.text(5.95, 0.6, "S", fontsize=10)
    wire(ax, (5.5, 0.3), (5.5, 0), (0, 0))
    ax.set_xlim(-1.2, 6.6)
    ax.set_ylim(-0.4, 3.6)
    _save(fig, "bulbs.png")


def plates() -> None:
    fig, ax = _blank((5.0, 3.0))
    ax.plot([0, 0], [0, 3], color="black", lw=3)
    ax.plot([1.5, 1.5], [0, 1.4], color="black", lw=3)
    ax.plot([1.5, 1.5], [1.6, 3], color="black", lw=3)
    ax.text(-0.15, 3.2, "+", fontsize=12, ha="center")
    ax.text(1.5, 3.2, "−", fontsize=12, ha="center")
    ax.plot(0.12, 1.5, "ko", ms=5)
    ax.text(0.2, 1.75, "p", fontsize=10)
    ax.annotate("", xy=(1.5, -0.25), xytext=(0, -0.25), arrowprops={"arrowstyle": "<->"})
    ax.text(0.75, -0.55, "2.0 mm (not to scale)", ha="center", fontsize=8)
    ax.text(0.75, 3.55, "ΔV = 500 V", ha="center", fontsize=9)
    for x in np.arange(2.3, 5.6, 0.6):
        for y in np.arange(0.3, 3.0, 0.6):
            ax.text(x, y, "×", ha="center", va="center", fontsize=9)
    ax.text(3.9, 3.35, "B = 0.10 T, into the page", ha="center", fontsize=9)
    ax.plot([1.5, 1.5], [1.4, 1.6], color="white", lw=3)
    ax.set_xlim(-0.6, 5.9)
    ax.set_ylim(-0.8, 3.8)
    _save(fig, "plates.png")


if __name__ == "__main__":
    pipe()
    pv_cycle()
    equipotentials()
    circuit_mc()
    rc_circuit()
    wires()
    lens()
    photoelectric()
    levels()
    bulbs()
    plates()
