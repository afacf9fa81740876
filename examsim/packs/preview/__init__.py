"""A printable exam paper from a pack: the document (``paper``) and its HTML and PDF forms.
The terminal form is drawn by the CLI from the same document."""

from __future__ import annotations

from examsim.packs.preview.paper import Paper, build_paper

__all__ = ["Paper", "build_paper"]
