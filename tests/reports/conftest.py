"""Fixture runs for the report tests: three model variants over six small exams whose
scales print differently (UBE, LSAT, GRE x3, AP, percent, points without percentile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reports.runfiles import PACKS, REPORT_PACKS, write_run

UBE, LSAT, GRE, AP, MINI = (PACKS / n for n in ("ube-mini", "lsat-mini", "gre-mini", "ap-mini",
                                                  "mini"))
USNCO = REPORT_PACKS / "usnco-mini"
LSAT_KEY = {"lr-1": "D", "lr-2": "B", "lr-3": "C", "lr-4": "B", "lr-5": "A",
            "rc-1": "C", "rc-2": "C", "rc-3": "A", "rc-4": "A", "rc-5": "B"}


def _lsat(changes: dict[str, str]) -> dict[str, str]:
    return {**LSAT_KEY, **changes}


def build_runs(root: Path) -> Path:
    """Write the fixture runs under ``root`` (folders sort as the columns should appear)."""
    a = root / "a-model-a"
    write_run(a / "ube", UBE, {"mbe-1": "A", "mbe-2": "B", "mbe-3": "B", "mbe-4": "C",
                               "mee-1": "Essay one.", "mee-2": "Essay two.", "mpt-1": "Memo."},
              [("mee-1", "human:alice", "human", 5), ("mee-2", "human:alice", "human", 4),
               ("mpt-1", "human:alice", "human", 4)])
    write_run(a / "lsat", LSAT, _lsat({"rc-4": "B"}))
    write_run(a / "gre", GRE, {"v-1": "B", "v-2": "A", "v-3": "B", "v-4": "C", "q-1": 144.0,
                               "q-2": 30.0, "q-3": 9.0, "q-4": 340.0, "issue": "An essay.",
                               "argument": "An analysis."},
              [("issue", "openai/gpt-4o", "model", 5), ("argument", "openai/gpt-4o", "model",
                                                         4.5)])
    write_run(a / "ap", AP, {"bio-1": "B", "bio-2": "A", "bio-3": "C", "bio-4": "C",
                             "bio-fr-1": "The substrate binds the active site."},
              [("bio-fr-1", "human:alice", "human", 3)])
    write_run(a / "mini", MINI, {"mc-1": "B", "mc-2": "C", "mc-3": "A", "mc-4": ["A", "C"],
                                 "num-1": 3.5, "sa-1": "Jupiter", "essay-1": "Scattering.",
                                 "essay-2": "An essay."},
              [("essay-1", "mock/reference-match", "baseline", 2),
               ("essay-2", "mock/reference-match", "baseline", 4)])
    write_run(a / "usnco", USNCO, {"chem-1": "B", "chem-2": "C", "chem-3": "C", "chem-4": "A",
                                   "chem-5": "B", "chem-6": "C"})

    b = root / "b-model-a-no-vision"
    write_run(b / "lsat", LSAT, _lsat({"lr-3": "A", "rc-1": "<unparsed>"}), vision=False)
    write_run(b / "ap", AP, {"bio-1": "B", "bio-2": "A", "bio-3": "A", "bio-4": "C",
                             "bio-fr-1": "It binds."},
              [("bio-fr-1", "human:alice", "human", 2)], vision=False)

    c = root / "c-model-b"
    write_run(c / "lsat-1", LSAT, _lsat({"lr-2": "A"}), model="mock/model-b")
    write_run(c / "lsat-2", LSAT, _lsat({"rc-2": "B", "rc-5": "A"}), model="mock/model-b")
    write_run(c / "gre", GRE, {"v-1": "B", "v-2": "A", "v-3": "B", "v-4": "C", "q-1": 144.0,
                               "q-2": 30.0, "q-3": 9.0, "q-4": 343.0, "issue": "An essay.",
                               "argument": "An analysis."}, model="mock/model-b")
    write_run(c / "ube", UBE, {"mbe-1": "A", "mbe-2": "B", "mbe-3": "A", "mbe-4": "A",
                               "mee-1": "Essay one.", "mee-2": "Essay two.", "mpt-1": "Memo."},
              [("mee-1", "human:bo", "human", 4), ("mee-2", "human:bo", "human", 4),
               ("mpt-1", "human:bo", "human", 3)],
              model="mock/model-b", contaminated=["mbe-1", "mbe-2"])
    write_run(c / "usnco", USNCO, {"chem-1": "B", "chem-2": "C", "chem-3": "A", "chem-4": "A"},
              model="mock/model-b")
    return root


@pytest.fixture(scope="session")
def report_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root folder of the fixture runs (shared; tests must not change it)."""
    return build_runs(tmp_path_factory.mktemp("report-runs"))
