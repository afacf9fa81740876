"""Draw the figures of the AP Statistics practice pack.

Run from anywhere: ``python exams/ap-statistics/assets/make_figures.py``.
All data are invented for the pack and written out below, so the figures, the computer
output and the answer keys agree; the script prints the fitted values it draws.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent

CAR_WEIGHT = [2.11, 2.16, 2.24, 2.40, 2.48, 2.67, 2.80, 3.26, 3.49, 3.65, 3.74, 3.81, 4.06,
              4.08, 4.26, 4.39, 4.41, 4.44, 4.45, 3.00]
CAR_MPG = [34.3, 38.8, 27.0, 35.0, 34.5, 30.3, 30.8, 30.8, 32.6, 22.5, 21.2, 24.3, 22.8,
           20.9, 19.9, 20.2, 19.9, 22.6, 21.8, 31.0]
TREE_AGE = [5, 8, 10, 12, 15, 18, 20, 24, 28, 32, 36, 40]
TREE_DIAMETER = [13.3, 19.0, 22.0, 24.7, 29.3, 32.7, 35.8, 40.7, 42.3, 44.2, 46.3, 46.5]
BRAND_K = [24, 26, 27, 28, 28, 29, 30, 30, 30, 31, 32, 32, 33, 34, 36]
BRAND_L = [20, 22, 23, 24, 25, 26, 26, 27, 28, 29, 31, 33, 36, 40, 45]
# Randomization distribution: difference in proportions -> number of simulated trials.
SIM_DIFFS = {-0.20: 2, -0.15: 4, -0.10: 11, -0.05: 18, 0.00: 24, 0.05: 19, 0.10: 18,
             0.15: 3, 0.20: 1}


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def _fit(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = len(x)
    b, a = np.polyfit(x, y, 1)
    res = y - (a + b * x)
    s = np.sqrt((res**2).sum() / (n - 2))
    sxx = ((x - x.mean()) ** 2).sum()
    se_b = s / np.sqrt(sxx)
    se_a = s * np.sqrt(1 / n + x.mean() ** 2 / sxx)
    r2 = 1 - (res**2).sum() / ((y - y.mean()) ** 2).sum()
    r2_adj = 1 - (1 - r2) * (n - 1) / (n - 2)
    return a, b, se_a, se_b, s, r2, r2_adj, res


def _output_table(ax, predictor: str, fit) -> None:
    a, b, se_a, se_b, s, r2, r2_adj, _ = fit
    ax.axis("off")
    rows = [
        ("Predictor", "Coef", "SE Coef", "T", "P"),
        ("Constant", f"{a:.3f}", f"{se_a:.3f}", f"{a / se_a:.2f}", "0.000"),
        (predictor, f"{b:.3f}", f"{se_b:.3f}", f"{b / se_b:.2f}", "0.000"),
    ]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            ax.text(0.02 + j * 0.2, 0.85 - i * 0.2, cell, family="monospace", fontsize=9,
                    transform=ax.transAxes)
    ax.text(0.02, 0.15, f"S = {s:.3f}   R-Sq = {100 * r2:.1f}%   R-Sq(adj) = {100 * r2_adj:.1f}%",
            family="monospace", fontsize=9, transform=ax.transAxes)


def histogram() -> None:
    fig, ax = plt.subplots(figsize=(4.6, 3.2), dpi=100)
    counts = [6, 14, 12, 8, 5, 3, 2]
    ax.bar([5 + 10 * i for i in range(7)], counts, width=10, edgecolor="black", color="lightgray")
    ax.set_xticks(range(0, 80, 10))
    ax.set_yticks(range(0, 16, 2))
    ax.set_xlabel("One-way commute time (minutes)")
    ax.set_ylabel("Number of employees")
    ax.set_title("Commute times of 50 employees", fontsize=10)
    ax.grid(True, axis="y", ls=":", color="lightgray")
    _save(fig, "commute_histogram.png")


def boxplots() -> None:
    fig, ax = plt.subplots(figsize=(4.8, 2.8), dpi=100)
    stats = [
        {"label": "Class Q", "whislo": 60, "q1": 72, "med": 79, "q3": 84, "whishi": 90,
         "fliers": [41]},
        {"label": "Class P", "whislo": 52, "q1": 68, "med": 75, "q3": 82, "whishi": 95,
         "fliers": []},
    ]
    ax.bxp(stats, orientation="horizontal", showfliers=True, widths=0.5,
           flierprops={"marker": "*", "markersize": 8, "markerfacecolor": "black"},
           medianprops={"color": "black"})
    ax.set_xticks(range(40, 101, 5))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(True, axis="x", ls=":", color="lightgray")
    ax.set_xlabel("Test score")
    ax.set_title("Scores on the same test in two classes", fontsize=10)
    _save(fig, "class_boxplots.png")


def simulation_dotplot() -> None:
    fig, ax = plt.subplots(figsize=(4.8, 3.2), dpi=100)
    for x, k in SIM_DIFFS.items():
        ax.plot([x] * k, range(1, k + 1), "ko", ms=3)
    ax.set_xticks([-0.25, -0.20, -0.15, -0.10, -0.05, 0, 0.05, 0.10, 0.15, 0.20, 0.25])
    ax.tick_params(axis="x", labelsize=8)
    ax.set_yticks([])
    ax.set_xlim(-0.28, 0.28)
    ax.set_xlabel("Simulated difference in proportions (treatment - control)")
    ax.set_title("100 random reassignments, assuming no treatment effect", fontsize=9)
    for s in ("left", "right", "top"):
        ax.spines[s].set_visible(False)
    _save(fig, "simulation_dotplot.png")


def car_regression() -> None:
    fit = _fit(CAR_WEIGHT, CAR_MPG)
    fig = plt.figure(figsize=(5.2, 4.6), dpi=100)
    ax = fig.add_axes([0.13, 0.42, 0.82, 0.5])
    ax.plot(CAR_WEIGHT, CAR_MPG, "ko", ms=4)
    xs = np.linspace(2.0, 4.6, 10)
    ax.plot(xs, fit[0] + fit[1] * xs, color="black", lw=1)
    ax.set_xlabel("Weight (thousands of pounds)")
    ax.set_ylabel("Fuel efficiency (mpg)")
    ax.set_title("20 car models", fontsize=10)
    ax.grid(True, ls=":", color="lightgray")
    table = fig.add_axes([0.02, 0.0, 0.96, 0.3])
    _output_table(table, "Weight", fit)
    fig.savefig(HERE / "car_regression.png", dpi=100)
    plt.close(fig)
    print("cars: a={:.3f} b={:.3f} se_a={:.3f} se_b={:.3f} s={:.3f} r2={:.3f}".format(*fit[:6]))


def tree_regression() -> None:
    fit = _fit(TREE_AGE, TREE_DIAMETER)
    fig = plt.figure(figsize=(5.2, 6.6), dpi=100)
    ax = fig.add_axes([0.13, 0.62, 0.82, 0.33])
    ax.plot(TREE_AGE, TREE_DIAMETER, "ko", ms=4)
    xs = np.linspace(0, 42, 10)
    ax.plot(xs, fit[0] + fit[1] * xs, color="black", lw=1)
    ax.set_xlabel("Age (years)")
    ax.set_ylabel("Trunk diameter (cm)")
    ax.set_title("12 oak trees", fontsize=10)
    ax.grid(True, ls=":", color="lightgray")
    rax = fig.add_axes([0.13, 0.27, 0.82, 0.25])
    rax.plot(TREE_AGE, fit[7], "ko", ms=4)
    rax.axhline(0, color="black", lw=1)
    rax.set_xlabel("Age (years)")
    rax.set_ylabel("Residual (cm)")
    rax.set_ylim(-6, 6)
    rax.grid(True, ls=":", color="lightgray")
    table = fig.add_axes([0.02, 0.0, 0.96, 0.18])
    _output_table(table, "Age", fit)
    fig.savefig(HERE / "tree_regression.png", dpi=100)
    plt.close(fig)
    print("trees: a={:.3f} b={:.3f} se_a={:.3f} se_b={:.3f} s={:.3f} r2={:.3f}".format(*fit[:6]))


def battery_dotplots() -> None:
    fig, axes = plt.subplots(2, 1, figsize=(4.8, 3.2), dpi=100, sharex=True)
    for ax, data, name in [(axes[0], BRAND_K, "Brand K"), (axes[1], BRAND_L, "Brand L")]:
        seen: dict[int, int] = {}
        for v in data:
            seen[v] = seen.get(v, 0) + 1
            ax.plot(v, seen[v], "ko", ms=4)
        ax.set_yticks([])
        ax.set_ylim(0, 4)
        ax.set_ylabel(name, rotation=0, ha="right", va="center")
        for s in ("left", "right", "top"):
            ax.spines[s].set_visible(False)
    axes[1].set_xticks(range(18, 48, 2))
    axes[1].tick_params(axis="x", labelsize=8)
    axes[1].set_xlabel("Battery lifetime (hours)")
    axes[0].set_title("Lifetimes of 15 batteries of each brand", fontsize=10)
    _save(fig, "battery_dotplots.png")


def ratio_simulation() -> None:
    rng = np.random.default_rng(2024)
    ratios = []
    for _ in range(100):
        sample = rng.normal(500, 5, 10)
        ratios.append(sample.mean() / np.median(sample))
    values = np.round(np.array(ratios), 3)
    fig, ax = plt.subplots(figsize=(4.8, 3.0), dpi=100)
    seen: dict[float, int] = {}
    for v in values:
        seen[v] = seen.get(v, 0) + 1
        ax.plot(v, seen[v], "ko", ms=3)
    ax.set_xlim(0.990, 1.012)
    ax.set_xticks(np.round(np.arange(0.990, 1.0121, 0.002), 3))
    ax.tick_params(axis="x", labelsize=7)
    ax.set_yticks([])
    ax.set_xlabel("Simulated value of R = mean / median")
    ax.set_title("100 samples of size 10 from a normal population", fontsize=9)
    for s in ("left", "right", "top"):
        ax.spines[s].set_visible(False)
    _save(fig, "ratio_simulation.png")
    print(f"ratio: min={values.min():.4f} max={values.max():.4f}")


if __name__ == "__main__":
    histogram()
    boxplots()
    simulation_dotplot()
    car_regression()
    tree_regression()
    battery_dotplots()
    ratio_simulation()
