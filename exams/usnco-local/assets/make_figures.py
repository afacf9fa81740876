"""Draw the original figures of the USNCO local section practice pack.

Run from anywhere: ``python exams/usnco-local/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
INK = "#222222"


def _save(fig, name: str) -> None:
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", pad_inches=0.08)
    plt.close(fig)


def titration_curve() -> None:
    """25.0 mL of 0.100 M HA (Ka = 1.8e-5) titrated with 0.100 M NaOH, exact pH."""
    ka, kw, ca, va, cb = 1.8e-5, 1.0e-14, 0.100, 25.0, 0.100
    volumes = np.linspace(0, 50, 1001)
    ph = []
    for vb in volumes:
        total = va + vb
        acid = ca * va / total
        sodium = cb * vb / total
        # Charge balance [Na+] + [H+] = [A-] + [OH-], solved for [H+] by bisection on pH.
        lo, hi = 0.0, 14.0
        for _ in range(80):
            mid = (lo + hi) / 2
            h = 10**-mid
            f = sodium + h - acid * ka / (ka + h) - kw / h
            lo, hi = (mid, hi) if f > 0 else (lo, mid)
        ph.append((lo + hi) / 2)
    fig, ax = plt.subplots(figsize=(4.8, 3.4), dpi=100)
    ax.plot(volumes, ph, color=INK, lw=1.8)
    ax.set_xlabel("Volume of 0.100 M NaOH added (mL)", fontsize=9)
    ax.set_ylabel("pH", fontsize=9)
    ax.set_xlim(0, 50)
    ax.set_ylim(0, 14)
    ax.set_xticks(range(0, 51, 5))
    ax.set_yticks(range(0, 15, 1))
    ax.grid(alpha=0.35)
    ax.tick_params(labelsize=8)
    _save(fig, "titration_curve.png")


def energy_profile() -> None:
    """Energy along the reaction path, uncatalysed and catalysed."""
    fig, ax = plt.subplots(figsize=(4.8, 3.4), dpi=100)
    x = np.linspace(0, 1, 400)

    def path(peak: float) -> np.ndarray:
        base = 30 + (70 - 30) * (1 / (1 + np.exp(-(x - 0.5) * 14)))
        bump = np.exp(-((x - 0.5) / 0.12) ** 2)
        return base + (peak - 50) * bump

    ax.plot(x, path(140), color=INK, lw=1.8, label="uncatalysed")
    ax.plot(x, path(100), "--", color=INK, lw=1.8, label="catalysed")
    ax.set_xticks([])
    ax.set_yticks(range(0, 151, 10))
    ax.set_ylim(0, 150)
    ax.set_xlim(0, 1)
    ax.grid(axis="y", alpha=0.35)
    ax.set_ylabel("Potential energy (kJ/mol)", fontsize=9)
    ax.set_xlabel("Reaction progress", fontsize=9)
    ax.text(0.03, 34, "reactants", fontsize=8)
    ax.text(0.82, 74, "products", fontsize=8)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.tick_params(labelsize=8)
    _save(fig, "energy_profile.png")


if __name__ == "__main__":
    titration_curve()
    energy_profile()
