"""Pack text (Markdown with ``$...$`` LaTeX) as the HTML that LMS formats and previews hold."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

# ``$...$`` holding LaTeX (a backslash, ^, _ or braces), not prices such as "$20 and $30".
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]*?[\\^_{}][^$\n]*?)(?<!\s)\$(?!\d)")


@lru_cache(maxsize=1)
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def math_to_mathjax(text: str) -> str:
    r"""``$$x$$`` -> ``\[x\]`` and LaTeX ``$x$`` -> ``\(x\)`` (the delimiters LMSs render)."""
    text = _DISPLAY.sub(lambda m: f"\\[{m.group(1)}\\]", text)
    return _INLINE.sub(lambda m: f"\\({m.group(1)}\\)", text)


def markdown_to_html(text: str) -> str:
    """HTML for a Markdown fragment; raw HTML in the source is escaped, not passed on."""
    protected: list[str] = []

    def keep(match: re.Match[str]) -> str:
        protected.append(match.group(0))
        return f"EXAMSIMMATH{len(protected) - 1}X"

    # Math is kept away from Markdown, which would read _ and * inside it as emphasis.
    text = re.sub(r"\\\[.+?\\\]|\\\(.+?\\\)", keep, math_to_mathjax(text), flags=re.S)
    out = str(_renderer().render(text)).strip()
    return re.sub(r"EXAMSIMMATH(\d+)X", lambda m: html.escape(protected[int(m.group(1))],
                                                         quote=False), out)
