"""Grading: automatic scoring of keyed items, and rubric grades of free responses."""
