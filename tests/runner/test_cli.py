"""``examsim run``, ``examsim resume`` and ``examsim show --prompt`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from examsim.cli.app import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_run_with_the_answer_key_prints_the_maximum(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, stdout, stderr = invoke("run", str(mini), "--model", "mock/answer-key",
                                  "--out", str(out))
    assert code == 0, stderr
    assert stdout == (
        f"Run: {out}\n"
        "mini with mock/answer-key (protocol gpt4, vision on, seed 0, 1 sample)\n"
        "Attempts: 8 (8 answered, 0 unparsed, 0 blank, 0 failed)\n"
        "Tokens: 0 in, 0 out; cost $0.00\n"
        "\n"
        "Section       Raw       Max\n"
        "mc              6         6\n"
        "essay           -         9  2 awaiting grading\n"
        "\n"
        "Free responses awaiting grading: essay-1, essay-2\n"
        f"Grade them with: examsim grade {out}\n"
        "\n"
        "Scores:\n"
        "  Mini Exam: needs grading\n"
    )
    assert (out / "manifest.json").is_file() and (out / "responses.jsonl").is_file()


def test_run_json_summary(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, stdout, _ = invoke("run", str(mini), "-m", "mock/random", "--out", str(out),
                             "--seed", "4", "--samples", "2", "--json")
    assert code == 0
    data = json.loads(stdout)
    assert data["run_dir"] == str(out) and data["exam"] == "mini"
    assert data["model"] == "mock/random" and data["seed"] == 4 and data["samples"] == 2
    assert [(s["id"], s["max"]) for s in data["sections"]] == [("mc", 6.0), ("essay", 9.0)]
    assert set(data["sections"][0]) >= {"id", "raw", "max"}
    assert data["attempts"] == 16 and data["failed"] == 0
    # The scorer's keys come along.
    assert data["scores"][0]["id"] == "total" and data["scoring"]["exam"] == "mini"


def test_dry_run_estimates_without_asking(mini: Path, tmp_path: Path) -> None:
    code, stdout, _ = invoke("run", str(mini), "-m", "openai/gpt-4o", "--dry-run", "--json")
    assert code == 0
    plan = json.loads(stdout)
    assert (plan["items"], plan["attempts"], plan["requests"]) == (8, 8, 8)
    # 6 explanations capped at 512 tokens and 2 essays at 2048.
    assert plan["max_output_tokens"] == 6 * 512 + 2 * 2048
    # gpt-4o: $2.50 in, $10 out per million tokens.
    assert plan["input_cost_usd"] == round(plan["input_tokens"] * 2.5 / 1e6, 6)
    assert plan["max_cost_usd"] == round(plan["input_cost_usd"]
                                         + plan["max_output_tokens"] * 10 / 1e6, 6)
    code, stdout, _ = invoke("run", str(mini), "-m", "openai-api/x/y", "--dry-run",
                             "--answer-step", "model")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == ("Dry run: mini with openai-api/x/y (protocol gpt4, vision on); "
                        "nothing is sent.")
    assert lines[1] == ("Items: 8 (mc 6, essay 2) x 1 sample(s) = 8 attempts, 14 requests "
                        "(before retries)")
    assert lines[-1] == "Cost: unknown (no price for openai-api/x/y; add one with --prices FILE)"
    assert not (Path.cwd() / "runs").exists() or not any((Path.cwd() / "runs").glob("mini-*"))


def test_resume_command_finishes_a_run(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert invoke("run", str(mini), "-m", "mock/answer-key", "--out", str(out))[0] == 0
    lines = (out / "responses.jsonl").read_text().splitlines()
    # Keep the first three answers, as if the run had been killed.
    (out / "responses.jsonl").write_text("\n".join(lines[:3]) + "\n")
    code, stdout, stderr = invoke("resume", str(out), "--json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["session"]["asked"] == 5 and data["sections"][0]["raw"] == 6.0
    assert len((out / "responses.jsonl").read_text().splitlines()) == 8
    code, stdout, _ = invoke("run", "--resume", str(out), "--json")
    assert code == 0 and json.loads(stdout)["session"]["asked"] == 0


def test_usage_errors(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert invoke("run", str(mini), "-m", "mock/answer-key", "--out", str(out))[0] == 0
    code, _, stderr = invoke("run", "--resume", str(out), "--seed", "3")
    assert (code, stderr) == (2, "Error: --seed cannot change a run being resumed. Fix: drop "
                                 "them, or start a new run.\n")
    code, _, stderr = invoke("run", "--resume", str(out), "-m", "mock/random")
    assert code == 2 and "was run with mock/answer-key, not mock/random" in stderr
    code, _, stderr = invoke("run", str(mini))
    assert code == 2 and stderr.startswith("Error: Missing --model.")
    code, _, stderr = invoke("run", str(mini), "-m", "human")
    assert code == 2 and "examsim take" in stderr
    code, _, stderr = invoke("run", str(mini), "-m", "mock/answer-key", "--out", str(out))
    assert code == 1 and "already holds a run" in stderr
    code, _, stderr = invoke("run", str(mini), "-m", "mock/answer-key", "--protocol", "cot")
    assert code == 2 and "use gpt4 or direct" in stderr
    code, _, stderr = invoke("resume", str(tmp_path / "nothing"))
    assert code == 1 and "No run directory" in stderr


def test_show_prompt(mini: Path) -> None:
    code, stdout, _ = invoke("show", str(mini), "--prompt", "sa-1")
    assert code == 0
    assert stdout.endswith(
        "--- user ---\nProblem 2. Name the largest planet of the solar system.\n\n"
        "--- explanation: temperature 0.3, max tokens 512 ---\n"
    )
    code, _, stderr = invoke("show", str(mini), "--prompt", "nope")
    assert code == 2 and "has no item 'nope'" in stderr
