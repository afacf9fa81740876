"""Draw the original figures of the AP Chemistry practice pack (invented data throughout).

Run from anywhere: ``python exams/ap-chemistry/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


def titration_curve() -> None:
    """25.00 mL of 0.0800 M weak acid HA (Ka = 1.8e-5) titrated with 0.100 M NaOH."""
    ka, kw = 1.8e-5, 1.0e-14
    ca0, va, cb = 0.0800, 25.00, 0.100
    vols = np.linspace(0, 40, 401)
    ph = []
    for vb in vols:
        vt = va + vb
        ca, na = ca0 * va / vt, cb * vb / vt
        lo, hi = 0.0, 14.0
        for _ in range(80):  # bisection on the charge balance
            mid = (lo + hi) / 2
            h = 10.0**-mid
            excess = h + na - kw / h - ca * ka / (ka + h)
            lo, hi = (mid, hi) if excess > 0 else (lo, mid)
        ph.append((lo + hi) / 2)
    fig, ax = plt.subplots(figsize=(5.2, 3.6), dpi=100)
    ax.plot(vols, ph, color="#1f4e9c", lw=2)
    ax.set_xlabel("Volume of 0.100 M NaOH added (mL)")
    ax.set_ylabel("pH")
    ax.set_xlim(0, 40)
    ax.set_ylim(0, 14)
    ax.set_xticks(range(0, 41, 5))
    ax.set_yticks(range(0, 15, 1))
    ax.minorticks_on()
    ax.grid(which="major", alpha=0.4)
    ax.grid(which="minor", alpha=0.12)
    _save(fig, "titration_curve.png")


def energy_profile() -> None:
    """Potential energy along the reaction coordinate, uncatalyzed and catalyzed paths."""
    x = np.linspace(0, 10, 400)

    def path(peak):
        left = 50 + (peak - 50) * np.exp(-((x - 5) / 1.4) ** 2)
        right = 20 + (peak - 20) * np.exp(-((x - 5) / 1.4) ** 2)
        return np.where(x < 5, left, right)

    fig, ax = plt.subplots(figsize=(5.2, 3.6), dpi=100)
    ax.plot(x, path(120), color=INK, lw=2, label="Path 1")
    ax.plot(x, path(90), color="#c0392b", lw=2, ls="--", label="Path 2")
    ax.set_xlabel("Reaction progress")
    ax.set_ylabel("Potential energy (kJ/mol)")
    ax.set_xticks([])
    ax.set_ylim(0, 140)
    ax.set_yticks(range(0, 141, 10))
    ax.grid(axis="y", alpha=0.35)
    ax.text(0.3, 53, "reactants", fontsize=8)
    ax.text(8.3, 23, "products", fontsize=8)
    ax.legend(loc="upper right", frameon=False)
    _save(fig, "energy_profile.png")


def pes_spectrum() -> None:
    """Photoelectron spectrum with five peaks (relative heights 2, 2, 6, 2, 3)."""
    peaks = [(209.0, 2), (18.7, 2), (13.5, 6), (1.95, 2), (1.01, 3)]
    fig, ax = plt.subplots(figsize=(5.6, 3.2), dpi=100)
    xs = np.logspace(np.log10(0.5), np.log10(400), 3000)
    y = np.zeros_like(xs)
    for be, h in peaks:
        y += h * np.exp(-((np.log10(xs) - np.log10(be)) / 0.012) ** 2)
    ax.plot(xs, y, color=INK, lw=1.5)
    ax.set_xscale("log")
    ax.set_xlim(400, 0.5)
    ax.set_ylim(0, 7)
    ax.set_xticks([300, 100, 30, 10, 3, 1])
    ax.set_xticklabels(["300", "100", "30", "10", "3", "1"])
    ax.set_xlabel("Binding energy (MJ/mol), logarithmic scale")
    ax.set_ylabel("Relative number of electrons")
    ax.set_yticks(range(0, 8))
    for be, h in peaks:
        ax.text(be, h + 0.25, f"{be:g}", ha="center", fontsize=8)
    ax.grid(alpha=0.3)
    _save(fig, "pes_spectrum.png")


def speed_distribution() -> None:
    """Distributions of molecular speeds of one gas at temperatures T1 and T2."""
    v = np.linspace(0, 2000, 500)

    def mb(a):
        f = v**2 * np.exp(-(v / a) ** 2)
        return f / np.trapezoid(f, v)

    fig, ax = plt.subplots(figsize=(5.2, 3.4), dpi=100)
    ax.plot(v, mb(400), color="#1f77b4", lw=2, label="$T_1$")
    ax.plot(v, mb(650), color="#d62728", lw=2, ls="--", label="$T_2$")
    ax.axvline(1000, color="#555555", ls=":", lw=1.2)
    ax.text(1010, 0.0019, "$v^*$", fontsize=10)
    ax.set_xlabel("Molecular speed (m/s)")
    ax.set_ylabel("Fraction of molecules")
    ax.set_yticks([])
    ax.legend(frameon=False)
    _save(fig, "speed_distribution.png")


def beer_law() -> None:
    """Calibration line: absorbance of five standard solutions of a dye."""
    c = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    a = np.array([0.152, 0.298, 0.451, 0.603, 0.748])
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(c, a, "o", color="#6a3d9a")
    ax.plot([0, 5.5], [0, 0.825], color="#6a3d9a", lw=1)
    ax.set_xlabel("Concentration of dye (× 10$^{-4}$ M)")
    ax.set_ylabel("Absorbance at 520 nm")
    ax.set_xlim(0, 5.5)
    ax.set_ylim(0, 0.9)
    ax.set_yticks(np.arange(0, 0.91, 0.15))
    ax.grid(alpha=0.35)
    _save(fig, "beer_calibration.png")


def particle_box() -> None:
    """A 1.0 L vessel at equilibrium: three X2 molecules and six X atoms (1 particle = 0.10 mol)."""
    fig, ax = plt.subplots(figsize=(3.8, 3.4), dpi=100)
    ax.set_xlim(0, 10)
    ax.set_ylim(-1.2, 9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Rectangle((0.3, 0.3), 9.4, 8.4, fill=False, lw=2, ec=INK))
    pairs = [(2.0, 7.0, 0.3), (6.5, 5.2, -0.6), (3.2, 2.0, 1.2)]
    for x, y, ang in pairs:
        dx, dy = 0.42 * np.cos(ang), 0.42 * np.sin(ang)
        ax.add_patch(Circle((x - dx, y - dy), 0.45, fc="#3c78d8", ec=INK))
        ax.add_patch(Circle((x + dx, y + dy), 0.45, fc="#3c78d8", ec=INK))
    for x, y in [(5.0, 7.6), (8.3, 7.3), (1.5, 4.6), (4.4, 4.4), (8.2, 2.4), (6.0, 1.3)]:
        ax.add_patch(Circle((x, y), 0.45, fc="#3c78d8", ec=INK))
    ax.text(5, -0.7, "key: each sphere = one X atom", ha="center", fontsize=8)
    _save(fig, "particle_equilibrium.png")


def structure() -> None:
    """Structural formula with four numbered carbon atoms."""
    fig, ax = plt.subplots(figsize=(5.4, 2.4), dpi=100)
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 5)
    ax.set_aspect("equal")
    ax.axis("off")
    atoms = {"H": (0.6, 2.5), "C1": (2.0, 2.5), "C2": (4.0, 2.5), "C3": (6.0, 2.5),
             "C4": (8.0, 2.5), "O": (9.4, 3.9), "H4": (9.4, 1.1), "H3a": (6.0, 4.1),
             "H3b": (6.0, 0.9)}
    text = {"H": "H", "C1": "C", "C2": "C", "C3": "C", "C4": "C", "O": "O", "H4": "H",
            "H3a": "H", "H3b": "H"}
    for k, (x, y) in atoms.items():
        ax.text(x, y, text[k], ha="center", va="center", fontsize=15,
                bbox={"boxstyle": "circle,pad=0.1", "fc": "white", "ec": "none"})
    for k, n in (("C1", "1"), ("C2", "2"), ("C3", "3"), ("C4", "4")):
        x, y = atoms[k]
        ax.text(x + 0.32, y - 0.55, n, fontsize=9, color="#c0392b", weight="bold")

    def bond(a, b, order=1):
        (x0, y0), (x1, y1) = atoms[a], atoms[b]
        d = np.array([x1 - x0, y1 - y0])
        u = d / np.linalg.norm(d)
        p0, p1 = np.array([x0, y0]) + 0.38 * u, np.array([x1, y1]) - 0.38 * u
        nrm = np.array([-u[1], u[0]])
        offs = {1: [0.0], 2: [-0.11, 0.11], 3: [-0.17, 0.0, 0.17]}[order]
        for o in offs:
            q0, q1 = p0 + o * nrm, p1 + o * nrm
            ax.plot([q0[0], q1[0]], [q0[1], q1[1]], color=INK, lw=1.6)

    bond("H", "C1")
    bond("C1", "C2", 3)
    bond("C2", "C3")
    bond("C3", "C4")
    bond("C4", "O", 2)
    bond("C4", "H4")
    bond("C3", "H3a")
    bond("C3", "H3b")
    _save(fig, "structure.png")


def galvanic_cell() -> None:
    """Two half-cells joined by a salt bridge and a voltmeter."""
    fig, ax = plt.subplots(figsize=(5.4, 3.6), dpi=100)
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 8)
    ax.axis("off")
    for x0, metal, sol in ((0.8, "Ni", "1.0 M Ni(NO$_3$)$_2$"), (7.2, "Ag", "1.0 M AgNO$_3$")):
        ax.add_patch(Rectangle((x0, 0.5), 4.0, 3.8, fill=False, lw=2, ec=INK))
        ax.add_patch(Rectangle((x0 + 0.05, 0.55), 3.9, 2.9, fc="#d6eaf8", ec="none"))
        ax.add_patch(Rectangle((x0 + 1.6, 1.2), 0.8, 4.2, fc="#b0b0b0", ec=INK))
        ax.text(x0 + 2.0, 5.6, metal, ha="center", fontsize=11, weight="bold")
        ax.text(x0 + 2.0, 0.05, sol, ha="center", fontsize=8)
    ax.plot([3.6, 3.6, 8.4, 8.4], [2.6, 4.9, 4.9, 2.6], color="#a0522d", lw=9, alpha=0.5)
    ax.text(6.0, 5.2, "salt bridge (KNO$_3$)", ha="center", fontsize=8)
    ax.plot([2.8, 2.8, 5.2], [5.4, 7.2, 7.2], color=INK, lw=1.5)
    ax.plot([6.8, 9.2, 9.2], [7.2, 7.2, 5.4], color=INK, lw=1.5)
    ax.add_patch(FancyBboxPatch((5.2, 6.8), 1.6, 0.8, boxstyle="round,pad=0.05",
                                fc="white", ec=INK))
    ax.text(6.0, 7.2, "V", ha="center", va="center", fontsize=11)
    _save(fig, "galvanic_cell.png")


def kinetics_plot() -> None:
    """ln[A] against time for the decomposition of A at 300 K (straight line)."""
    t = np.array([0, 100, 200, 300, 400, 500])
    k = 2.31e-3
    ln_a = np.log(0.800) - k * t
    fig, ax = plt.subplots(figsize=(5.0, 3.4), dpi=100)
    ax.plot(t, ln_a, "o-", color="#2c7a2c")
    ax.set_xlabel("Time (s)")
    ax.set_ylabel("ln [A]")
    ax.set_xlim(0, 520)
    ax.set_ylim(-1.6, 0)
    ax.set_yticks(np.arange(-1.6, 0.01, 0.2))
    ax.grid(alpha=0.35)
    _save(fig, "first_order_plot.png")


def main() -> None:
    titration_curve()
    energy_profile()
    pes_spectrum()
    speed_distribution()
    beer_law()
    particle_box()
    structure()
    galvanic_cell()
    kinetics_plot()


if __name__ == "__main__":
    main()
