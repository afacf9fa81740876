"""``examsim take``: a person sits an exam in the terminal under its conditions.

The sitting itself (state, timers, saving) is ``examsim.take``; this module draws the
screens and reads what the person types. Screens are kept short for an 80x24 terminal
and read without colour.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.line_input import EndOfInput, LineInput, Prompt, TimeRanOut
from examsim.cli.options import PacksOption

if TYPE_CHECKING:
    from rich.console import Console

    from examsim.take import ItemState, SectionState, Sitting, SittingResult

KEYS = "Enter alone: next  :p back  :f flag  :r review  :g N go to  :h help"
HELP = """Commands (type them at the prompt, then Enter):
  Enter alone  next question (after the last one: the review)
  :n  :p       next / previous question
  :g N  or :N  go to question N of this section
  :f           flag or unflag this question for review
  :r           review this section: answers, flags, what is left
  :c           clear this question's answer
  :m           read the passage and materials again
  :s           submit this section (you cannot come back to it)
  :q           stop for now: answers are saved, but the clock keeps running"""


class _Quit(Exception):
    """The person stopped (:q, end of input)."""


def clock_text(seconds: float) -> str:
    """``09:42`` or ``1:02:03``; rounds up, so 00:00 shows only when the time is up."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def _prompt(label: str, end: str = ": ") -> Prompt:
    def text(left: float | None) -> str:
        clock = f"[{clock_text(left)} left] " if left is not None else ""
        return f"{clock}{label}{end}"

    return text


def _markdown(out: Console, text: str, indent: int = 0) -> None:
    """Markdown without the padding rich adds to the end of each line."""
    from rich.markdown import Markdown
    from rich.padding import Padding

    with out.capture() as captured:
        out.print(Padding(Markdown(text), (0, 0, 0, indent)) if indent else Markdown(text))
    for line in captured.get().splitlines():
        out.file.write(line.rstrip() + "\n")
    out.file.flush()


def _rule(out: Console, title: str) -> None:
    from rich.text import Text

    out.rule(Text(title))


def _words(text: str) -> str:
    count = len(text.split())
    return f"{count:,} word{'s' if count != 1 else ''}"


def _g(value: float) -> str:
    return f"{value:g}"


# --- screens ----------------------------------------------------------------------------------


def _conditions(sitting: Sitting, section: SectionState) -> list[str]:
    rule = section.section.section.scoring
    spec = section.section.section
    count = len(section.items)
    limit = sitting.remaining(section)
    lines = [f"{count} question{'s' if count != 1 else ''}; "
             + (f"time: {clock_text(limit)}" if limit is not None else "no time limit")]
    lines.append("Aids allowed: " + (", ".join(spec.allowed_aids) or "none"))
    scoring = []
    if rule.wrong:
        scoring.append(f"a wrong answer {'loses' if rule.wrong < 0 else 'earns'} "
                       f"{_g(abs(rule.wrong))} point(s)")
    else:
        scoring.append("no penalty for wrong answers")
    if rule.blank:
        scoring.append(f"a blank answer earns {_g(rule.blank)} point(s)")
    lines.append("Scoring: " + "; ".join(scoring) + ".")
    return lines


def _show_intro(out: Console, sitting: Sitting, keys: LineInput) -> None:
    section = sitting.section
    number = sitting.section_index + 1
    if keys.live:
        out.clear()
    _rule(out, f"Section {number} of {len(sitting.sections)}: {section.name}")
    for line in _conditions(sitting, section):
        out.print(line, markup=False)
    out.print()
    _markdown(out, section.section.section.instructions)
    out.print()
    if section.limit_s is not None:
        out.print("The clock starts when you press Enter.", markup=False)
        out.print("It keeps running even if you close the terminal.", markup=False)
    if keys.read(_prompt("Press Enter to begin (:q to stop)")).strip().lower() in (":q", "q"):
        raise _Quit()


def _answer_hint(state: ItemState) -> str:
    from examsim.packs.schema import (
        FreeResponseItem,
        MultipleChoiceItem,
        NumericItem,
    )
    from examsim.take.answers import is_multi_answer, letter_span

    item = state.item
    if isinstance(item, MultipleChoiceItem):
        if is_multi_answer(item):
            return f"Choose all that apply: type the letters ({letter_span(item)}), e.g. AC."
        return f"Type one letter ({letter_span(item)})."
    if isinstance(item, NumericItem):
        unit = f" in {item.unit}" if item.unit else ""
        return f"Type a number{unit}, e.g. 3.5 or 7/2."
    if isinstance(item, FreeResponseItem):
        return ("Type your response line by line; a line with only . ends it.\n"
                "It is saved after every line; typing again adds to it (:c clears it).")
    return "Type a word or short phrase."


def _show_item(out: Console, sitting: Sitting, keys: LineInput) -> None:
    from examsim.packs.schema import FreeResponseItem, MultipleChoiceItem
    from examsim.take.answers import answer_text

    state = sitting.current
    item = state.item
    section = sitting.section
    if keys.live:
        out.clear()
    title = f"{section.name}: question {state.number} of {len(section.items)}"
    _rule(out, title + (" [flagged]" if state.flagged else ""))
    passage = section.section.passage_of(item)
    if passage:
        out.print(f"Passage ({_words(passage)}):", style="italic", markup=False)
        _markdown(out, passage, indent=2)
    _markdown(out, item.stem)
    for image in item.images:
        out.print(f"Figure: {sitting.pack.root / image.path}", markup=False)
        out.print(f"  Description: {image.alt}", markup=False)
    if isinstance(item, FreeResponseItem):
        for material in item.materials:
            out.print(f"Material: {material.title} ({_words(material.body)}; :m to read)",
                      markup=False)
        if state.answered:
            out.print(f"Your response so far ({_words(state.text)}):", style="bold",
                      markup=False)
            for line in state.text.splitlines():
                out.print(f"  {line}".rstrip(), markup=False, highlight=False)
        else:
            out.print("Your response: (none yet)", style="bold", markup=False)
    else:
        if isinstance(item, MultipleChoiceItem):
            for letter, text in item.choices.items():
                out.print(f"  {letter}. {text}", markup=False)
        shown = answer_text(item, state.answer) if state.answered else "(none)"
        if state.answered and state.text and state.text != shown:
            shown += f" (typed: {state.text})"
        out.print(f"Your answer: {shown}", style="bold", markup=False)
    out.print(_answer_hint(state), markup=False)
    out.print(KEYS, markup=False)


def _show_review(out: Console, sitting: Sitting, keys: LineInput) -> None:
    from examsim.packs.schema import FreeResponseItem
    from examsim.take.answers import answer_text

    section = sitting.section
    if keys.live:
        out.clear()
    _rule(out, f"Review: {section.name}")
    cell = 13
    per_row = max(1, (out.width - 1) // cell)
    cells = []
    for state in section.items:
        if not state.answered:
            shown = "-"
        elif isinstance(state.item, FreeResponseItem):
            shown = f"{len(state.text.split())}w"
        else:
            shown = answer_text(state.item, state.answer).replace(", ", "")
        mark = "*" if state.flagged else " "
        cells.append(f"{state.number:>3} {shown[:7]:<7}{mark}")
    for start in range(0, len(cells), per_row):
        out.print(" ".join(cells[start:start + per_row]).rstrip(), markup=False)
    unanswered = [str(s.number) for s in section.unanswered()]
    flagged = [str(s.number) for s in section.flagged()]
    out.print(f"Answered {len(section.items) - len(unanswered)} of {len(section.items)}. "
              f"Unanswered: {', '.join(unanswered) or 'none'}. "
              f"Flagged (*): {', '.join(flagged) or 'none'}.", markup=False)
    out.print("A number: go to that question. Enter: back. :s submit the section. :q stop.",
              markup=False)


def _show_materials(out: Console, sitting: Sitting, keys: LineInput) -> None:
    from examsim.packs.schema import FreeResponseItem

    item = sitting.current.item
    passage = sitting.section.section.passage_of(item)
    parts: list[tuple[str, str]] = [("Passage", passage)] if passage else []
    if isinstance(item, FreeResponseItem):
        parts += [(m.title, m.body) for m in item.materials]
    if not parts:
        out.print("This question has no passage or materials.", markup=False)
        return

    def show() -> None:
        for title, body in parts:
            _rule(out, title)
            _markdown(out, body)

    if keys.live:
        # A pager lets long materials be read page by page; the clock keeps running.
        with out.pager(styles=False):
            show()
    else:
        show()


# --- the sitting --------------------------------------------------------------------------------


def _stopped(out: Console, sitting: Sitting) -> None:
    lines = [f"Stopped. Your answers are saved in {sitting.run.path}."]
    if not sitting.finished:
        section = sitting.section
        left = sitting.remaining(section)
        if section.started and left is not None:
            lines.append(f"The clock keeps running while you are away: {section.name} has "
                         f"{clock_text(left)} left.")
    lines.append(f"Continue with: examsim take --resume {sitting.run.path}")
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


def _time_up(out: Console, ended: SectionState, keys: LineInput) -> None:
    blank = len(ended.unanswered())
    out.print(f"Time is up for {ended.name}. Your answers are saved; {blank} unanswered "
              f"question{'s count' if blank != 1 else ' counts'} as blank.", markup=False,
              soft_wrap=True)
    keys.read(_prompt("Press Enter to continue"))


def _read(keys: LineInput, sitting: Sitting, label: str) -> str:
    try:
        return keys.read(_prompt(label), sitting.remaining)
    except EndOfInput:
        raise _Quit() from None


def _write_response(out: Console, sitting: Sitting, keys: LineInput, first: str) -> None:
    """Take lines until '.' alone, saving the whole response after every line."""
    from examsim.take.answers import END_OF_TEXT

    base = sitting.current.text if sitting.current.answered else ""
    lines = [base, first] if base else [first]
    sitting.write_text("\n".join(lines))
    while True:
        try:
            line = keys.read(_prompt(" |", " "), sitting.remaining)
        except TimeRanOut as ran_out:
            if ran_out.typed.strip():
                _save_late(sitting, "\n".join([*lines, ran_out.typed]))
            raise
        except EndOfInput:
            raise _Quit() from None
        if line.strip() == END_OF_TEXT:
            return
        lines.append(line)
        sitting.write_text("\n".join(lines))


def _save_late(sitting: Sitting, text: str) -> None:
    """What was on screen when the time ran out (saved within the grace period only)."""
    import contextlib

    from examsim.take import TimeUp

    with contextlib.suppress(TimeUp):
        sitting.write_text(text)


def _submit(out: Console, sitting: Sitting, keys: LineInput) -> bool:
    section = sitting.section
    left = len(section.unanswered())
    flagged = len(section.flagged())
    out.print(f"Submit {section.name}? {left} unanswered, {flagged} flagged. You cannot come "
              "back to this section.", markup=False, soft_wrap=True)
    answer = _read(keys, sitting, "Type yes to submit").strip().lower()
    if answer not in ("y", "yes"):
        out.print("Not submitted.", markup=False)
        return False
    sitting.end_section("submitted")
    out.print(f"{section.name} submitted.", markup=False)
    return True


def _review(out: Console, sitting: Sitting, keys: LineInput) -> None:
    from examsim.take import InvalidAnswer, parse_command

    _show_review(out, sitting, keys)
    while True:
        line = _read(keys, sitting, "Question number").strip()
        if not line:
            return
        try:
            command = parse_command(line if line.startswith(":") else ":g " + line)
            if command is None or command.name in ("next", "previous", "review"):
                return
            if command.name == "go" and command.argument.isdigit():
                sitting.go_to(int(command.argument))
                return
            if command.name == "submit":
                if _submit(out, sitting, keys):
                    return
                continue
            if command.name == "quit":
                raise _Quit()
            count = len(sitting.section.items)
            out.print(f"Type a question number (1-{count}), Enter to go back, :s to submit "
                      "or :q to stop.", markup=False)
        except InvalidAnswer as exc:
            out.print(str(exc), markup=False)


def _handle(out: Console, sitting: Sitting, keys: LineInput, line: str) -> bool:
    """Act on one line typed at a question; True when the screen must be drawn again."""
    from examsim.packs.schema import FreeResponseItem
    from examsim.take import InvalidAnswer, parse_command
    from examsim.take.answers import answer_text

    try:
        command = parse_command(line)
    except InvalidAnswer as exc:
        out.print(str(exc), markup=False)
        return False
    state = sitting.current
    if command is None and not line.strip():
        command_name = "next"
    elif command is None:
        if isinstance(state.item, FreeResponseItem):
            _write_response(out, sitting, keys, line)
            out.print(f"Response saved ({_words(sitting.current.text)}).", markup=False)
            if not sitting.next():
                _review(out, sitting, keys)
            return True
        try:
            saved = sitting.answer(line)
        except InvalidAnswer as exc:
            out.print(str(exc), markup=False)
            return False
        out.print(f"Saved question {saved.number}: {answer_text(saved.item, saved.answer)}.",
                  markup=False)
        if not sitting.next():
            _review(out, sitting, keys)
        return True
    else:
        command_name = command.name
    if command_name == "next":
        if not sitting.next():
            _review(out, sitting, keys)
        return True
    if command_name == "previous":
        if not sitting.previous():
            out.print("This is the first question of the section.", markup=False)
            return False
        return True
    if command_name == "go":
        assert command is not None
        if not command.argument.isdigit():
            out.print("Type :g and a question number, e.g. :g 12.", markup=False)
            return False
        try:
            sitting.go_to(int(command.argument))
        except InvalidAnswer as exc:
            out.print(str(exc), markup=False)
            return False
        return True
    if command_name == "flag":
        flagged = sitting.toggle_flag().flagged
        out.print(f"Question {state.number} {'flagged' if flagged else 'unflagged'}.",
                  markup=False)
        return keys.live  # a terminal shows the flag in the title; a transcript says it
    if command_name == "clear":
        sitting.clear()
        out.print(f"Question {state.number}: answer cleared.", markup=False)
        return keys.live
    if command_name == "review":
        _review(out, sitting, keys)
        return True
    if command_name == "materials":
        _show_materials(out, sitting, keys)
        return keys.live
    if command_name == "submit":
        return _submit(out, sitting, keys)
    if command_name == "quit":
        raise _Quit()
    out.print(HELP, markup=False)
    return False


def sit(out: Console, sitting: Sitting, keys: LineInput) -> bool:
    """Sit until every section has ended (True) or the person stops (False)."""
    from examsim.take import TimeUp

    redraw = True
    current: tuple[int, int] | None = None
    try:
        while not sitting.finished:
            ended = sitting.expire_if_due()
            if ended is not None:
                _time_up(out, ended, keys)
                redraw = True
                continue
            if not sitting.section.started:
                _show_intro(out, sitting, keys)
                sitting.begin_section()
                redraw = True
            if redraw or current != (sitting.section_index, sitting.position):
                _show_item(out, sitting, keys)
                current = (sitting.section_index, sitting.position)
            try:
                line = _read(keys, sitting, "Answer or :command")
                redraw = _handle(out, sitting, keys, line)
            except (TimeRanOut, TimeUp):
                redraw = True  # the loop ends the section
    except (_Quit, EndOfInput):
        _stopped(out, sitting)
        return False
    except KeyboardInterrupt:
        out.print()
        _stopped(out, sitting)
        raise typer.Exit(130) from None
    return True


def render_result(out: Console, result: SittingResult) -> None:
    from examsim.cli.scoring import render_run

    for line in render_run(result.score):
        out.print(line, markup=False, soft_wrap=True)
    for mark in result.pass_marks:
        verdict = "waits for grading" if mark.passed is None else (
            "passed" if mark.passed else "not passed")
        out.print(f"{mark.name}: {_g(round(mark.raw, 2))} points, pass mark {_g(mark.mark)}: "
                  f"{verdict}.", markup=False, soft_wrap=True)
    if result.to_grade:
        out.print("", markup=False)
        out.print(f"Waiting for grading: {', '.join(result.to_grade)} (free response). The "
                  "score is complete once they are graded:", markup=False, soft_wrap=True)
        out.print(f"  {result.grade_command}", markup=False, soft_wrap=True)
        out.print(f"  examsim score {result.run_dir}", markup=False, soft_wrap=True)


def _offer_resume(out: Console, keys: LineInput, runs_dir: Path, exam_id: str,
                  name: str) -> Path | None:
    from examsim.take import find_unfinished

    found = find_unfinished(runs_dir, exam_id, name)
    if not found:
        return None
    latest = found[0]
    out.print(f"{name} has an unfinished sitting of {exam_id} in {latest.path} (started "
              f"{latest.started_at[:16].replace('T', ' ')} UTC, {latest.answered} of "
              f"{latest.items} answered).", markup=False, soft_wrap=True)
    try:
        reply = keys.read(_prompt("Resume it? [Y/n]")).strip().lower()
    except EndOfInput:
        raise _Quit() from None
    return None if reply in ("n", "no") else latest.path


def take_command(
    exam: Annotated[str | None, typer.Argument(help="Exam id or pack folder (not needed with "
                                               "--resume).", show_default=False)] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="The candidate's name "
                                             "(asked for when not given).",
                                             show_default=False)] = None,
    resume: Annotated[Path | None, typer.Option("--resume", help="Continue this sitting's run "
                                                "directory.", show_default=False)] = None,
    new: Annotated[bool, typer.Option("--new", help="Start a new sitting even when this "
                                      "person has an unfinished one.")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the form draw and item "
                                             "order [default: a new one per sitting].",
                                             show_default=False)] = None,
    time_factor: Annotated[float, typer.Option("--time-factor", min=0.01, help="Multiply "
                                               "every time limit (1.5: extra time).")] = 1.0,
    norms: Annotated[str | None, typer.Option("--norms", help="Norm table id or set for the "
                                              "percentile at the end (e.g. a class's, from "
                                              "'examsim norms build').",
                                              show_default=False)] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Run directory [default: "
                                                 "runs/<exam>-human-<name>-<time>].",
                                                 show_default=False)] = None,
    runs_dir: Annotated[Path, typer.Option("--runs-dir", help="Folder of run directories "
                                           "(searched for unfinished sittings).")
                        ] = Path("runs"),
    packs: PacksOption = None,
) -> None:
    """Sit an exam in the terminal: timed sections, every answer saved as it is given."""
    from examsim.cli.console import console
    from examsim.cli.line_input import line_input
    from examsim.take import sitting_result

    out = console()
    keys = line_input()
    try:
        sitting = _open(out, keys, exam, name, resume, new, seed, time_factor, out_dir,
                        runs_dir, packs or [])
        if sitting is None:
            return
        _welcome(out, sitting)
        if not sit(out, sitting, keys):
            return
    finally:
        keys.close()  # the terminal as it was, however the sitting ends
    sitting.finish()
    out.print(f"Finished. Your answers are saved in {sitting.run.path}.", markup=False,
              soft_wrap=True)
    out.print()
    render_result(out, sitting_result(sitting.run.path, sitting.pack, norms))


def _open(out: Console, keys: LineInput, exam: str | None, name: str | None,
          resume: Path | None, new: bool, seed: int | None, time_factor: float,
          out_dir: Path | None, runs_dir: Path, packs: list[Path]) -> Sitting | None:
    """The sitting to continue or begin; None when the person stops before it begins."""
    from examsim.errors import UsageError
    from examsim.packs import load_pack
    from examsim.take import resume_sitting, start_sitting
    from examsim.take.start import check_candidate

    if resume is not None:
        if exam is not None or name is not None or seed is not None or out_dir is not None:
            raise UsageError("EXAM, --name, --seed and --out cannot change a sitting being "
                             f"resumed. Fix: examsim take --resume {resume}")
        return resume_sitting(resume)
    if exam is None:
        raise UsageError("Missing exam. Fix: examsim take EXAM --name NAME "
                         "(see 'examsim list').")
    pack = load_pack(exam, packs)
    try:
        if name is None:
            try:
                name = keys.read(_prompt("Your name"))
            except EndOfInput:
                raise _Quit() from None
        name = check_candidate(name)
        found = None if new or out_dir is not None else _offer_resume(
            out, keys, runs_dir, pack.id, name)
    except _Quit:
        out.print("Stopped before the sitting began.", markup=False)
        return None
    if found is not None:
        return resume_sitting(found)
    return start_sitting(pack, name, runs_dir=runs_dir, out=out_dir, seed=seed,
                         time_factor=time_factor)


def _welcome(out: Console, sitting: Sitting) -> None:
    pack = sitting.pack
    drawn = sum(len(s.items) for s in sitting.sections)
    pool = pack.item_count()
    verb = "Resuming" if any(s.started for s in sitting.sections) else "Starting"
    out.print(f"{verb} {pack.exam.name} ({pack.id}) for {sitting.candidate}: "
              f"{len(sitting.sections)} section(s), {drawn} question(s).", markup=False,
              soft_wrap=True)
    if drawn < pool:
        out.print(f"This form was drawn from a pool of {pool} (seed {sitting.manifest.seed}).",
                  markup=False)
    out.print(f"Answers are saved as you give them, in {sitting.run.path}.", markup=False,
              soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("take")(take_command)
