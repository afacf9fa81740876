"""A corpus of broken packs: each mutation of the mini pack gives its own clear problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examsim.errors import PackError
from examsim.packs import inspect_pack, load_pack
from tests.conftest import DATA

MINI = DATA / "packs" / "mini"


def mutated(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"mutation anchor {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


# (file, old text, new text, expected "file:line: field: message" fragment)
BROKEN = [
    ("items/mc.yaml", "    answer: B\n", "    answer: E\n",
     "items/mc.yaml:9: items[0].answer: item 'mc-1': answer 'E' is not one of its choices "
     "(A, B, C, D)."),
    ("items/mc.yaml", "    answer: B\n", "    answer: b\n",
     "items/mc.yaml:9: items[0].answer: not a choice letter."),
    ("items/mc.yaml", "    explanation: 2 + 3 = 5.\n", "    explnation: 2 + 3 = 5.\n",
     "items/mc.yaml:10: items[0].explnation: unknown field. Fix: Remove it or correct its "
     "spelling. Did you mean 'explanation'?"),
    ("items/mc.yaml", '{A: "4", B: "5", C: "6", D: "7"}', '{A: "4", B: "5", C: "5", D: "7"}',
     "items[0].choices.C: item 'mc-1': choice C repeats choice B."),
    ("items/mc.yaml", '{A: "4", B: "5", C: "6", D: "7"}', '{A: "4", B: "5", D: "7"}',
     "items/mc.yaml:8: items[0].choices: item 'mc-1' has choices A, B, D; they must run A, B, C "
     "in order."),
    ("items/mc.yaml", "  - id: mc-2\n", "  - id: mc-1\n",
     "items[1].id: item id 'mc-1' is also used in section 'mc'."),
    ("items/mc.yaml", "    passage: river\n", "    passage: lake\n",
     "items[1].passage: item 'mc-2' refers to passage 'lake', which this file does not define."),
    ("items/mc.yaml", "assets/square.png", "assets/circle.png",
     "items[2].images[0].path: item 'mc-3': image 'assets/circle.png' does not exist."),
    ("items/mc.yaml", "assets/square.png", "../../outside.png",
     "items[2].images[0].path: item 'mc-3': image '../../outside.png' points outside the pack "
     "folder."),
    ("items/mc.yaml", "    answer: [A, C]\n", "    answer: [A, A]\n",
     "items[3].answer: item 'mc-4': the answer lists a letter twice."),
    ("items/mc.yaml", "    type: numeric\n", "    type: numerical\n",
     "items[4]: unknown type 'numerical'. Fix: Use one of 'multiple_choice', 'numeric', "
     "'short_answer', 'free_response'."),
    ("items/mc.yaml", "    tolerance: 0.01\n", "    tolerance: -1\n",
     "items[4].tolerance: Input should be greater than or equal to 0."),
    ("items/mc.yaml", "    accepted: [Jupiter]\n", "    accepted: []\n",
     "items[5].accepted: List should have at least 1 item after validation, not 0."),
    ("items/essay.yaml", "    type: free_response\n", "    type: free_response\n    points: 5\n",
     "items[0].points: item 'essay-1': points is 5 but the rubric's criteria add up to 3."),
    ("items/essay.yaml", "{0: Not mentioned.,", "{3: Not mentioned.,",
     "item 'essay-1': descriptor for 3 points is outside 0-2 for criterion 'scattering'."),
    ("items/essay.yaml", "      max: 6\n", "      max: 1\n",
     "items[1].rubric.max: item 'essay-2': the scale's max (1) is not above its min (1)."),
    ("items/essay.yaml", "      levels: {6:", "      levels: {7:",
     "item 'essay-2': level 7 is not a score on the 1-6 scale in steps of 1."),
    ("items/essay.yaml", "      kind: holistic\n", "      kind: overall\n",
     "items[1].rubric: unknown kind 'overall'. Fix: Use one of 'analytic', 'holistic'."),
    ("exam.yaml", "provenance: original\n", "provenance: borrowed\n",
     "exam.yaml:3: provenance: Input should be 'original', 'public-domain' or 'imported'."),
    ("exam.yaml", "    items: items/mc.yaml\n", "    items: items/missing.yaml\n",
     "exam.yaml:15: sections[0].items: item file 'items/missing.yaml' does not exist."),
    ("exam.yaml", "    items: items/mc.yaml\n", "    items: ../../../etc/passwd\n",
     "exam.yaml:15: sections[0].items: '../../../etc/passwd' points outside the pack folder."),
    ("exam.yaml", "  - id: essay\n", "  - id: mc\n",
     "sections[1].id: section id 'mc' is used twice."),
    ("exam.yaml", "{total: [mc, essay]}", "{total: [mc, essays]}",
     "scores[0].inputs.total: input 'total' names section 'essays', which the exam does not "
     "have."),
    ("exam.yaml", "protocol: {fewshot: mc-examples}", "protocol: {fewshot: mc-demo}",
     "sections[0].protocol.fewshot: few-shot set 'mc-demo' is not in the few-shot file."),
    ("exam.yaml", "    time_limit_minutes: 10\n", "    time_limit_minutes: ten\n",
     "exam.yaml:17: sections[0].time_limit_minutes: Input should be a valid number"),
    ("exam.yaml", "name: Mini Exam (test pack)\n", "name: [Mini\n",
     "exam.yaml:3: YAML syntax error"),
    ("exam.yaml", "id: mini\n", "id: mini\nid: again\n",
     "exam.yaml:2: YAML syntax error: the key 'id' appears twice in the same mapping."),
    ("fewshot.yaml", "      - id: fs-1\n", "      - id: mc-1\n",
     "sets[0].items[0].id: few-shot item id 'mc-1' is also a scored item."),
    ("fewshot.yaml", "        stem: What is 10 - 4?\n", "        stem: What is 2 + 3?\n",
     "sets[0].items[0].stem: few-shot item 'fs-1' has the same stem as scored item 'mc-1'."),
    ("fewshot.yaml", "    format: multiple_choice\n", "    format: numeric\n",
     "sets[0].items[0].type: few-shot item 'fs-1' is multiple_choice in a numeric set."),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), BROKEN,
                         ids=[f"{b[0]}:{b[3][:40]}" for b in BROKEN])
def test_each_broken_pack_reports_its_problem(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    root = mutated(tmp_path, file, old, new)
    pack, problems = inspect_pack(root)
    assert pack is None
    text = "\n".join(str(p) for p in problems)
    assert expected in text
    # Every problem names its file and says how to fix it.
    for problem in problems:
        assert problem.file is not None
        assert "Fix:" in str(problem)


def test_mini_pack_is_valid_and_complete() -> None:
    pack, problems = inspect_pack(MINI)
    assert problems == []
    assert pack is not None
    assert [s.id for s in pack.sections] == ["mc", "essay"]
    assert pack.item_count() == 8
    section, item = pack.item("mc-2")
    assert section.passage_of(item) is not None
    assert pack.digest.startswith("sha256:")


def test_digest_changes_when_an_item_changes(tmp_path: Path) -> None:
    root = mutated(tmp_path, "items/mc.yaml", "What is 2 + 3?", "What is 3 + 2?")
    assert inspect_pack(root)[0].digest != inspect_pack(MINI)[0].digest  # type: ignore[union-attr]


def test_load_pack_raises_with_every_problem(tmp_path: Path) -> None:
    root = mutated(tmp_path, "items/mc.yaml", "    answer: B\n", "    answer: E\n")
    (root / "items" / "mc.yaml").write_text(
        (root / "items" / "mc.yaml").read_text().replace("    answer: C\n", "    answer: F\n")
    )
    with pytest.raises(PackError) as info:
        load_pack(root)
    assert len(info.value.problems) == 2
    assert "answer 'E'" in str(info.value) and "answer 'F'" in str(info.value)


def test_imported_pack_refused_inside_bundled_exams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mutated(tmp_path, "exam.yaml", "provenance: original", "provenance: imported")
    monkeypatch.setattr("examsim.packs.checks.bundled_dir", lambda name: tmp_path)
    problems = inspect_pack(root)[1]
    assert any("an imported pack sits in examsim's own exams/ folder" in str(p)
               for p in problems)


def test_empty_and_non_mapping_files(tmp_path: Path) -> None:
    root = mutated(tmp_path, "items/essay.yaml", "items:", "items:")
    (root / "items" / "essay.yaml").write_text("")
    problems = inspect_pack(root)[1]
    assert "the file is empty, not a mapping of fields." in str(problems[0])
    (root / "items" / "essay.yaml").write_text("- just\n- a list\n")
    problems = inspect_pack(root)[1]
    assert "the file is a list, not a mapping of fields." in str(problems[0])
    (root / "items" / "essay.yaml").write_bytes(b"items: \xff\xfe\n")
    problems = inspect_pack(root)[1]
    assert "not UTF-8 text" in str(problems[0])


def test_a_mixed_section_names_a_set_per_item_type(tmp_path: Path) -> None:
    root = mutated(tmp_path, "exam.yaml", "protocol: {fewshot: mc-examples}",
                   "protocol: {fewshot: [mc-examples, sa-examples]}")
    fewshot = root / "fewshot.yaml"
    fewshot.write_text(fewshot.read_text() + (
        "  - id: sa-examples\n"
        "    format: short_answer\n"
        "    items:\n"
        "      - id: fs-sa\n"
        "        type: short_answer\n"
        "        stem: Name the closest star to Earth.\n"
        "        accepted: [The Sun, Sun]\n"
        "        explanation: The Sun is about 8 light-minutes away.\n"
    ))
    pack, problems = inspect_pack(root)
    assert problems == [] and pack is not None
    section = pack.section("mc")
    assert pack.fewshot_for(section, pack.item("sa-1")[1]).id == "sa-examples"  # type: ignore[union-attr]
    assert pack.fewshot_for(section, pack.item("mc-1")[1]).id == "mc-examples"  # type: ignore[union-attr]
    # numeric has no set of its own: it gets the first listed set
    assert pack.fewshot_for(section, pack.item("num-1")[1]).id == "mc-examples"  # type: ignore[union-attr]

    from examsim.runner.prompts import item_prompt

    text = str(item_prompt(pack, section, pack.item("sa-1")[1]))
    assert "closest star" in text and "What is 10 - 4?" not in text

    broken = mutated(tmp_path / "b", "exam.yaml", "protocol: {fewshot: mc-examples}",
                     "protocol: {fewshot: [mc-examples, nope]}")
    assert "few-shot set 'nope' is not in the few-shot file." in str(inspect_pack(broken)[1])


def test_an_unreadable_file_in_the_pack_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = mutated(tmp_path, "exam.yaml", "id: mini", "id: mini")
    (root / "assets" / "notes.bin").write_bytes(b"x")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "notes.bin":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    pack, problems = inspect_pack(root)
    assert pack is None
    assert str(problems[0]).endswith(
        "assets/notes.bin: cannot read file (Permission denied). Fix: Check its permissions, "
        "or move it out of the pack."
    )
