"""GIFT, Aiken, text2qti Markdown, JSONL and CSV imports on the real fixture files and on
hand-written samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from examsim.errors import ExamsimError, FileProblemsError
from examsim.packs import inspect_pack
from examsim.packs.importers import ImportOptions, detect_format, import_file, importers
from examsim.packs.importers.build import NO_EXPLANATION, NO_REFERENCE
from examsim.packs.schema import FreeResponseItem
from tests.conftest import FIXTURES


def _items(result):  # type: ignore[no-untyped-def]
    return {item.id: item for _, item in result.pack.items()}


def test_gift_moodle_fixture(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "gift" / "moodle_questions.gift.txt", out=tmp_path / "p")
    items = _items(result)
    assert list(items) == ["Q8", "Q2", "colours", "Q5", "Shortanswer", "Q1", "2-08-TSL",
                           "2-08-TSL-2"]
    assert isinstance(items["Q8"], FreeResponseItem)
    assert items["Q8"].reference_answer == NO_REFERENCE
    assert items["Q2"].answer == "A" and items["Q2"].explanation == "right; good!"
    assert items["colours"].answer == ["A", "C"]
    assert (items["Q5"].answer, items["Q5"].tolerance) == (3, 2)
    assert items["Shortanswer"].accepted == ["Frog"]
    assert items["Q1"].choices == {"A": "True", "B": "False"} and items["Q1"].answer == "B"
    assert "Hitchiker's Guide" in items["Q1"].explanation
    skipped = result.report.skipped
    assert [(s.where, s.reason) for s in skipped] == [
        ("moodle_questions.gift.txt:5", "matching questions cannot be represented in a pack")]
    notes = " ".join(n.reason for n in result.report.notes)
    assert "'Cat' (50%)" in notes and "negative answer weights" in notes


def test_gift_escapes_missing_word_and_partial_credit(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "gift" / "giftpeg_options1.gift", out=tmp_path / "p")
    items = _items(result)
    assert items["Thanksgiving-Date"].stem.endswith("celebrated on the _____ Thursday of November.")
    assert items["Jesus-hometown"].choice_points == {"B": 0.25, "C": 0.5, "D": 1.0}
    control = items["GIFT-Control-Characters"]
    assert list(control.choices.values()) == ["~", "=", "#", "{", "}", "\\"]
    assert control.answer == "F"
    assert items["q13"].choices["B"] == "= 2 + 3"
    assert items["q1"].type == "numeric" and items["q1"].answer == 4


def test_gift_categories_and_hand_written_sample(tmp_path: Path) -> None:
    source = tmp_path / "unit.gift"
    source.write_text(
        "// unit test\n$CATEGORY: $course$/Physics/Waves\n\n"
        "::speed::What is the speed of light in vacuum, in km/s?{#299792:1}\n\n"
        "::colour::[html]Which colour has the <b>longest</b> wavelength?{\n"
        "  =red#Right: about 700 nm.\n  ~blue\n  ~violet\n}\n\n"
        "$CATEGORY: $course$/Physics/Essays\n\n"
        "::essay1::Explain refraction.{}\n", encoding="utf-8")
    result = import_file(source, out=tmp_path / "p")
    sections = result.pack.sections
    assert [s.section.name for s in sections] == ["Waves", "Essays"]
    items = _items(result)
    assert items["colour"].stem == "Which colour has the **longest** wavelength?"
    assert items["colour"].explanation == "Right: about 700 nm."
    assert items["speed"].tolerance == 1


def test_gift_unclosed_block_is_an_error_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.gift"
    source.write_text("Good?{T}\n\nBroken question {=a ~b\n", encoding="utf-8")
    with pytest.raises(FileProblemsError) as err:
        import_file(source, out=tmp_path / "p")
    assert f"{source}:3:" in str(err.value) and "never closed" in str(err.value)
    assert not (tmp_path / "p").exists()


def test_aiken_fixtures(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "aiken" / "moodle_questions.aiken.txt", out=tmp_path / "a")
    items = list(_items(result).values())
    assert len(items) == 2 and items[0].answer == "B" and items[0].choices["B"] == (
        "Martin Dougiamas")
    assert '<html class="cool"> &' in items[1].stem
    result = import_file(FIXTURES / "aiken" / "qaseditor_aiken_1.txt", out=tmp_path / "b")
    assert len(_items(result)) == 4
    assert result.report.skipped[0].reason == "choice A has no text (media placeholder?)"
    assert "picture" in result.report.notes[0].reason


def test_aiken_errors_name_every_malformed_block(tmp_path: Path) -> None:
    source = FIXTURES / "aiken" / "moodle_aiken_errors.txt"
    with pytest.raises(FileProblemsError) as err:
        import_file(source, format="aiken", out=tmp_path / "p")
    lines = [(p.line, p.message) for p in err.value.problems]
    assert lines == [
        (1, "the question has 1 option(s); Aiken needs at least two."),
        (5, "options start before any question text."),
        (14, "the question has no ANSWER line."),
        (19, "an option has no space after its letter, so it is not read as an option."),
    ]


def test_text2qti_demo_quiz(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "text2qti" / "text2qti_demo_quiz.txt", out=tmp_path / "q")
    items = _items(result)
    assert result.pack.exam.name == "Sample Quiz"
    assert list(items) == ["Multiple-Choice-Q", "Checkbox-Q", "Numerical-Q1", "Numerical-Q2",
                           "Fill-in-the-Blank", "Essay-Question"]
    assert items["Multiple-Choice-Q"].answer == "C" and items["Multiple-Choice-Q"].points == 2
    assert items["Checkbox-Q"].answer == ["B", "C"]
    assert (items["Numerical-Q1"].answer, items["Numerical-Q1"].tolerance) == (1.4142, 0.0001)
    assert items["Numerical-Q2"].answer == pytest.approx(1.2599)
    assert items["Numerical-Q2"].tolerance == pytest.approx(0.0001)
    assert len(items["Fill-in-the-Blank"].accepted) == 5
    assert items["Essay-Question"].points == 2
    assert [s.reason for s in result.report.skipped] == [
        "a file-upload question cannot be represented in a pack"]


def test_text2qti_code_blocks_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    source = tmp_path / "quiz.md"
    source.write_text(
        "Quiz title: Code\n\nGROUP\npick: 1\n```{.python3 .run}\n"
        f"open({str(marker)!r}, 'w').write('x')\nprint('1. Generated?\\n*  yes')\n```\n"
        "END_GROUP\n\n1.  What is 6 x 7?\n=   42\n", encoding="utf-8")
    result = import_file(source, out=tmp_path / "p")
    assert not marker.exists()
    assert [i.id for _, i in result.pack.items()] == ["q1"]
    assert result.report.skipped[0].what == "executable code block"
    fixture = import_file(FIXTURES / "text2qti" / "molpopgen_quiz_groups_codeblocks.md",
                          out=tmp_path / "m")
    assert len(fixture.report.skipped) == 2
    (item,) = [i for _, i in fixture.pack.items()]
    assert item.group == "group-3" and fixture.pack.sections[0].section.form.draw == "per_group"
    assert "[embedded iframe not imported:" in item.stem


def test_agieval_jsonl_passages_and_solutions(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "agieval_jsonl" / "lsat-lr.jsonl", out=tmp_path / "l")
    (section,) = result.pack.sections
    assert len(section.items) == 510
    first = section.items[0]
    assert first.answer == "E" and first.passage == "p1"
    assert first.choices["A"].startswith("During long breaks")
    assert section.passages["p1"].startswith("Editorial: The structure")
    assert first.explanation == NO_EXPLANATION
    sat = import_file(FIXTURES / "agieval_jsonl" / "sat-math.jsonl", out=tmp_path / "s")
    q1 = sat.pack.sections[0].items[0]
    assert q1.answer == "D" and q1.explanation.startswith("Choice D is correct.")
    aqua = import_file(FIXTURES / "agieval_jsonl" / "aqua-rat.jsonl", out=tmp_path / "a")
    assert len(aqua.pack.sections[0].items) + len(aqua.report.skipped) == 254
    assert all("read the same" in s.reason for s in aqua.report.skipped)


def test_mmlu_json_shape_and_malformed_lines(tmp_path: Path) -> None:
    source = tmp_path / "mmlu.jsonl"
    source.write_text('{"question": "2+2?", "choices": ["3", "4", "5", "6"], "answer": 1}\n'
                      '{"question": "Pick primes", "options": {"A": "2", "B": "4", "C": "5"},'
                      ' "label": ["A", "C"]}\n', encoding="utf-8")
    result = import_file(source, out=tmp_path / "p")
    items = [i for _, i in result.pack.items()]
    assert items[0].answer == "B" and items[1].answer == ["A", "C"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "ok", "options": ["a", "b"], "label": "A"}\n{oops\n',
                   encoding="utf-8")
    with pytest.raises(FileProblemsError) as err:
        import_file(bad, out=tmp_path / "q")
    assert err.value.problems[0].line == 2


def test_mmlu_csv(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "mmlu_csv" / "high_school_computer_science_dev.csv",
                         out=tmp_path / "c")
    items = [i for _, i in result.pack.items()]
    assert len(items) == 5 and items[0].answer == "C"
    assert any("\n" in i.stem for i in items)  # quoted multi-line pseudo-code kept
    facts = import_file(FIXTURES / "mmlu_csv" / "global_facts_test.csv", out=tmp_path / "f")
    assert facts.pack.item_count() + len(facts.report.skipped) == 100


@pytest.mark.parametrize(("name", "fmt"), [
    ("gift/moodle_questions.gift.txt", "gift"), ("aiken/qaseditor_aiken_1.txt", "aiken"),
    ("text2qti/text2qti_demo_quiz.txt", "md"), ("text2qti/molpopgen_quiz_groups_codeblocks.md",
                                                "md"),
    ("moodle_xml/qaseditor_all.xml", "moodle"), ("qti21/qtisdk_choice.xml", "qti"),
    ("qti30/1edtech_BBQsTest.zip", "qti"), ("agieval_jsonl/aqua-rat.jsonl", "jsonl"),
    ("mmlu_csv/college_chemistry_val.csv", "csv"),
    ("pdf/uscis_civics_100q_rev0117.pdf", "pdf")])
def test_format_detection(name: str, fmt: str) -> None:
    assert detect_format(FIXTURES / name) == fmt


def test_registry_lists_every_builtin() -> None:
    assert importers.names() == ["aiken", "csv", "gift", "jsonl", "md", "moodle", "pdf", "qti"]


def test_imported_packs_validate_and_stay_out_of_bundled_exams(tmp_path: Path) -> None:
    from examsim.resources import bundled_dir

    source = FIXTURES / "gift" / "giftpeg_giftFormatPhpExamples.gift"
    result = import_file(source, out=tmp_path / "p", options=ImportOptions(name="Grant"))
    pack, problems = inspect_pack(result.out)
    assert problems == [] and pack is not None
    assert pack.exam.name == "Grant" and pack.exam.provenance == "imported"
    with pytest.raises(ExamsimError, match="bundled exams/ folder"):
        import_file(source, out=bundled_dir("exams") / "grant")
    with pytest.raises(ExamsimError, match="already exists and is not empty"):
        import_file(source, out=tmp_path / "p")
