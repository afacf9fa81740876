"""The prompt templates: text files in ``examsim/runner/templates/``, ``$name`` fields.

Editing a template changes the prompt digest recorded for every item, so runs made with
different wording are told apart. ``examsim show EXAM --prompt ITEM`` prints the result.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template

from examsim.errors import ExamsimError


@cache
def template(name: str) -> Template:
    """The template ``templates/<name>.txt``."""
    try:
        text = resources.files("examsim.runner").joinpath(f"templates/{name}.txt").read_text(
            encoding="utf-8"
        )
    except FileNotFoundError as exc:  # a broken installation, not a user error
        raise ExamsimError(f"Prompt template '{name}' is missing from the installation.") from exc
    return Template(text.rstrip("\n"))


def render(template_name: str, /, **fields: object) -> str:
    """Fill in template ``template_name``; every field must be given."""
    return template(template_name).substitute({k: str(v) for k, v in fields.items()})
