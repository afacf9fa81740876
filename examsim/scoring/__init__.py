"""Scoring: scales, conversion and norm tables, raw -> scaled -> percentile, uncertainty.

    score_run(run_dir)            every reported score of a finished run
    convert_raw(scale, raw)       raw points on a real form -> the scale
    percentile(scale, score)      a score's percentile range in a norm group
    describe_scales()             every scale with its forms and norm tables
    user_norms_dir()              where extra norm tables live
"""

from __future__ import annotations

from examsim.scoring.lookup import convert_raw, describe_scales, percentile
from examsim.scoring.results import Conversion, Percentile, RunScore, ScoreResult
from examsim.scoring.runs import score_run
from examsim.scoring.scales import Scale, list_scale_ids, load_scale, user_norms_dir

__all__ = [
    "Conversion",
    "Percentile",
    "RunScore",
    "Scale",
    "ScoreResult",
    "convert_raw",
    "describe_scales",
    "list_scale_ids",
    "load_scale",
    "percentile",
    "score_run",
    "user_norms_dir",
]
