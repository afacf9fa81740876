"""Aiken: a stem, options ``A) ...`` or ``A. ...``, then ``ANSWER: X``. Single answer only.

A block that breaks the format (too few options, no stem, no ANSWER line, no space after
the letter) is an error naming its line, since Aiken has no way to say anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from examsim.errors import FileProblemsError, Problem
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import LETTERS, Unmappable, choice_item, mentions_figure
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.sources import read_text
from examsim.packs.importers.text import IdMaker, tidy

_OPTION = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
_TIGHT_OPTION = re.compile(r"^([A-Z])[.)](\S.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(.*)$", re.I)


@dataclass
class _Block:
    line: int
    stem: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    tight: int | None = None  # line of an option written without a space
    orphan: bool = False  # options came before any question text


class AikenImporter:
    name = "aiken"
    description = "Aiken text (single-answer multiple choice)"
    extensions = (".txt", ".aiken")

    def read(self, source: Path, options: ImportOptions) -> Draft:
        lines = read_text(source).splitlines()
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        problems: list[Problem] = []
        ids = IdMaker()
        block: _Block | None = None

        def unfinished(b: _Block) -> None:
            if b.tight is not None:
                problems.append(Problem(source, b.tight, "", "an option has no space after its "
                                        "letter, so it is not read as an option.",
                                        "Write 'A) text' with a space after the bracket."))
            problems.append(Problem(source, b.line, "", "the question has no ANSWER line.",
                                    "End every question with 'ANSWER: <letter>'."))

        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line:
                continue
            answer = _ANSWER.match(line)
            if answer:
                self._finish(block or _Block(number), answer.group(1).strip(), number, source,
                             section, ids, draft, problems)
                block = None
                continue
            option = _OPTION.match(line)
            tight = None if option else _TIGHT_OPTION.match(line)
            if block is None:
                block = _Block(number)
                if option:
                    block.orphan = True
                    problems.append(Problem(source, number, "", "options start before any "
                                            "question text.", "Put the question's text on the "
                                            "line before its 'A)' option."))
            elif block.options and not option and not tight:
                unfinished(block)  # a new stem: the previous question never got its ANSWER
                block = _Block(number)
            if option:
                block.options.append(option.group(2))
            elif tight and block.stem:
                block.tight = block.tight or number
            else:
                block.stem.append(line)
        if block is not None:
            unfinished(block)
        if problems:
            raise FileProblemsError(problems, f"{source} is not valid Aiken")
        return draft

    def _finish(self, block: _Block, key: str, line: int, source: Path, section: DraftSection,
                ids: IdMaker, draft: Draft, problems: list[Problem]) -> None:
        where = f"{source.name}:{block.line}"
        if block.tight is not None:
            problems.append(Problem(source, block.tight, "", "an option has no space after its "
                                    "letter, so it is not read as an option.",
                                    "Write 'A) text' with a space after the bracket."))
            return
        if block.orphan:
            return  # already reported
        if not block.stem:
            problems.append(Problem(source, line, "", "an ANSWER line without a question.",
                                    "Remove it or write the question and options above it."))
            return
        if len(block.options) < 2:
            problems.append(Problem(source, block.line, "", f"the question has "
                                    f"{len(block.options)} option(s); Aiken needs at least two.",
                                    "Add options 'A) ...', 'B) ...'."))
            return
        letters = LETTERS[: len(block.options)]
        if len(key) != 1 or key.upper() not in letters:
            problems.append(Problem(source, line, "ANSWER", f"'{key}' is not one of the "
                                    f"option letters {', '.join(letters)}.",
                                    "Give the letter of the correct option, e.g. 'ANSWER: B'."))
            return
        stem = tidy("\n".join(block.stem))
        item_id = ids.make()
        try:
            item = choice_item(item_id, stem, block.options, [letters.index(key.upper())])
        except Unmappable as exc:
            draft.report.skip(where, "Aiken question", str(exc))
            return
        if mentions_figure(stem):
            draft.report.note(where, f"item '{item_id}'", "the question refers to a picture "
                              "that an Aiken file cannot hold; add it under images:")
        section.items.append(item)


importer = AikenImporter()
