"""Drawing a sitting's form: which items of each section, in which order.

``form.draw`` picks the items (``all``; ``per_group``: a fixed number from each group,
items without a group always kept; ``random``: ``count`` items), keeping file order;
``item_order: shuffled`` then shuffles them. Every draw is seeded by the run's seed and
the section id, so a seed always gives the same form.
"""

from __future__ import annotations

import random

from examsim.errors import PackError, Problem
from examsim.packs.model import Pack, PackSection


def _rng(seed: int, section: str, purpose: str) -> random.Random:
    return random.Random(f"{seed}:{section}:{purpose}")


def draw_section(section: PackSection, seed: int) -> list[str]:
    """Item ids of one section, in the order presented."""
    rule = section.section.form
    items = list(section.items)
    if rule.draw == "per_group":
        groups: dict[str, list[int]] = {}
        for index, item in enumerate(items):
            if item.group is not None:
                groups.setdefault(item.group, []).append(index)
        keep = {i for i, item in enumerate(items) if item.group is None}
        rng = _rng(seed, section.id, "draw")
        for name in sorted(groups):
            members = groups[name]
            keep.update(rng.sample(members, min(rule.per_group, len(members))))
        items = [item for i, item in enumerate(items) if i in keep]
    elif rule.draw == "random":
        count = rule.count if rule.count is not None else len(items)
        if count > len(items):
            raise PackError([Problem(None, None, f"sections.{section.id}.form.count",
                                     f"draws {count} items from a pool of {len(items)}.",
                                     "Lower count or add items.")])
        chosen = set(_rng(seed, section.id, "draw").sample(range(len(items)), count))
        items = [item for i, item in enumerate(items) if i in chosen]
    ids = [item.id for item in items]
    if section.section.item_order == "shuffled":
        _rng(seed, section.id, "order").shuffle(ids)
    return ids


def draw_form(pack: Pack, seed: int) -> dict[str, list[str]]:
    """Item ids of every section, in the order presented."""
    return {section.id: draw_section(section, seed) for section in pack.sections}
