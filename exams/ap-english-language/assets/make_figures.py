"""Draw the original figure of the AP English Language practice pack (invented data).

Run from anywhere: ``python exams/ap-english-language/assets/make_figures.py``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).resolve().parent


def blocked_cards_chart() -> None:
    """Bar chart for synthesis Source C: blocked library cards by neighborhood income."""
    groups = ["Under $40,000", "$40,000-$80,000", "Over $80,000"]
    values = [18, 9, 4]
    fig, ax = plt.subplots(figsize=(5.4, 3.6), dpi=100)
    bars = ax.bar(groups, values, color=["#5b7fa6", "#8fb0d0", "#c3d5e8"], edgecolor="#333")
    for bar, v in zip(bars, values, strict=False):
        ax.text(bar.get_x() + bar.get_width() / 2, v + 0.5, f"{v}%", ha="center", fontsize=10)
    ax.set_ylabel("Cardholders whose borrowing is\nblocked by unpaid fines (%)")
    ax.set_xlabel("Median household income of the cardholder's neighborhood")
    ax.set_ylim(0, 22)
    ax.set_title("Riverbend Public Library, 2019 (invented data)", fontsize=10)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    fig.savefig(HERE / "blocked_cards.png", dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)


if __name__ == "__main__":
    blocked_cards_chart()
