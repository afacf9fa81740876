"""The Dask engine: one task per shard on a real local cluster, same verdicts as local."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examsim.contamination import ScanOptions, scan_exam
from examsim.contamination.corpus import CorpusOptions
from examsim.errors import ContaminationError, UsageError

PASSAGE = ("The river rises in the hills, runs east past the mill, and meets the sea at the "
           "port town. In which direction does the river run past the mill? North South "
           "East West")


def corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Filler words. " * 200 + PASSAGE.upper())
    (folder / "b.jsonl").write_text(
        json.dumps({"text": "What is 2 + 3? 4 5 6 7"}) + "\n"
        + json.dumps({"text": "Explain why the sky looks blue on a clear day!"}) + "\n")
    (folder / "c.txt").write_text(PASSAGE)
    (folder / "d.txt").write_text("Name the largest planet of the solar system.")
    return folder


def comparable(result: object) -> list[dict[str, object]]:
    return [v.model_dump() for v in result.items]  # type: ignore[attr-defined]


def test_dask_local_cluster_gives_the_local_verdicts(tmp_path: Path, mini_pack: Path) -> None:
    folder = corpus(tmp_path / "corpus")
    options = ScanOptions(corpus=CorpusOptions(piece_bytes=256))
    local = scan_exam(mini_pack, [folder], options)
    # A real LocalCluster: two worker processes, one task per file.
    dask = scan_exam(mini_pack, [folder], options, engine="dask", workers=2)
    assert comparable(dask) == comparable(local)
    assert local.contaminated() == {"mc-1", "mc-2", "essay-1", "sa-1"}
    assert (dask.documents, dask.bytes_read) == (local.documents, local.bytes_read)
    assert dask.engine == "dask"


def test_dask_errors(tmp_path: Path, mini_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("examsim.contamination.engines.SCHEDULER_TIMEOUT", "1s")
    folder = corpus(tmp_path / "corpus")
    with pytest.raises(UsageError, match="not both"):
        scan_exam(mini_pack, [folder], engine="dask", workers=2, scheduler="tcp://x:1")
    with pytest.raises(UsageError, match="apply to --engine dask"):
        scan_exam(mini_pack, [folder], workers=2)
    with pytest.raises(UsageError, match="Unknown engine 'spark'"):
        scan_exam(mini_pack, [folder], engine="spark")
    with pytest.raises(ContaminationError, match="Cannot reach the Dask scheduler at "
                       "tcp://127.0.0.1:9"):
        scan_exam(mini_pack, [folder], engine="dask", scheduler="tcp://127.0.0.1:9")
