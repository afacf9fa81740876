"""MMLU-style CSV: ``question, A, B, C, D, answer`` without a header, or with a header
naming ``question``, the option columns and ``answer``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from examsim.errors import FileProblemsError, Problem
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import Unmappable, choice_item
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.jsonl import key_indexes, strip_letters
from examsim.packs.importers.sources import read_text
from examsim.packs.importers.text import IdMaker, tidy

_HEADER_WORDS = {"question", "stem", "answer", "label", "key"}


class CsvImporter:
    name = "csv"
    description = "MMLU-style CSV (question, options..., answer letter)"
    extensions = (".csv",)

    def read(self, source: Path, options: ImportOptions) -> Draft:
        text = read_text(source)
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise FileProblemsError([Problem(source, None, "", f"not readable as CSV ({exc}).",
                                             "Save the file as comma-separated values.")],
                                    f"{source} is not valid CSV") from None
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        header: list[str] | None = None
        if rows and _HEADER_WORDS & {c.strip().lower() for c in rows[0]}:
            header = [c.strip().lower() for c in rows[0]]
            rows = rows[1:]
        problems: list[Problem] = []
        ids = IdMaker()
        reader_line = 2 if header else 1
        for index, row in enumerate(rows):
            number = reader_line + index  # record number; quoted newlines span lines
            if not any(cell.strip() for cell in row):
                continue
            if header:
                record = dict(zip(header, row, strict=False))
                stem = record.get("question") or record.get("stem") or ""
                key = record.get("answer") or record.get("label") or record.get("key") or ""
                options_ = [v for k, v in record.items()
                            if k not in _HEADER_WORDS | {"id", "explanation", "subject"} and v]
                explanation = record.get("explanation")
                item_name = record.get("id") or None
            else:
                if len(row) < 4:
                    problems.append(Problem(source, None, f"record {number}", f"has {len(row)} "
                                            "columns; expected question, at least two options "
                                            "and the answer letter.", "Complete the row."))
                    continue
                stem, options_, key = row[0], row[1:-1], row[-1]
                explanation, item_name = None, None
            try:
                item = choice_item(ids.make(item_name), tidy(stem), strip_letters(options_),
                                   key_indexes(key, len(options_)), explanation=explanation)
            except Unmappable as exc:
                draft.report.skip(f"{source.name}: record {number}", "question", str(exc))
                continue
            section.items.append(item)
        if problems:
            raise FileProblemsError(problems, f"{source} has malformed rows")
        return draft


importer = CsvImporter()
