"""Writing a draft as a pack folder and checking it with examsim's own validator."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from examsim.errors import ExamsimError, PackError
from examsim.packs.importers.draft import Draft
from examsim.packs.importers.text import IdMaker, slug
from examsim.packs.model import Pack
from examsim.packs.schema import (
    Exam,
    FormRule,
    FreeResponseItem,
    Item,
    ReportedScore,
    Section,
    SectionFormat,
)
from examsim.resources import bundled_dir

_FIRST_KEYS = ("id", "type", "stem")
# Characters outside YAML's printable set.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INSTRUCTIONS: dict[str, str] = {
    "multiple_choice": "Choose the best answer to each question.",
    "numeric": "Answer each question with a number.",
    "short_answer": "Answer each question with a word or a short phrase.",
    "free_response": "Answer each question in writing.",
    "mixed": "Answer every question. For multiple choice, choose the best answer.",
}


def _plain(value: Any) -> Any:
    """Model dumps as YAML-friendly data: multi-line text as literal blocks."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        # Control characters (a NUL or an escape pasted from another program) mean nothing
        # in exam text and YAML cannot hold them.
        value = _UNPRINTABLE.sub("", value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip())  # "|-": no trailing newline added
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def item_data(item: Item) -> dict[str, Any]:
    """An item as the mapping an item file holds, id and type first, defaults left out."""
    data = item.model_dump(mode="python", exclude_defaults=True)
    data["type"] = item.type
    if isinstance(item, FreeResponseItem):
        data["rubric"]["kind"] = item.rubric.kind
    ordered = {k: data[k] for k in _FIRST_KEYS if k in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return ordered


def dump_yaml(data: Any, header: str = "") -> str:
    """YAML text for plain data (block style, keys in the given order)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(_plain(data), buffer)
    return header + buffer.getvalue()


def section_format(items: list[Item]) -> SectionFormat:
    kinds = {item.type for item in items}
    if len(kinds) == 1:
        kind = next(iter(kinds))
        if kind in ("multiple_choice", "numeric", "short_answer", "free_response"):
            return kind
    return "mixed"


def check_destination(out: Path, force: bool) -> None:
    """Refuse examsim's own exams/ folder and a folder that already holds files."""
    resolved = out.resolve()
    try:
        resolved.relative_to(bundled_dir("exams").resolve())
    except ValueError:
        pass
    else:
        raise ExamsimError(
            f"{out} is inside examsim's bundled exams/ folder; imported packs are never "
            "kept there. Choose another --out folder and find it with --packs or EXAMSIM_PATH."
        )
    if out.exists() and not out.is_dir():
        raise ExamsimError(f"{out} is a file, not a folder. Choose another --out folder.")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ExamsimError(
            f"{out} already exists and is not empty. Choose another --out folder, or add "
            "--force to write the imported pack over it."
        )


def write_draft(draft: Draft, out: Path, pack_id: str, force: bool = False) -> Pack:
    """Write ``draft`` as a pack in ``out`` and return it loaded, or raise PackError."""
    from examsim.packs.load import inspect_pack

    check_destination(out, force)
    sections: list[Section] = []
    files: dict[str, str] = {}
    ids = IdMaker("section")
    for dsection in draft.sections:
        if not dsection.items:
            continue
        sid = ids.make(slug(dsection.name, fallback="section").lower())
        fmt = section_format(dsection.items)
        path = f"items/{sid}.yaml"
        sections.append(
            Section(
                id=sid,
                name=dsection.name,
                format=fmt,
                items=path,
                time_limit_minutes=dsection.time_limit_minutes,
                instructions=dsection.instructions or _INSTRUCTIONS[fmt],
                form=dsection.form or FormRule(),
            )
        )
        body: dict[str, Any] = {}
        if dsection.passages:
            body["passages"] = dict(dsection.passages)
        body["items"] = [item_data(item) for item in dsection.items]
        files[path] = dump_yaml(
            body, f"# Imported from {draft.source.name} ({draft.format}); edit freely.\n"
        )
    if not sections:
        raise ExamsimError(f"{draft.source}: no question could be imported; see the report.")
    exam = Exam(
        id=pack_id,
        name=draft.name,
        provenance="imported",
        description=draft.description
        or f"Imported from {draft.source.name} ({draft.format}) with examsim pack import.",
        source=draft.source.name,
        scores=[
            ReportedScore(
                id="total",
                name=draft.name,
                scale="percent-correct",
                inputs={"total": [s.id for s in sections]},
            )
        ],
        sections=sections,
        fewshot=None,
    )
    exam_data = exam.model_dump(mode="python", exclude_defaults=True)
    exam_data["provenance"] = "imported"
    exam_data["fewshot"] = None
    exam_data["sections"] = [
        s.model_dump(mode="python", exclude_defaults=True) for s in sections
    ]
    out.mkdir(parents=True, exist_ok=True)
    (out / "items").mkdir(exist_ok=True)
    (out / "exam.yaml").write_text(
        dump_yaml(exam_data, "# An imported pack: keep it outside examsim's exams/ folder.\n"),
        encoding="utf-8",
    )
    for path, text in files.items():
        (out / path).write_text(text, encoding="utf-8")
    if draft.assets.files:
        (out / "assets").mkdir(exist_ok=True)
        for path, data in draft.assets.files.items():
            (out / path).write_bytes(data)
    pack, problems = inspect_pack(out)
    if pack is None:
        raise PackError(problems, f"The pack written to {out} does not validate")
    return pack

