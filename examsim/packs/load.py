"""Loading a pack folder: schema validation of every file, then the checks across files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from examsim.errors import PackError, Problem
from examsim.packs.checks import check_pack
from examsim.packs.model import Pack, PackSection
from examsim.packs.schema import Exam, FewshotFile, ItemFile
from examsim.yamlfile import YamlDoc, read_model

EXAM_FILE = "exam.yaml"


def pack_digest(root: Path) -> str:
    """sha256 over every file of the pack (relative path and bytes), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(".") or "/." in rel or "__pycache__" in rel:
            continue
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise PackError([Problem(path, None, "", f"cannot read file ({exc.strerror}).",
                                     "Check its permissions, or move it out of the pack.")],
                            f"Pack {root} cannot be read") from exc
        digest.update(rel.encode() + b"\0")
        digest.update(content)
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


def _inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` if it stays inside ``root``, else None."""
    if Path(relative).is_absolute():
        return None
    try:
        (root / relative).resolve().relative_to(root.resolve())
    except ValueError:
        return None
    return root / relative


def inspect_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Load the pack at ``root`` and report every problem found (none means valid)."""
    root = Path(root)
    exam_path = root / EXAM_FILE
    if not root.is_dir():
        return None, [Problem(root, None, "", "not a folder.", "Give the pack's folder.")]
    exam, problems, exam_doc = read_model(Exam, exam_path)
    if exam is None or exam_doc is None:
        return None, problems

    sections: list[PackSection] = []
    item_docs: dict[str, YamlDoc] = {}
    for index, section in enumerate(exam.sections):
        path = _inside(root, section.items)
        if path is None:
            problems.append(
                Problem(
                    exam_path,
                    exam_doc.line_of(("sections", index, "items")),
                    f"sections[{index}].items",
                    f"'{section.items}' points outside the pack folder.",
                    "Use a path relative to the pack folder, e.g. items/mbe.yaml.",
                )
            )
            continue
        item_file, file_problems, doc = read_model(ItemFile, path)
        if file_problems and not path.exists():
            file_problems = [
                Problem(
                    exam_path,
                    exam_doc.line_of(("sections", index, "items")),
                    f"sections[{index}].items",
                    f"item file '{section.items}' does not exist.",
                    "Create it or correct the path.",
                )
            ]
        problems.extend(file_problems)
        if item_file is None or doc is None:
            continue
        item_docs[section.id] = doc
        sections.append(PackSection(section, tuple(item_file.items), dict(item_file.passages)))

    fewshot: dict[str, object] = {}
    fewshot_doc: YamlDoc | None = None
    if exam.fewshot is not None:
        path = _inside(root, exam.fewshot)
        if path is None:
            problems.append(
                Problem(
                    exam_path,
                    exam_doc.line_of(("fewshot",)),
                    "fewshot",
                    f"'{exam.fewshot}' points outside the pack folder.",
                    "Use a path relative to the pack folder.",
                )
            )
        elif path.exists():
            fewshot_file, file_problems, fewshot_doc = read_model(FewshotFile, path)
            problems.extend(file_problems)
            if fewshot_file is not None:
                fewshot = {s.id: s for s in fewshot_file.sets}
        elif exam.fewshot != "fewshot.yaml" or any(
            s.protocol.fewshot for s in exam.sections
        ):
            problems.append(
                Problem(
                    exam_path,
                    exam_doc.line_of(("fewshot",)),
                    "fewshot",
                    f"few-shot file '{exam.fewshot}' does not exist.",
                    "Create it, or set 'fewshot: null' and remove protocol.fewshot references.",
                )
            )

    if problems:
        return None, problems
    try:
        digest = pack_digest(root)
    except PackError as exc:
        return None, exc.problems
    pack = Pack(
        exam=exam,
        root=root,
        sections=tuple(sections),
        fewshot=fewshot,  # type: ignore[arg-type]
        digest=digest,
    )
    problems = check_pack(pack, exam_doc, item_docs, fewshot_doc)
    return (pack if not problems else None), problems


def load_pack_dir(root: Path) -> Pack:
    """Load a valid pack or raise PackError listing every problem."""
    pack, problems = inspect_pack(root)
    if pack is None:
        raise PackError(problems, f"Pack {root} is not valid ({len(problems)} problem(s))")
    return pack
