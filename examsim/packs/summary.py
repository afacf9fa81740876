"""Plain-data summaries of packs, for listing and showing them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from examsim.packs.discovery import list_pack_refs
from examsim.packs.load import inspect_pack
from examsim.packs.model import Pack, PackSection, item_max_points


def sitting_size(psection: PackSection) -> tuple[int, float, float]:
    """Items in one sitting of a section, and the least and most points such a form holds."""
    rule = psection.section.form
    points = [item_max_points(i) for i in psection.items]
    if rule.draw == "random" and rule.count is not None:
        ordered = sorted(points)
        return rule.count, sum(ordered[: rule.count]), sum(ordered[-rule.count:])
    if rule.draw != "per_group":
        return len(points), sum(points), sum(points)
    groups: dict[str | None, list[float]] = {}
    for item, pts in zip(psection.items, points, strict=True):
        groups.setdefault(item.group, []).append(pts)
    count, low, high = 0, 0.0, 0.0
    for group, members in groups.items():
        ordered = sorted(members)
        take = len(ordered) if group is None else min(rule.per_group, len(ordered))
        count += take
        low += sum(ordered[:take])
        high += sum(ordered[len(ordered) - take:])
    return count, low, high


def describe_pack(pack: Pack) -> dict[str, Any]:
    """Everything ``examsim show`` prints about a pack, as data."""
    exam = pack.exam
    sections = []
    for psection in pack.sections:
        s = psection.section
        sitting, low, high = sitting_size(psection)
        sections.append(
            {
                "id": s.id,
                "name": s.name,
                "format": s.format,
                "items": len(psection.items),
                "max_points": round(sum(item_max_points(i) for i in psection.items), 6),
                "sitting_items": sitting,
                "sitting_max_points": [round(low, 6), round(high, 6)],
                "official_length": s.official_length,
                "time_limit_minutes": s.time_limit_minutes,
                "allowed_aids": list(s.allowed_aids),
                "scoring": s.scoring.model_dump(),
                "protocol": s.protocol.style,
                "fewshot": s.protocol.fewshot,
                "images": sum(len(i.images) for i in psection.items),
                "instructions": s.instructions,
            }
        )
    return {
        "id": exam.id,
        "name": exam.name,
        "provenance": exam.provenance,
        "license": exam.license,
        "version": exam.version,
        "description": exam.description,
        "path": str(pack.root),
        "digest": pack.digest,
        "scores": [
            {"id": s.id, "name": s.name, "scale": s.scale, "inputs": s.inputs}
            for s in exam.scores
        ],
        "sections": sections,
        "fewshot_sets": {k: len(v.items) for k, v in pack.fewshot.items()},
    }


def list_packs(packs: Sequence[Path] = ()) -> list[dict[str, Any]]:
    """One row per findable pack; invalid packs are listed with their problem count."""
    rows: list[dict[str, Any]] = []
    for ref in list_pack_refs(packs):
        pack, problems = inspect_pack(ref.root)
        if pack is None:
            rows.append({"id": ref.id, "name": None, "provenance": None, "sections": None,
                         "items": None, "scales": [], "origin": ref.origin,
                         "path": str(ref.root), "problems": len(problems)})
            continue
        rows.append({
            "id": pack.id,
            "name": pack.exam.name,
            "provenance": pack.exam.provenance,
            "sections": len(pack.sections),
            "items": pack.item_count(),
            "scales": [s.scale for s in pack.exam.scores],
            "origin": ref.origin,
            "path": str(ref.root),
            "problems": 0,
        })
    return rows
