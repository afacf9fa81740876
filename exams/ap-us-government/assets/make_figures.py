"""Draw the figures of the AP US Government and Politics practice pack.

Run from anywhere: ``python exams/ap-us-government/assets/make_figures.py``.
The state of Westland, its parties and all data are invented for the pack.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent

# 6 x 6 precincts of equal population; B = Blue Party majority, G = Gold Party majority.
# Districts (numbers) hold nine precincts each.
PRECINCTS = [
    "BGBBGB",
    "BGBGBG",
    "BGBBGG",
    "GBGGGB",
    "BBBGGG",
    "GGBGGG",
]
DISTRICTS = [
    "111222",
    "112222",
    "133224",
    "133444",
    "133444",
    "133344",
]

CONFIDENCE = {  # percent with "a great deal" or "quite a lot" of confidence
    "Military": (62, 68),
    "Local government": (55, 52),
    "Supreme Court": (47, 35),
    "Presidency": (45, 30),
    "Congress": (22, 11),
}

YEARS = [2010, 2012, 2014, 2016, 2018, 2020, 2022]
TURNOUT = {
    "18-29": [22, 41, 18, 39, 31, 50, 27],
    "30-44": [37, 55, 34, 54, 45, 60, 42],
    "45-64": [52, 66, 49, 65, 58, 70, 55],
    "65 and older": [60, 71, 58, 70, 66, 74, 63],
}


def _save(fig, name: str) -> None:
    fig.tight_layout()
    fig.savefig(HERE / name, dpi=100)
    plt.close(fig)


def district_map() -> None:
    fig, ax = plt.subplots(figsize=(4.4, 4.6), dpi=100)
    n = len(PRECINCTS)
    for r, row in enumerate(PRECINCTS):
        for c, party in enumerate(row):
            y = n - 1 - r
            color = "#9ecae1" if party == "B" else "#fdd49e"
            ax.add_patch(plt.Rectangle((c, y), 1, 1, facecolor=color, edgecolor="gray", lw=0.5))
            ax.text(c + 0.5, y + 0.5, party, ha="center", va="center", fontsize=11)
    for r in range(n):
        for c in range(n):
            y = n - 1 - r
            d = DISTRICTS[r][c]
            if c + 1 < n and DISTRICTS[r][c + 1] != d:
                ax.plot([c + 1, c + 1], [y, y + 1], color="black", lw=3)
            if r + 1 < n and DISTRICTS[r + 1][c] != d:
                ax.plot([c, c + 1], [y, y], color="black", lw=3)
    ax.add_patch(plt.Rectangle((0, 0), n, n, fill=False, lw=3))
    for d, (x, y) in {"1": (0.05, 5.97), "2": (3.05, 5.97), "3": (1.05, 3.97),
                      "4": (3.05, 2.97)}.items():
        ax.text(x, y, f"District {d}", fontsize=7, va="top",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    ax.set_xlim(-0.1, n + 0.1)
    ax.set_ylim(-0.9, n + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.text(n / 2, -0.45, "B = precinct won by the Blue Party;  G = precinct won by the Gold Party",
            ha="center", fontsize=7)
    ax.set_title("Westland: proposed congressional districts\n(36 precincts of equal population)",
                 fontsize=9)
    _save(fig, "district_map.png")


def confidence_chart() -> None:
    fig, ax = plt.subplots(figsize=(5.2, 3.4), dpi=100)
    names = list(CONFIDENCE)
    y = np.arange(len(names))
    early = [CONFIDENCE[k][0] for k in names]
    late = [CONFIDENCE[k][1] for k in names]
    ax.barh(y + 0.2, early, height=0.38, color="lightgray", edgecolor="black", label="2004")
    ax.barh(y - 0.2, late, height=0.38, color="dimgray", edgecolor="black", label="2024")
    for yy, v in zip(y + 0.2, early, strict=True):
        ax.text(v + 1, yy, str(v), va="center", fontsize=8)
    for yy, v in zip(y - 0.2, late, strict=True):
        ax.text(v + 1, yy, str(v), va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels(names, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 80)
    ax.set_xlabel("Percent with a great deal or quite a lot of confidence")
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("Confidence in institutions among Westland adults (survey)", fontsize=9)
    _save(fig, "confidence_chart.png")


def turnout_chart() -> None:
    fig, ax = plt.subplots(figsize=(5.2, 3.6), dpi=100)
    styles = ["o-", "s--", "^-.", "d:"]
    for (group, values), style in zip(TURNOUT.items(), styles, strict=True):
        ax.plot(YEARS, values, style, color="black", ms=5, label=group)
    ax.set_xticks(YEARS)
    ax.set_xticklabels([f"{y}\n({'P' if y % 4 == 0 else 'M'})" for y in YEARS], fontsize=8)
    ax.set_ylim(0, 80)
    ax.set_ylabel("Turnout (percent of eligible voters)")
    ax.grid(True, ls=":", color="lightgray")
    ax.legend(title="Age group", fontsize=8, title_fontsize=8, ncol=2, loc="lower right")
    ax.set_title("Westland: turnout by age, P = presidential year, M = midterm year", fontsize=9)
    _save(fig, "turnout_chart.png")


if __name__ == "__main__":
    district_map()
    confidence_chart()
    turnout_chart()
    for d in "1234":
        cells = [PRECINCTS[r][c] for r in range(6) for c in range(6) if DISTRICTS[r][c] == d]
        print(f"district {d}: Blue {cells.count('B')}, Gold {cells.count('G')}")
