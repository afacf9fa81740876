"""``examsim contamination scan|report`` and ``examsim run --contamination|--corpus``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.runlog import RunDir
from tests.contamination.runs import CORPUS, make_run

runner = CliRunner()


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_scan_prints_summary_and_writes_verdicts(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "corpus.txt").write_text(CORPUS)
    out = tmp_path / "v.json"
    code, stdout, stderr = invoke("contamination", "scan", mini_pack, "--corpus",
                                  tmp_path / "corpus.txt", "--out", out)
    assert (code, stderr) == (0, "")
    assert re.sub(r"in \d+\.\d\d s", "in T s", stdout) == (
        "Scanned 1 file(s), 1 document(s), 70 B in T s (substring, local).\n"
        "2 of 8 items contaminated (25.0 %).\n"
        "\n"
        "Section  Items  Contaminated     %\n"
        "mc           6             1  16.7\n"
        "essay        2             1  50.0\n"
        "\n"
        f"Verdicts written to {out}\n"
    )
    data = json.loads(out.read_text())
    assert [v["item"] for v in data["items"] if v["contaminated"]] == ["mc-1", "essay-1"]
    assert data["items"][0]["probes"] == ["whatis234567"]


def test_scan_json_and_options(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "c.jsonl").write_text(json.dumps({"body": CORPUS, "id": "doc-7"}) + "\n")
    code, stdout, _ = invoke("contamination", "scan", mini_pack, "--corpus", tmp_path,
                             "--method", "ngram", "--ngram", "5", "--text-field", "body",
                             "--id-field", "id", "--out", tmp_path / "v.json", "--json")
    assert code == 0
    summary = json.loads(stdout)
    assert (summary["method"], summary["contaminated"], summary["items"]) == ("ngram", 2, 8)
    verdicts = json.loads((tmp_path / "v.json").read_text())
    essay = next(v for v in verdicts["items"] if v["item"] == "essay-1")
    assert essay["matches"][0]["document"] == "doc-7"
    assert essay["matches"][0]["key"] == "explain why the sky looks"
    assert verdicts["options"]["ngram"] == 5


def test_scan_errors(tmp_path: Path, mini_pack: Path) -> None:
    code, stdout, stderr = invoke("contamination", "scan", mini_pack, "--corpus",
                                  tmp_path / "missing")
    assert (code, stdout) == (1, "")
    assert stderr == (f"Error: {tmp_path / 'missing'}: no such file or folder. "
                      "Fix: check the --corpus path.\n")
    (tmp_path / "c.txt").write_text("text")
    code, _, stderr = invoke("contamination", "scan", mini_pack, "--corpus", tmp_path,
                             "--unicode", "NFD")
    assert (code, stderr) == (2, "Error: --unicode must be one of NFKC, NFC, none.\n")
    code, _, stderr = invoke("contamination", "scan", mini_pack, "--corpus", tmp_path,
                             "--method", "fuzzy", "--threshold", "150")
    assert code == 2 and "similarity above 0 and at most 100" in stderr
    assert not list(Path.cwd().glob("mini-contamination.json"))


def test_report_markdown(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "corpus.txt").write_text(CORPUS)
    invoke("contamination", "scan", mini_pack, "--corpus", tmp_path / "corpus.txt", "--out",
           tmp_path / "v.json")
    run = make_run(tmp_path / "run", mini_pack)
    code, stdout, stderr = invoke("contamination", "report", run)
    assert code == 1
    assert "the run has no contamination verdicts. Fix: pass --contamination" in stderr
    code, stdout, stderr = invoke("contamination", "report", run, "--contamination",
                                  tmp_path / "v.json")
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[2:] == [
        "| Exam | Score | Model | Vision | Contam | Full test | Non-contaminated | Reported "
        "| From |",
        "|---|---|---|---|---|---|---|---|---|",
        "| mini | Mini Exam | mock/test | yes | 25.00% | 57 % | 50 % | 50 % | clean |",
        "",
        "Contamination details (Table 10): percentage of the maximum points; degradation = "
        "(non-contaminated - all) / all.",
        "",
        "| Exam | Section | #questions | Contamination | All | Non-contaminated | "
        "Contaminated only | Degradation |",
        "|---|---|---|---|---|---|---|---|",
        "| mini | Essay | 2 | 50.00% | 55.56% | 50.00% | 66.67% | -10.00% |",
        "| mini | Multiple Choice | 6 | 16.67% | 58.33% | 50.00% | 100.00% | -14.29% |",
    ]


def test_run_with_corpus_scans_first_and_reports_the_lower(
    tmp_path: Path, mini_pack: Path
) -> None:
    (tmp_path / "corpus.txt").write_text(CORPUS)
    out = tmp_path / "run"
    code, stdout, stderr = invoke("run", mini_pack, "--model", "mock/answer-key", "--grader",
                                  "mock/reference-match", "--corpus", tmp_path / "corpus.txt",
                                  "--out", out)
    assert code == 0, stderr
    assert stdout.splitlines()[-2:] == [
        "Contamination (substring, contamination-verdicts.json): 2 of 8 items (25.0 %) set "
        "aside for the clean score.",
        "  Mini Exam: full 100 %, non-contaminated 100 %; reported 100 % (full, the lower)",
    ]
    assert RunDir(out).manifest().contamination == "contamination-verdicts.json"
    saved = json.loads((out / "contamination.json").read_text())
    assert saved["contaminated"] == ["mc-1", "essay-1"]


def test_run_refuses_bad_contamination_input_before_sitting(
    tmp_path: Path, mini_pack: Path
) -> None:
    out = tmp_path / "run"
    code, _, stderr = invoke("run", mini_pack, "--model", "mock/answer-key", "--corpus",
                             tmp_path / "nothing", "--out", out)
    assert code == 1 and "no such file or folder" in stderr
    code, _, stderr = invoke("run", mini_pack, "--model", "mock/answer-key",
                             "--contamination", tmp_path / "v.json", "--out", out)
    assert code == 1 and "no such verdict file" in stderr
    assert not out.exists()


def test_score_with_contamination_and_with_the_runs_own_verdicts(
    tmp_path: Path, mini_pack: Path
) -> None:
    (tmp_path / "corpus.txt").write_text(CORPUS)
    invoke("contamination", "scan", mini_pack, "--corpus", tmp_path / "corpus.txt", "--out",
           tmp_path / "v.json")
    run = make_run(tmp_path / "run", mini_pack)
    lines = [
        "Contamination (substring, v.json): 2 of 8 items (25.0 %) set aside for the clean "
        "score.",
        "  Mini Exam: full 57 %, non-contaminated 50 %; reported 50 % (clean, the lower)",
    ]
    code, stdout, _ = invoke("score", run, "--bootstrap", "0", "--contamination",
                             tmp_path / "v.json")
    assert code == 0 and stdout.splitlines()[-2:] == lines
    code, stdout, _ = invoke("score", run, "--bootstrap", "0")
    assert code == 0 and "Contamination" not in stdout
    from examsim.contamination.clean import record_verdicts

    record_verdicts(run, tmp_path / "v.json")
    code, stdout, _ = invoke("score", run, "--bootstrap", "0", "--json")
    data = json.loads(stdout)
    assert data["label"] == "57 %"
    assert data["contamination"]["scores"][0]["label"] == "50 %"
    assert data["contamination"]["contaminated"] == ["mc-1", "essay-1"]
    code, _, stderr = invoke("score", run, "--contamination", tmp_path / "v.json",
                             "--exclude", "mc-2")
    assert (code, stderr) == (2, "Error: Give --contamination or --exclude, not both.\n")
