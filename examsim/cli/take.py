"""``examsim take``: a person sits an exam in the terminal under its conditions.

The sitting itself (state, timers, saving) is ``examsim.take``; the screens are in
``take_screens``; this module reads what the person types and acts on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from examsim.cli.line_input import EndOfInput, LineInput, TimeRanOut
from examsim.cli.options import PacksOption
from examsim.cli.take_screens import (
    HELP,
    draw_intro,
    draw_item,
    draw_materials,
    draw_result,
    draw_review,
    draw_stopped,
    draw_time_up,
    draw_welcome,
    prompt_for,
    words,
)

if TYPE_CHECKING:
    from rich.console import Console

    from examsim.take import Command, SectionState, Sitting


class _Quit(Exception):
    """The person stopped (:q, end of input)."""


@dataclass
class _Ui:
    """The console, the keyboard and the sitting, with a message for the next screen."""

    out: Console
    keys: LineInput
    sitting: Sitting
    notice: str = ""

    def say(self, text: str) -> None:
        """Tell the person what happened (kept for the next screen on a live terminal)."""
        self.out.print(text, markup=False, highlight=False, soft_wrap=True)
        if self.keys.live:
            self.notice = text

    def read(self, label: str) -> str:
        """A line typed under the section's clock; ``_Quit`` at the end of input."""
        try:
            return self.keys.read(prompt_for(label), self.sitting.remaining)
        except EndOfInput:
            raise _Quit() from None


def sit(out: Console, sitting: Sitting, keys: LineInput) -> bool:
    """Sit until every section has ended (True) or the person stops (False)."""
    from examsim.take import TimeUp

    ui = _Ui(out, keys, sitting)
    redraw = True
    shown: tuple[int, int] | None = None
    try:
        while not sitting.finished:
            ended = sitting.expire_if_due()
            if ended is not None:
                _time_up(ui, ended)
                redraw = True
                continue
            if not sitting.section.started:
                _begin_section(ui)
                redraw = True
            if redraw or shown != (sitting.section_index, sitting.position):
                draw_item(out, sitting, keys.live, ui.notice)
                ui.notice = ""
                shown = (sitting.section_index, sitting.position)
            try:
                redraw = _handle(ui, ui.read("Answer or :command"))
            except (TimeRanOut, TimeUp):
                redraw = True  # the loop ends the section
    except (_Quit, EndOfInput):
        draw_stopped(out, sitting)
        return False
    except KeyboardInterrupt:
        out.print()
        draw_stopped(out, sitting)
        raise typer.Exit(130) from None
    return True


def _begin_section(ui: _Ui) -> None:
    draw_intro(ui.out, ui.sitting, ui.keys.live)
    reply = ui.keys.read(prompt_for("Press Enter to begin (:q to stop)"))
    if reply.strip().lower() in (":q", "q"):
        raise _Quit()
    ui.sitting.begin_section()


def _time_up(ui: _Ui, ended: SectionState) -> None:
    draw_time_up(ui.out, ended)
    ui.keys.read(prompt_for("Press Enter to continue"))


def _handle(ui: _Ui, line: str) -> bool:
    """Act on one line typed at a question; True when the screen must be drawn again."""
    from examsim.packs.schema import FreeResponseItem
    from examsim.take import InvalidAnswer, parse_command
    from examsim.take.answers import Command, answer_text

    sitting = ui.sitting
    try:
        command = parse_command(line)
        if command is None and not line.strip():
            command = Command("next")
        if command is not None:
            return _command(ui, command)
        if isinstance(sitting.current.item, FreeResponseItem):
            _write_response(ui, line)
            ui.say(f"Response saved ({words(sitting.current.text)}).")
        else:
            saved = sitting.answer(line)
            ui.say(f"Saved question {saved.number}: {answer_text(saved.item, saved.answer)}.")
    except InvalidAnswer as exc:
        ui.out.print(str(exc), markup=False, highlight=False)
        return False
    return _command(ui, Command("next"))


def _command(ui: _Ui, command: Command) -> bool:
    from examsim.take import InvalidAnswer

    sitting = ui.sitting
    state = sitting.current
    name = command.name
    if name == "next":
        if not sitting.next():
            _review(ui)
        return True
    if name == "previous":
        if not sitting.previous():
            raise InvalidAnswer("This is the first question of the section.")
        return True
    if name == "go":
        if not command.argument.isdigit():
            raise InvalidAnswer("Type :g and a question number, e.g. :g 12.")
        sitting.go_to(int(command.argument))
        return True
    if name == "flag":
        flagged = sitting.toggle_flag().flagged
        ui.say(f"Question {state.number} {'flagged' if flagged else 'unflagged'}.")
        return ui.keys.live  # a terminal shows the flag in the title; a transcript says it
    if name == "clear":
        sitting.clear()
        ui.say(f"Question {state.number}: answer cleared.")
        return ui.keys.live
    if name == "review":
        _review(ui)
        return True
    if name == "materials":
        draw_materials(ui.out, sitting, ui.keys.live)
        return ui.keys.live
    if name == "submit":
        return _submit(ui)
    if name == "quit":
        raise _Quit()
    ui.out.print(HELP, markup=False, highlight=False)
    return False


def _write_response(ui: _Ui, first: str) -> None:
    """Take lines until '.' alone, saving the whole response after every line."""
    from examsim.take.answers import END_OF_TEXT

    sitting = ui.sitting
    base = sitting.current.text if sitting.current.answered else ""
    lines = [base, first] if base else [first]
    sitting.write_text("\n".join(lines))
    while True:
        try:
            line = ui.keys.read(prompt_for(" |", " "), sitting.remaining)
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


def _submit(ui: _Ui) -> bool:
    section = ui.sitting.section
    ui.out.print(f"Submit {section.name}? {len(section.unanswered())} unanswered, "
                 f"{len(section.flagged())} flagged. You cannot come back to this section.",
                 markup=False, highlight=False, soft_wrap=True)
    if ui.read("Type yes to submit").strip().lower() not in ("y", "yes"):
        ui.say("Not submitted.")
        return False
    ui.sitting.end_section("submitted")
    ui.say(f"{section.name} submitted.")
    return True


def _review(ui: _Ui) -> None:
    """The review screen: go to a question, go back, submit, or stop."""
    from examsim.take import InvalidAnswer, parse_command

    sitting = ui.sitting
    draw_review(ui.out, sitting, ui.keys.live)
    while True:
        line = ui.read("Question number").strip()
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
                if _submit(ui):
                    return
                continue
            if command.name == "quit":
                raise _Quit()
            raise InvalidAnswer(f"Type a question number (1-{len(sitting.section.items)}), "
                                "Enter to go back, :s to submit or :q to stop.")
        except InvalidAnswer as exc:
            ui.out.print(str(exc), markup=False, highlight=False)


# --- the command ---------------------------------------------------------------------------------


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
    time_factor: Annotated[float | None, typer.Option("--time-factor", min=0.01, help="Multiply "
                                                      "every time limit (1.5: extra time) "
                                                      "[default: 1].", show_default=False)
                           ] = None,
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
        draw_welcome(out, sitting)
        if not sit(out, sitting, keys):
            return
    finally:
        keys.close()  # the terminal as it was, however the sitting ends
    sitting.finish()
    out.print(f"Finished. Your answers are saved in {sitting.run.path}.", markup=False,
              highlight=False, soft_wrap=True)
    out.print()
    draw_result(out, sitting_result(sitting.run.path, sitting.pack, norms))


def _open(out: Console, keys: LineInput, exam: str | None, name: str | None,
          resume: Path | None, new: bool, seed: int | None, time_factor: float | None,
          out_dir: Path | None, runs_dir: Path, packs: list[Path]) -> Sitting | None:
    """The sitting to continue or begin; None when the person stops before it begins."""
    from examsim.errors import UsageError
    from examsim.packs import load_pack
    from examsim.take import resume_sitting, start_sitting
    from examsim.take.start import check_candidate

    if resume is not None:
        if any(v is not None for v in (exam, name, seed, out_dir, time_factor)):
            raise UsageError("EXAM, --name, --seed, --time-factor and --out cannot change a "
                             f"sitting being resumed. Fix: examsim take --resume {resume}")
        return resume_sitting(resume)
    if exam is None:
        raise UsageError("Missing exam. Fix: examsim take EXAM --name NAME "
                         "(see 'examsim list').")
    pack = load_pack(exam, packs)
    try:
        if name is None:
            try:
                name = keys.read(prompt_for("Your name"))
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
                         time_factor=1.0 if time_factor is None else time_factor)


def _offer_resume(out: Console, keys: LineInput, runs_dir: Path, exam_id: str,
                  name: str) -> Path | None:
    from examsim.take import find_unfinished

    found = find_unfinished(runs_dir, exam_id, name)
    if not found:
        return None
    latest = found[0]
    out.print(f"{name} has an unfinished sitting of {exam_id} in {latest.path} (started "
              f"{latest.started_at[:16].replace('T', ' ')} UTC, {latest.answered} of "
              f"{latest.items} answered).", markup=False, highlight=False, soft_wrap=True)
    try:
        reply = keys.read(prompt_for("Resume it? [Y/n]")).strip().lower()
    except EndOfInput:
        raise _Quit() from None
    return None if reply in ("n", "no") else latest.path


def register(app: typer.Typer) -> None:
    app.command("take")(take_command)
