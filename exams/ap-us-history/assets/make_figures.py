"""Draw the figure of the AP US History practice pack.

Run from anywhere: ``python exams/ap-us-history/assets/make_figures.py``.
Data: U.S. Census Bureau, percentage of the population living in urban places
(incorporated places of 2,500 or more), decennial censuses 1790-1920.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).resolve().parent

URBAN_SHARE = {
    1790: 5.1, 1800: 6.1, 1810: 7.3, 1820: 7.2, 1830: 8.8, 1840: 10.8, 1850: 15.4,
    1860: 19.8, 1870: 25.7, 1880: 28.2, 1890: 35.1, 1900: 39.6, 1910: 45.6, 1920: 51.2,
}


def urban_chart() -> None:
    fig, ax = plt.subplots(figsize=(5.2, 3.4), dpi=100)
    years = list(URBAN_SHARE)
    values = list(URBAN_SHARE.values())
    ax.bar(years, values, width=7, color="lightgray", edgecolor="black")
    for x, v in zip(years, values, strict=True):
        ax.text(x, v + 1, f"{v:g}", ha="center", fontsize=7)
    ax.axhline(50, color="black", ls=":", lw=1)
    ax.set_xticks(years)
    ax.set_xticklabels(years, rotation=60, fontsize=8)
    ax.set_ylim(0, 60)
    ax.set_ylabel("Percent of population")
    ax.set_title("Share of the U.S. population living in urban places, 1790-1920", fontsize=9)
    ax.text(1790, 56, "Source: U.S. Census (urban = places of 2,500 or more people)", fontsize=7)
    fig.tight_layout()
    fig.savefig(HERE / "urban_share.png", dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    urban_chart()
