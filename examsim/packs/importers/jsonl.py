"""Question rows as JSON: AGIEval/MMLU-shaped JSONL (one object a line) or a JSON array.

Fields are read by their usual names: ``question``/``stem``; ``options``/``choices``/
``answers`` (a list, or a mapping by letter; ``(A)`` prefixes are removed); the key as
``label``/``answer``/``correct_letter`` (a letter, a list of letters or a 0-based index);
``passage``/``context`` (shared passages are stored once); ``explanation``/``solution``
(also under ``other``). Rows without options but with an answer become numeric or short
answer items.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from examsim.errors import FileProblemsError, Problem
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import (
    LETTERS,
    Unmappable,
    choice_item,
    numeric_item,
    short_item,
)
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.sources import read_text
from examsim.packs.importers.text import IdMaker, tidy
from examsim.packs.schema import Item

_PREFIX = re.compile(r"^\s*(?:\(([A-Z])\)|([A-Z])[.):])\s*")
_STEM_KEYS = ("question", "stem", "prompt")
_OPTION_KEYS = ("options", "choices", "answers")
_KEY_KEYS = ("label", "correct_letter", "answer", "correct", "answer_idx", "target")
_EXPLANATION_KEYS = ("explanation", "solution", "rationale")


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if row.get(key) not in (None, "", []):
            return row[key]
    return None


def strip_letters(options: list[str]) -> list[str]:
    """Remove ``(A)``/``A.`` prefixes when every option carries its own letter in order."""
    matches = [_PREFIX.match(o) for o in options]
    if all(m and (m.group(1) or m.group(2)) == LETTERS[i] for i, m in enumerate(matches)):
        return [o[m.end():].strip() for o, m in zip(options, matches, strict=True) if m]
    return options


def key_indexes(key: Any, count: int) -> list[int]:
    """0-based choice indexes from a letter, ``"A,C"``, a list or an index."""
    if isinstance(key, bool):
        raise Unmappable(f"the key {key!r} is not a letter or an index")
    if isinstance(key, int):
        return [key]
    if isinstance(key, list):
        return [i for part in key for i in key_indexes(part, count)]
    if isinstance(key, str):
        text = key.strip().strip("()").upper()
        if text.isdigit():
            return [int(text)]
        letters = [p for p in re.split(r"[\s,;]+", text) if p]
        if len(letters) == 1 and len(letters[0]) > 1 and letters[0].isalpha():
            letters = list(letters[0])
        if letters and all(len(p) == 1 and p in LETTERS[:count] for p in letters):
            return [LETTERS.index(p) for p in letters]
    raise Unmappable(f"the key {key!r} is not one of the choice letters")


class JsonlImporter:
    name = "jsonl"
    description = "JSONL/JSON question rows (AGIEval, MMLU and similar shapes)"
    extensions = (".jsonl", ".ndjson", ".json")

    def read(self, source: Path, options: ImportOptions) -> Draft:
        text = read_text(source)
        problems: list[Problem] = []
        rows: list[tuple[int, Any]] = []
        if text.lstrip().startswith("["):
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise FileProblemsError([Problem(source, exc.lineno, "", f"invalid JSON: "
                                                 f"{exc.msg}.", "Fix the JSON syntax.")],
                                        f"{source} is not valid JSON") from None
            rows = [(i + 1, row) for i, row in enumerate(data)]
            where_kind = "row"
        else:
            where_kind = "line"
            for number, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rows.append((number, json.loads(line)))
                except json.JSONDecodeError as exc:
                    problems.append(Problem(source, number, "", f"invalid JSON: {exc.msg} "
                                            f"(column {exc.colno}).", "Write one JSON object "
                                            "per line."))
        draft = Draft(name=source.stem, source=source, format=self.name)
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        passages: dict[str, str] = {}
        ids = IdMaker()
        for number, row in rows:
            where = f"{source.name}:{number}" if where_kind == "line" else \
                f"{source.name}: row {number}"
            if not isinstance(row, dict):
                problems.append(Problem(source, number if where_kind == "line" else None,
                                        "", f"{where_kind} {number} is not a JSON object.",
                                        "Give each question as an object with 'question', "
                                        "'options' and 'label'."))
                continue
            stem = _first(row, _STEM_KEYS)
            if not isinstance(stem, str):
                problems.append(Problem(source, number if where_kind == "line" else None,
                                        "question", f"{where_kind} {number} has no question "
                                        "text.", "Add a 'question' field."))
                continue
            try:
                item = self._item(row, stem, ids, passages, section)
            except Unmappable as exc:
                draft.report.skip(where, "question", str(exc))
                continue
            if row.get("figure") or row.get("image"):
                draft.report.note(where, f"item '{item.id}'", f"refers to the figure "
                                  f"'{row.get('figure') or row.get('image')}', which the file "
                                  "does not hold; add it to assets/ and the item's images:")
            section.items.append(item)
        if problems:
            raise FileProblemsError(problems, f"{source} has malformed rows")
        return draft

    def _item(self, row: dict[str, Any], stem: str, ids: IdMaker, passages: dict[str, str],
              section: DraftSection) -> Item:
        item_id = ids.make(str(row["id"]) if row.get("id") not in (None, "") else None)
        explanation = _first(row, _EXPLANATION_KEYS)
        other = row.get("other")
        if explanation is None and isinstance(other, dict):
            explanation = _first(other, _EXPLANATION_KEYS)
        explanation = tidy(explanation) if isinstance(explanation, str) else None
        passage_id = None
        passage = _first(row, ("passage", "context"))
        if isinstance(passage, str) and passage.strip():
            text = tidy(passage)
            for pid, existing in passages.items():
                if existing == text:
                    passage_id = pid
                    break
            else:
                passage_id = f"p{len(passages) + 1}"
                passages[passage_id] = text
                section.passages[passage_id] = text
        options = _first(row, _OPTION_KEYS)
        key = _first(row, _KEY_KEYS)
        if isinstance(options, dict):
            letters = sorted(options)
            options = [str(options[k]) for k in letters]
        if isinstance(options, list) and options:
            texts = strip_letters([str(o) for o in options])
            if key is None:
                raise Unmappable("it has options but no key ('label' or 'answer')")
            item: Item = choice_item(item_id, tidy(stem), texts,
                                     key_indexes(key, len(texts)), explanation=explanation)
        elif key is None or isinstance(key, (list, dict)):
            raise Unmappable("it has neither options nor a single answer")
        else:
            answer = str(key).strip()
            try:
                number = float(answer.replace(",", ""))
            except ValueError:
                item = short_item(item_id, tidy(stem), [answer], explanation=explanation)
            else:
                item = numeric_item(item_id, tidy(stem), number, explanation=explanation)
        return item.model_copy(update={"passage": passage_id}) if passage_id else item


importer = JsonlImporter()
