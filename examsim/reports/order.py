"""The row order of the GPT-4 report's Table 1, by the scale each row is reported on."""

from __future__ import annotations

REPORT_ORDER: tuple[str, ...] = (
    "ube",
    "lsat",
    "sat-ebrw",
    "sat-math",
    "gre-quant",
    "gre-verbal",
    "gre-writing",
    "usabo-semifinal",
    "usnco-local",
    "mksap",
    "codeforces",
    "ap-art-history",
    "ap-biology",
    "ap-calculus-bc",
    "ap-chemistry",
    "ap-english-language",
    "ap-english-literature",
    "ap-environmental-science",
    "ap-macroeconomics",
    "ap-microeconomics",
    "ap-physics-2",
    "ap-psychology",
    "ap-statistics",
    "ap-us-government",
    "ap-us-history",
    "ap-world-history",
    "amc-10",
    "amc-12",
    "sommelier-introductory",
    "sommelier-certified",
    "sommelier-advanced",
    "leetcode-easy",
    "leetcode-medium",
    "leetcode-hard",
)
_POSITION = {scale: index for index, scale in enumerate(REPORT_ORDER)}


def report_position(scale: str) -> int:
    """Where a row on ``scale`` sits in Table 1; scales the report lacks come after it."""
    return _POSITION.get(scale, len(REPORT_ORDER))
