"""Model graders: the prompt, strict reading of grades, and grading over real HTTP.

The HTTP tests run a local OpenAI-compatible server (examsim.testing.provider_server)
and point ``openai-api/local/judge`` at it, so the real adapter, SDK and sockets are used.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.grading import grade_run
from examsim.grading.aggregate import final_grades
from examsim.grading.model_prompt import MalformedGrade, grading_prompt, parse_grade
from examsim.grading.tasks import GradingTask
from examsim.packs import load_pack
from examsim.packs.schema import FreeResponseItem
from examsim.testing.provider_server import ProviderServer

from .conftest import GOOD_ESSAY_1, MakeRun

SPEC = "openai-api/local/judge"


@pytest.fixture
def tasks(mini_pack: Path) -> tuple[GradingTask, GradingTask]:
    pack = load_pack(mini_pack)
    first, second = pack.item("essay-1")[1], pack.item("essay-2")[1]
    assert isinstance(first, FreeResponseItem) and isinstance(second, FreeResponseItem)
    return (GradingTask(first, "essay", 0, GOOD_ESSAY_1),
            GradingTask(second, "essay", 0, "Homework is good."))


# --- the prompt -----------------------------------------------------------------------------


def test_the_prompt_shows_item_rubric_reference_and_response(
    tasks: tuple[GradingTask, GradingTask],
) -> None:
    prompt = grading_prompt(tasks[0])
    for part in (
        "Explain why the sky looks blue on a clear day.",
        "- scattering (0 to 2 points): Names Rayleigh scattering of sunlight by air molecules.",
        "    1 points: Scattering named without mechanism.",
        "- wavelength (0 to 1 points):",
        'Grader notes: Do not reward "the sky reflects the ocean".',
        tasks[0].item.reference_answer,
        f"<<<RESPONSE\n{GOOD_ESSAY_1}\nRESPONSE>>>",
        '{"criteria": {"scattering": <0 to 2>, "wavelength": <0 to 1>}, '
        '"justification": "<one to three sentences>"}',
    ):
        assert part in prompt
    holistic = grading_prompt(tasks[1])
    assert "Holistic rubric: one overall score from 1-6." in holistic
    assert '{"score": <number from 1-6>, "justification":' in holistic


# --- strict parsing -------------------------------------------------------------------------


def test_a_valid_grade_is_read(tasks: tuple[GradingTask, GradingTask]) -> None:
    marks, why = parse_grade(
        '{"criteria": {"scattering": 2, "wavelength": 0.5}, "justification": " Good. "}',
        tasks[0])
    assert (marks, why) == ({"scattering": 2.0, "wavelength": 0.5}, "Good.")
    fenced = '```json\n{"score": 4, "justification": "Clear."}\n```'
    assert parse_grade(fenced, tasks[1]) == ({"holistic": 4.0}, "Clear.")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Score: 2", "the answer is not a JSON object (Expecting value)"),
        ('Here it is: {"score": 4, "justification": "x"}', "not a JSON object"),
        ('[4, "x"]', "the answer is not a JSON object"),
        ('{"score": 4}', "the object has missing 'justification'"),
        ('{"score": 4, "justification": "x", "confidence": 1}',
         "the object has unexpected 'confidence'"),
        ('{"score": "4", "justification": "x"}', "'score' must be a number, not \"4\""),
        ('{"score": true, "justification": "x"}', "'score' must be a number, not true"),
        ('{"score": 4, "justification": ""}', "'justification' must be a non-empty string"),
        ('{"score": 4.5, "justification": "x"}', "'score': 4.5 is not on the scale 1-6"),
        ('{"score": 0, "justification": "x"}', "'score': 0 is outside 1-6"),
        ('{"score": 4, "score": 5, "justification": "x"}', "the key 'score' appears twice"),
    ],
)
def test_malformed_holistic_grades_are_refused(
    tasks: tuple[GradingTask, GradingTask], text: str, problem: str
) -> None:
    with pytest.raises(MalformedGrade) as caught:
        parse_grade(text, tasks[1])
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        ({"scattering": 2}, "'criteria' must have exactly the keys scattering, wavelength "
                            "(missing: wavelength)"),
        ({"scattering": 2, "wavelength": 1, "style": 1}, "(unknown: style)"),
        ({"scattering": 3, "wavelength": 1}, "criteria.scattering: 3 is outside 0-2"),
        ({"scattering": -1, "wavelength": 1}, "criteria.scattering: -1 is outside 0-2"),
        ({"scattering": None, "wavelength": 1}, "criteria.scattering must be a number"),
        ([2, 1], "'criteria' must be an object of points per criterion"),
    ],
)
def test_malformed_analytic_grades_are_refused(
    tasks: tuple[GradingTask, GradingTask], criteria: Any, problem: str
) -> None:
    text = json.dumps({"criteria": criteria, "justification": "x"})
    with pytest.raises(MalformedGrade) as caught:
        parse_grade(text, tasks[0])
    assert problem in str(caught.value)


# --- over HTTP -------------------------------------------------------------------------------


Answer = Callable[[dict[str, Any], int], str]


def user_text(body: dict[str, Any]) -> str:
    return "\n".join(str(m["content"]) if isinstance(m["content"], str) else
                     "".join(p.get("text", "") for p in m["content"])
                     for m in body["messages"] if m["role"] == "user")


@pytest.fixture
def judge(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Answer], ProviderServer]]:
    """Start a local server answering with ``answer(request_body, call_number)``."""
    servers: list[ProviderServer] = []

    def start(answer: Answer) -> ProviderServer:
        calls = iter(range(1, 10_000))
        server = ProviderServer(responder=lambda body: answer(body, next(calls))).start()
        servers.append(server)
        monkeypatch.setenv("LOCAL_BASE_URL", server.url)
        monkeypatch.setenv("LOCAL_API_KEY", "test-key")
        return server

    yield start
    for server in servers:
        server.stop()


def honest(body: dict[str, Any], call: int) -> str:
    """A grader that gives essay 1 full marks and essay 2 a four."""
    if "sky looks blue" in user_text(body):
        return json.dumps({"criteria": {"scattering": 2, "wavelength": 1},
                           "justification": "Names the mechanism and the wavelength effect."})
    return '```json\n{"score": 4, "justification": "A clear position, thin support."}\n```'


def test_a_model_grades_over_http(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer]
) -> None:
    server = judge(honest)
    run = make_run()
    report = grade_run(run.path, [SPEC])
    # Grades are appended as they finish (concurrently), so in any order.
    assert sorted((g.item, g.grader, g.grader_kind, g.status, g.score, g.criteria, g.comment)
                  for g in run.grades()) == [
        ("essay-1", SPEC, "model", "ok", 3.0, {"scattering": 2.0, "wavelength": 1.0},
         "Names the mechanism and the wavelength effect."),
        ("essay-2", SPEC, "model", "ok", 4.0, {}, "A clear position, thin support."),
    ]
    assert report.ungraded == []
    assert len(server.requests) == 2
    body = server.requests[0].body
    assert body["model"] == "judge"
    assert body["temperature"] == 0.0
    assert server.requests[0].headers["authorization"] == "Bearer test-key"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert sum(GOOD_ESSAY_1 in user_text(r.body) for r in server.requests) == 1


def test_a_malformed_grade_is_asked_for_again(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer]
) -> None:
    def sloppy(body: dict[str, Any], call: int) -> str:
        if len(body["messages"]) == 2:  # the first attempt: prose instead of JSON
            return "I would give this response 3 points overall."
        return honest(body, call)

    server = judge(sloppy)
    run = make_run({("essay-1", 0): GOOD_ESSAY_1})
    grade_run(run.path, [SPEC])
    (saved,) = run.grades()
    assert (saved.status, saved.score) == ("ok", 3.0)
    assert len(server.requests) == 2
    retry = server.requests[1].body["messages"]
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == "I would give this response 3 points overall."
    assert retry[3]["content"].startswith(
        "Your grade could not be used: the answer is not a JSON object")


def test_out_of_range_grades_are_retried_then_recorded_failed(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer]
) -> None:
    def generous(body: dict[str, Any], call: int) -> str:
        return json.dumps({"criteria": {"scattering": 5, "wavelength": 1},
                           "justification": "Excellent."})

    server = judge(generous)
    run = make_run({("essay-1", 0): GOOD_ESSAY_1})
    report = grade_run(run.path, [SPEC], retries=2)
    (failed,) = run.grades()
    assert failed.status == "failed"
    assert failed.score is None
    assert failed.error == (
        "malformed grade: criteria.scattering: 5 is outside 0-2 (after 3 attempt(s))")
    assert len(server.requests) == 3
    assert report.failed == [failed]
    assert report.ungraded == [("essay-1", 0)]  # a failed grade never counts as zero

    # The next call retries the failed grade; this time the model behaves.
    server.responder = lambda body: honest(body, 0)
    again = grade_run(run.path, [SPEC])
    assert [g.status for g in again.recorded] == ["ok"]
    assert final_grades(run.grades())[("essay-1", 0)].score == 3.0


def test_provider_failures_are_retried(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer]
) -> None:
    server = judge(honest)
    server.inject("rate_limit", count=1, retry_after=0.05)
    server.inject("malformed", count=1)  # a 200 whose body is cut short
    run = make_run({("essay-1", 0): GOOD_ESSAY_1})
    grade_run(run.path, [SPEC])
    assert [g.status for g in run.grades()] == ["ok"]
    assert server.faults_served == ["rate_limit", "malformed"]
    assert len(server.requests) == 3


def test_several_samples_are_aggregated(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer]
) -> None:
    # Successive samples of the essay-2 grade: 3, 4, 6.
    scores = iter([3, 4, 6])

    def varied(body: dict[str, Any], call: int) -> str:
        return json.dumps({"score": next(scores), "justification": "Sampled."})

    server = judge(varied)
    run = make_run({("essay-2", 0): "Homework builds habits, for example daily reading."})
    report = grade_run(run.path, [SPEC], samples=3, concurrency=1)
    assert {r.body["temperature"] for r in server.requests} == {0.7}
    final = final_grades(run.grades())[("essay-2", 0)]
    assert final.graders == (SPEC, f"{SPEC}#2", f"{SPEC}#3")
    assert final.scores == (3.0, 4.0, 6.0)
    assert (final.score, final.median, final.spread) == (13 / 3, 4.0, 3.0)
    assert report.agreement[0].kind == "model"
    # Asking for the same number of samples again grades nothing.
    assert grade_run(run.path, [SPEC], samples=3).recorded == ()


def test_model_grading_from_the_command_line(
    make_run: MakeRun, judge: Callable[[Answer], ProviderServer],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def holistic_bad(body: dict[str, Any], call: int) -> str:
        if "sky looks blue" in user_text(body):
            return honest(body, call)
        return '{"score": 9, "justification": "Too kind."}'

    judge(holistic_bad)
    make_run()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["grade", "run-0", "--grader", SPEC])
    assert result.exit_code == 0, result.output
    assert [line.rstrip() for line in result.output.splitlines()] == [
        f"Graded with {SPEC}: 1 new grade(s), 1 failed.",
        f"  failed: essay-2 sample 0 by {SPEC}: malformed grade: 'score': 9 is outside 1-6 "
        "(after 3 attempt(s))",
        "Run run-0 (exam mini): 2 free response(s), 1 graded.",
        "Item     Sample  Score  Kind   Graders",
        f"essay-1       0  3 / 3  model  {SPEC}",
        "essay-2       0  - / 6  -      ungraded",
        "Needs grading: essay-2 (sample 0). Grade with --grader SPEC, --human or --import FILE.",
    ]


def test_a_missing_server_address_is_an_error_before_any_grading(make_run: MakeRun) -> None:
    run = make_run()
    result = CliRunner().invoke(app, ["grade", str(run.path), "--grader", SPEC])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {SPEC} needs a server address. Fix: set "
                                    "LOCAL_BASE_URL")
    assert run.grades() == []
