"""Draw the figure of the AP World History practice pack.

Run from anywhere: ``python exams/ap-world-history/assets/make_figures.py``.
Data: estimated shares of world manufacturing output, adapted from Paul Bairoch,
"International Industrialization Levels from 1750 to 1980", Journal of European
Economic History 11 (1982), as widely reprinted.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent

YEARS = [1750, 1800, 1830, 1860, 1880, 1900]
SHARES = {  # percent of world manufacturing output
    "China": [32.8, 33.3, 29.8, 19.7, 12.5, 6.2],
    "India": [24.5, 19.7, 17.6, 8.6, 2.8, 1.7],
    "United Kingdom": [1.9, 4.3, 9.5, 19.9, 22.9, 18.5],
    "United States": [0.1, 0.8, 2.4, 7.2, 14.7, 23.6],
}


def manufacturing_chart() -> None:
    fig, ax = plt.subplots(figsize=(6.0, 3.8), dpi=100)
    x = np.arange(len(YEARS))
    width = 0.2
    hatches = ["", "//", "..", "xx"]
    for i, (name, values) in enumerate(SHARES.items()):
        bars = ax.bar(x + (i - 1.5) * width, values, width, label=name, color="white",
                      edgecolor="black", hatch=hatches[i])
        for bar, v in zip(bars, values, strict=True):
            ax.text(bar.get_x() + bar.get_width() / 2, v + 0.6, f"{v:g}", ha="center",
                    fontsize=6.5, rotation=90)
    ax.set_xticks(x)
    ax.set_xticklabels(YEARS)
    ax.set_ylim(0, 40)
    ax.set_ylabel("Percent of world manufacturing output")
    ax.legend(fontsize=7, ncol=2, loc="upper right")
    ax.set_title("Estimated shares of world manufacturing output, 1750-1900", fontsize=9)
    fig.tight_layout()
    fig.savefig(HERE / "manufacturing_shares.png", dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    manufacturing_chart()
