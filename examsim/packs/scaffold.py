"""``examsim pack new``: a valid starter pack with commented examples to edit."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

from examsim.errors import PackError, UsageError
from examsim.packs.model import Pack
from examsim.packs.schema import ID_PATTERN

TEMPLATES: dict[str, dict[str, list[str]]] = {
    # pack file -> template files joined in order
    "mc": {"exam.yaml": ["exam-mc.yaml"], "items/mc.yaml": ["items-mc.yaml"],
           "fewshot.yaml": ["fewshot.yaml"]},
    "essay": {"exam.yaml": ["exam-essay.yaml"], "items/essays.yaml": ["items-essays.yaml"]},
    "mixed": {"exam.yaml": ["exam-mixed.yaml"],
              "items/mc.yaml": ["items-mc.yaml", "items-short.yaml"],
              "items/essays.yaml": ["items-essays.yaml"], "fewshot.yaml": ["fewshot.yaml"]},
}


def _template(name: str) -> str:
    return (resources.files("examsim.packs") / "templates" / name).read_text(encoding="utf-8")


def new_pack(pack_id: str, template: str = "mixed", out: Path | None = None,
             name: str | None = None) -> Pack:
    """Write a starter pack for ``pack_id`` into ``out`` (default ``./<id>``); validated."""
    from examsim.packs.importers.writer import check_destination
    from examsim.packs.load import inspect_pack

    if not re.match(ID_PATTERN, pack_id):
        raise UsageError(f"'{pack_id}' is not a valid pack id. Use letters, digits, '_', '.' "
                         "or '-', starting with a letter or digit.")
    if template not in TEMPLATES:
        raise UsageError(f"Unknown template '{template}'. Use one of: {', '.join(TEMPLATES)}.")
    out = Path(out) if out is not None else Path.cwd() / pack_id
    check_destination(out, force=False)
    title = name or pack_id.replace("-", " ").replace("_", " ").title()
    values = {"id": pack_id, "name": title.replace('"', "'")}
    (out / "items").mkdir(parents=True, exist_ok=True)
    (out / "assets").mkdir(exist_ok=True)
    for target, parts in TEMPLATES[template].items():
        text = "".join(Template(_template(p)).substitute(values) for p in parts)
        (out / target).write_text(text, encoding="utf-8")
    pack, problems = inspect_pack(out)
    if pack is None:  # the templates are ours: this is a bug, but say what is wrong
        raise PackError(problems, f"The new pack at {out} does not validate")
    return pack
