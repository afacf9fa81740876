"""A person's sitting of an exam: sections in order, navigation, timers and saving.

Every change (an answer, a cleared answer, a flag) is appended to ``responses.jsonl`` as a
``ResponseRecord`` the moment it is made; the latest line per item wins. Section start and
end times live in the manifest (``parameters.sitting``), so a sitting rebuilt from its run
directory continues exactly where it stopped, with the clock still running.

Sections are sat in order and a section that has ended is closed, as on the real exam.
When a section ends, items never answered are recorded as blank, so they score under the
section's blank rule instead of counting as missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from examsim.errors import ExamsimError, RunLogError
from examsim.packs.model import Pack, PackSection
from examsim.packs.schema import FreeResponseItem, Item
from examsim.runlog import Answer, Manifest, ResponseRecord, ResponseStatus, RunDir
from examsim.take import clock as clocks
from examsim.take.answers import InvalidAnswer, parse_answer
from examsim.take.clock import Clock, parse_stamp, stamp

SITTING = "sitting"
"""Key of the sitting's state in ``manifest.parameters``."""
TIME_GRACE_S = 2.0
"""An answer saved this long after time ran out still counts: the keystroke was in flight."""

EndReason = Literal["submitted", "time"]


def section_limit(section: PackSection, time_factor: float = 1.0) -> float | None:
    """Seconds a section allows: the pack's limit times the time factor; None: untimed."""
    minutes = section.section.time_limit_minutes
    return None if minutes is None else minutes * 60.0 * time_factor


class TimeUp(ExamsimError):
    """The section's time ran out before the answer was saved."""


@dataclass
class ItemState:
    """One item of the form as the person left it."""

    item: Item
    section: str
    number: int
    """Position in its section, from 1."""
    status: ResponseStatus | None = None
    """Status of the latest saved response; None when nothing was saved yet."""
    answer: Answer = None
    text: str = ""
    """What the person typed (the whole response for free text)."""
    flagged: bool = False

    @property
    def answered(self) -> bool:
        return self.status == "answered"


@dataclass
class SectionState:
    """A section of the sitting: its items, time limit and start and end."""

    section: PackSection
    items: list[ItemState]
    limit_s: float | None
    """Seconds allowed (the pack's limit times the sitting's time factor); None: untimed."""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    ended_by: EndReason | None = None

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def name(self) -> str:
        return self.section.section.name

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def deadline(self) -> datetime | None:
        if self.started_at is None or self.limit_s is None:
            return None
        return self.started_at + timedelta(seconds=self.limit_s)

    def unanswered(self) -> list[ItemState]:
        return [s for s in self.items if not s.answered]

    def flagged(self) -> list[ItemState]:
        return [s for s in self.items if s.flagged]


class Sitting:
    """The state of one person's sitting, rebuilt from (and saved to) its run directory."""

    def __init__(self, run: RunDir, pack: Pack, clock: Clock | None = None) -> None:
        self.run = run
        self.pack = pack
        self.clock: Clock = clock or clocks.wall_clock
        self.manifest: Manifest = run.manifest()
        if self.manifest.model != "human":
            raise RunLogError(f"{run.path} is a run of {self.manifest.model}, not a person's "
                              "sitting. Fix: continue it with 'examsim resume'.")
        latest = run.latest_responses()
        saved = self._saved_times()
        self.sections: list[SectionState] = []
        for psection in pack.sections:
            ids = self.manifest.form.get(psection.id, [])
            by_id = {item.id: item for item in psection.items}
            missing = [i for i in ids if i not in by_id]
            if missing:
                raise RunLogError(f"The sitting's form names item(s) {', '.join(missing)} "
                                  f"that section '{psection.id}' of the pack does not have.")
            states = []
            for number, item_id in enumerate(ids, start=1):
                state = ItemState(by_id[item_id], psection.id, number)
                record = latest.get((item_id, 0))
                if record is not None:
                    state.status = record.status
                    state.answer = record.answer
                    state.text = record.output or ""
                    state.flagged = record.flagged
                states.append(state)
            section = SectionState(psection, states, section_limit(psection,
                                                                   self.time_factor))
            self._restore_times(section, saved.get(psection.id, {}))
            if states:
                self.sections.append(section)
        self.section_index = next(
            (i for i, s in enumerate(self.sections) if not s.ended), len(self.sections)
        )
        self.position = 0
        if not self.finished:
            self.position = next(
                (i for i, s in enumerate(self.section.items) if not s.answered), 0
            )

    # --- what the person is at -------------------------------------------------------------

    @property
    def candidate(self) -> str:
        return self.manifest.candidate or "candidate"

    @property
    def time_factor(self) -> float:
        """Multiplier on every section's time limit (extra time), 1 by default."""
        sitting = self.manifest.parameters.get(SITTING, {})
        factor = sitting.get("time_factor", 1.0) if isinstance(sitting, dict) else 1.0
        return float(factor)

    @property
    def finished(self) -> bool:
        """Every section has ended."""
        return self.section_index >= len(self.sections)

    @property
    def section(self) -> SectionState:
        """The section being sat (the last one once the sitting is finished)."""
        return self.sections[min(self.section_index, len(self.sections) - 1)]

    @property
    def current(self) -> ItemState:
        """The item on screen."""
        return self.section.items[self.position]

    def now(self) -> datetime:
        return self.clock()

    def remaining(self, section: SectionState | None = None) -> float | None:
        """Seconds left in the section (its whole limit before it starts); None: untimed."""
        section = section or self.section
        if section.limit_s is None:
            return None
        if section.deadline is None:
            return section.limit_s
        return max(0.0, (section.deadline - self.now()).total_seconds())

    def time_up(self) -> bool:
        """The current section started, is timed, and its time has run out."""
        section = self.section
        left = self.remaining(section)
        return section.started and not section.ended and left is not None and left <= 0

    # --- sections --------------------------------------------------------------------------

    def begin_section(self) -> SectionState:
        """Start the current section's clock (once; a resumed section keeps its start)."""
        section = self.section
        if self.finished:
            raise ExamsimError("The sitting has finished; there is no section to begin.")
        if not section.started:
            section.started_at = self.now()
            self._save_times()
        return section

    def end_section(self, reason: EndReason) -> SectionState:
        """Close the current section: blanks for items never answered, the end time saved,
        and the next section becomes current."""
        section = self.section
        if self.finished or section.ended:
            raise ExamsimError("This section has already ended.")
        moment = self.now()
        if reason == "time" and section.deadline is not None:
            moment = min(moment, section.deadline)  # it ended when the time ran out
        blanks = [
            ResponseRecord(item=s.item.id, section=section.id, status="blank",
                           flagged=s.flagged, at=stamp(moment))
            for s in section.items if s.status is None
        ]
        self.run.append_responses(blanks)
        for s in section.items:
            if s.status is None:
                s.status = "blank"
        if section.started_at is None:
            section.started_at = moment
        section.ended_at = moment
        section.ended_by = reason
        self._save_times()
        self.section_index += 1
        self.position = 0
        return section

    def expire_if_due(self) -> SectionState | None:
        """End the current section if its time has run out; the section, else None."""
        if not self.finished and self.time_up():
            return self.end_section("time")
        return None

    def finish(self) -> Manifest:
        """Record the sitting as finished (every section must have ended)."""
        if not self.finished:
            raise ExamsimError(f"Section '{self.section.id}' has not ended yet.")
        if self.manifest.finished_at is None:
            ended = [s.ended_at for s in self.sections if s.ended_at is not None]
            moment = max(ended) if ended else self.now()
            self.manifest = self.manifest.model_copy(update={"finished_at": stamp(moment)})
            self.run.write_manifest(self.manifest)
        return self.manifest

    # --- navigation ------------------------------------------------------------------------

    def go_to(self, number: int) -> ItemState:
        """Show question ``number`` (from 1) of the current section."""
        count = len(self.section.items)
        if not 1 <= number <= count:
            raise InvalidAnswer(f"There is no question {number} in this section; "
                                f"its questions are 1-{count}.")
        self.position = number - 1
        return self.current

    def next(self) -> bool:
        """Move to the next question; False (staying put) at the section's last one."""
        if self.position + 1 >= len(self.section.items):
            return False
        self.position += 1
        return True

    def previous(self) -> bool:
        """Move to the previous question; False at the first."""
        if self.position == 0:
            return False
        self.position -= 1
        return True

    # --- answers ---------------------------------------------------------------------------

    def answer(self, typed: str) -> ItemState:
        """Check and save a typed answer to the current item (InvalidAnswer if unusable)."""
        state = self.current
        if isinstance(state.item, FreeResponseItem):
            return self.write_text(typed)
        given = parse_answer(state.item, typed)
        self._save(state, "answered", given.value, given.text, state.flagged)
        return state

    def write_text(self, text: str) -> ItemState:
        """Save the whole free response written so far (called after every line)."""
        state = self.current
        body = text.rstrip()
        if body.strip():
            self._save(state, "answered", body, body, state.flagged)
        elif state.status is not None:
            self._save(state, "blank", None, "", state.flagged)
        return state

    def clear(self) -> ItemState:
        """Remove the current item's answer (it becomes blank)."""
        state = self.current
        if state.status is not None:
            self._save(state, "blank", None, "", state.flagged)
        return state

    def toggle_flag(self) -> ItemState:
        """Mark the current item for review, or unmark it."""
        state = self.current
        status = state.status if state.status is not None else "blank"
        self._save(state, status, state.answer, state.text, not state.flagged)
        return state

    def _ensure_open(self) -> None:
        section = self.section
        if self.finished or section.ended:
            raise TimeUp("This section has ended; its answers can no longer change.")
        if not section.started:
            raise ExamsimError("The section has not begun.")
        deadline = section.deadline
        if deadline is not None and self.now() > deadline + timedelta(seconds=TIME_GRACE_S):
            raise TimeUp(f"Time is up for {section.name}; the answer was not saved.")

    def _save(self, state: ItemState, status: ResponseStatus, value: Answer, text: str,
              flagged: bool) -> None:
        self._ensure_open()
        if (state.status, state.answer, state.flagged) == (status, value, flagged):
            return  # the same answer (however typed) and flag: no line
        record = ResponseRecord(
            item=state.item.id, section=state.section, status=status, answer=value,
            output=text or None, flagged=flagged, at=stamp(self.now()),
        )
        self.run.append_response(record)
        state.status, state.answer, state.text, state.flagged = status, value, text, flagged

    # --- persistence of the section times ----------------------------------------------------

    def _restore_times(self, section: SectionState, times: dict[str, Any]) -> None:
        """The section's limit, start and end as saved; RunLogError when they are damaged."""
        where = f"{self.run.manifest_path}: parameters.{SITTING}.sections.{section.id}"
        try:
            if "time_limit_s" in times:
                limit = times["time_limit_s"]
                section.limit_s = None if limit is None else float(limit)
            if times.get("started_at"):
                section.started_at = parse_stamp(str(times["started_at"]))
            if times.get("ended_at"):
                section.ended_at = parse_stamp(str(times["ended_at"]))
                section.ended_by = "time" if times.get("ended_by") == "time" else "submitted"
        except (TypeError, ValueError) as exc:
            raise RunLogError(f"{where}: unreadable ({exc}). Fix: restore the manifest's "
                              "section times; the answers in responses.jsonl are kept.") from exc

    def _saved_times(self) -> dict[str, dict[str, Any]]:
        sitting = self.manifest.parameters.get(SITTING, {})
        sections = sitting.get("sections", {}) if isinstance(sitting, dict) else {}
        return sections if isinstance(sections, dict) else {}

    def _save_times(self) -> None:
        sitting = dict(self.manifest.parameters.get(SITTING, {}))
        sitting["sections"] = {
            s.id: {
                "time_limit_s": s.limit_s,
                "started_at": stamp(s.started_at) if s.started_at else None,
                "ended_at": stamp(s.ended_at) if s.ended_at else None,
                "ended_by": s.ended_by,
            }
            for s in self.sections
        }
        parameters = {**self.manifest.parameters, SITTING: sitting}
        self.manifest = self.manifest.model_copy(update={"parameters": parameters})
        self.run.write_manifest(self.manifest)
