"""The screens of ``examsim take``: section instructions, a question, the review, the
materials and the result. Each fits an 80x24 terminal and reads without colour; on a live
terminal a screen replaces the one before, in a transcript they follow one another."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from examsim.cli.line_input import Prompt

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


def clock_text(seconds: float) -> str:
    """``09:42`` or ``1:02:03``; rounds up, so 00:00 shows only when the time is up."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def prompt_for(label: str, end: str = ": ") -> Prompt:
    """A prompt that starts with the time left, when a clock runs."""

    def text(left: float | None) -> str:
        clock = f"[{clock_text(left)} left] " if left is not None else ""
        return f"{clock}{label}{end}"

    return text


def words(text: str) -> str:
    count = len(text.split())
    return f"{count:,} word{'s' if count != 1 else ''}"


def _g(value: float) -> str:
    return f"{value:g}"


def _line(out: Console, text: str, style: str | None = None) -> None:
    """A line of plain text: never read as markup (a student may type brackets)."""
    out.print(text, style=style, markup=False, highlight=False, soft_wrap=True)


def _wrapped(out: Console, text: str, first: str, rest: str, style: str | None = None) -> None:
    """Text wrapped to the console's width under a hanging indent (``  B. ...``)."""
    import textwrap

    lines = textwrap.wrap(text, width=max(out.width, 20), initial_indent=first,
                          subsequent_indent=rest, break_on_hyphens=False) or [first.rstrip()]
    for line in lines:
        _line(out, line, style)


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


# --- a section's instructions -------------------------------------------------------------------


def conditions(sitting: Sitting, section: SectionState) -> list[str]:
    """Questions, time, aids and the scoring rule, as the candidate is told them."""
    spec = section.section.section
    rule = spec.scoring
    count = len(section.items)
    limit = sitting.remaining(section)
    lines = [f"{count} question{'s' if count != 1 else ''}; "
             + (f"time: {clock_text(limit)}" if limit is not None else "no time limit")]
    lines.append("Aids allowed: " + (", ".join(spec.allowed_aids) or "none"))
    scoring = []
    if rule.correct is not None:
        scoring.append(f"a right answer earns {_g(rule.correct)} point(s)")
    if rule.wrong:
        scoring.append(f"a wrong answer {'loses' if rule.wrong < 0 else 'earns'} "
                       f"{_g(abs(rule.wrong))} point(s)")
    else:
        scoring.append("no penalty for wrong answers")
    if rule.blank:
        scoring.append(f"a blank answer earns {_g(rule.blank)} point(s)")
    if rule.multiple_answer == "partial":
        scoring.append("partial credit where several answers are right")
    lines.append("Scoring: " + "; ".join(scoring) + ".")
    return lines


def draw_intro(out: Console, sitting: Sitting, live: bool) -> None:
    section = sitting.section
    if live:
        out.clear()
    _rule(out, f"Section {sitting.section_index + 1} of {len(sitting.sections)}: "
               f"{section.name}")
    for line in conditions(sitting, section):
        _line(out, line)
    out.print()
    _markdown(out, section.section.section.instructions)
    out.print()
    if section.limit_s is not None:
        _line(out, "The clock starts when you press Enter.")
        _line(out, "It keeps running even if you close the terminal.")


# --- a question -----------------------------------------------------------------------------


def answer_hint(state: ItemState) -> str:
    """What to type for this item."""
    from examsim.packs.schema import FreeResponseItem, MultipleChoiceItem, NumericItem
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


def draw_item(out: Console, sitting: Sitting, live: bool, notice: str = "") -> None:
    """The current question; ``notice`` (what just happened) under it on a live terminal."""
    from examsim.packs.schema import FreeResponseItem, MultipleChoiceItem
    from examsim.take.answers import answer_text

    state = sitting.current
    item = state.item
    section = sitting.section
    if live:
        out.clear()
    title = f"{section.name}: question {state.number} of {len(section.items)}"
    _rule(out, title + (" [flagged]" if state.flagged else ""))
    passage = section.section.passage_of(item)
    if passage:
        _line(out, f"Passage ({words(passage)}):", style="italic")
        _markdown(out, passage, indent=2)
    _markdown(out, item.stem)
    for image in item.images:
        _line(out, f"Figure: {sitting.pack.root / image.path}")
        _wrapped(out, image.alt, "  Description: ", "    ")
    if isinstance(item, FreeResponseItem):
        for material in item.materials:
            _wrapped(out, f"{material.title} ({words(material.body)}; :m to read)",
                     "Material: ", "  ")
        if state.answered:
            _line(out, f"Your response so far ({words(state.text)}):", style="bold")
            for text in state.text.splitlines():
                _wrapped(out, text, "  ", "  ")
        else:
            _line(out, "Your response: (none yet)", style="bold")
    else:
        if isinstance(item, MultipleChoiceItem):
            for letter, text in item.choices.items():
                _wrapped(out, text, f"  {letter}. ", " " * (len(letter) + 4))
        shown = answer_text(item, state.answer) if state.answered else "(none)"
        if state.answered and state.text and state.text != shown:
            shown += f" (typed: {state.text})"
        _line(out, f"Your answer: {shown}", style="bold")
    _line(out, answer_hint(state))
    _line(out, KEYS)
    if live and notice:
        _line(out, notice, style="italic")


def draw_review(out: Console, sitting: Sitting, live: bool) -> None:
    """Every question of the section: its answer (``-`` for none) and flag (``*``)."""
    from examsim.packs.schema import FreeResponseItem
    from examsim.take.answers import answer_text

    section = sitting.section
    if live:
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
        _line(out, " ".join(cells[start:start + per_row]).rstrip())
    unanswered = [str(s.number) for s in section.unanswered()]
    flagged = [str(s.number) for s in section.flagged()]
    _line(out, f"Answered {len(section.items) - len(unanswered)} of {len(section.items)}. "
               f"Unanswered: {', '.join(unanswered) or 'none'}. "
               f"Flagged (*): {', '.join(flagged) or 'none'}.")
    _line(out, "A number: go to that question. Enter: back. :s submit the section. :q stop.")


def draw_materials(out: Console, sitting: Sitting, live: bool) -> None:
    """The passage and materials of the current question, in full."""
    from examsim.packs.schema import FreeResponseItem

    item = sitting.current.item
    passage = sitting.section.section.passage_of(item)
    parts: list[tuple[str, str]] = [("Passage", passage)] if passage else []
    if isinstance(item, FreeResponseItem):
        parts += [(m.title, m.body) for m in item.materials]
    if not parts:
        _line(out, "This question has no passage or materials.")
        return

    def show() -> None:
        for title, body in parts:
            _rule(out, title)
            _markdown(out, body)

    if live:
        # A pager lets long materials be read page by page; the clock keeps running.
        with out.pager(styles=False):
            show()
    else:
        show()


# --- around the sitting -------------------------------------------------------------------------


def draw_welcome(out: Console, sitting: Sitting) -> None:
    pack = sitting.pack
    drawn = sum(len(s.items) for s in sitting.sections)
    pool = pack.item_count()
    verb = "Resuming" if any(s.started for s in sitting.sections) else "Starting"
    _line(out, f"{verb} {pack.exam.name} ({pack.id}) for {sitting.candidate}: "
               f"{len(sitting.sections)} section(s), {drawn} question(s).")
    if drawn < pool:
        _line(out, f"This form was drawn from a pool of {pool} (seed {sitting.manifest.seed}).")
    _line(out, f"Answers are saved as you give them, in {sitting.run.path}.")


def draw_stopped(out: Console, sitting: Sitting) -> None:
    _line(out, f"Stopped. Your answers are saved in {sitting.run.path}.")
    if not sitting.finished:
        section = sitting.section
        left = sitting.remaining(section)
        if section.started and left is not None:
            _line(out, f"The clock keeps running while you are away: {section.name} has "
                       f"{clock_text(left)} left.")
    _line(out, f"Continue with: examsim take --resume {sitting.run.path}")


def draw_time_up(out: Console, ended: SectionState) -> None:
    blank = len(ended.unanswered())
    _line(out, f"Time is up for {ended.name}. Your answers are saved; {blank} unanswered "
               f"question{'s count' if blank != 1 else ' counts'} as blank.")


def draw_result(out: Console, result: SittingResult) -> None:
    """The scorer's report, pass marks, and what still waits for a grader."""
    from examsim.cli.scoring import render_run

    for line in render_run(result.score):
        _line(out, line)
    for mark in result.pass_marks:
        verdict = "waits for grading" if mark.passed is None else (
            "passed" if mark.passed else "not passed")
        _line(out, f"{mark.name}: {_g(round(mark.raw, 2))} points, pass mark "
                   f"{_g(mark.mark)}: {verdict}.")
    if result.to_grade:
        _line(out, "")
        _line(out, f"Waiting for grading: {', '.join(result.to_grade)} (free response). The "
                   "score is complete once they are graded:")
        _line(out, f"  {result.grade_command}")
        _line(out, f"  examsim score {result.run_dir}")
