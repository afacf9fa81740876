"""``mock/reference-match``: an offline baseline grader, not a substitute for a real one.

It marks a response by how many key terms of the reference answer and of the rubric's
own wording (criterion descriptions, top descriptors, the analytic guide) the response
contains, matching words fuzzily with rapidfuzz so inflections and small misspellings
still count. It needs no model and no key, always gives the same marks for the same
text, and records its grades with ``grader_kind: baseline`` so scores and tables show
that a baseline produced them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from examsim.grading.auto import normalise_text
from examsim.grading.graders import Marks
from examsim.grading.rubric import Part, parts
from examsim.grading.tasks import GradingTask
from examsim.packs.schema import HolisticRubric
from examsim.runlog import GraderKind

NAME = "mock/reference-match"
WORD_MATCH = 80.0
"""rapidfuzz ratio two (stemmed) words need to count as the same term."""

# Function words, and the words rubrics use to describe grading rather than content.
_STOP_TEXT = """a about above after again all also an and any are as at be because been before being
    both but by can could did do does doing each for from further had has have having he her
    here hers him his how however i if in into is it its itself just may me might more most
    much must my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those
    through to too under until up upon very was we were what when where which while who whom
    why will with within without would yet you your
    answer answers candidate clearly correct correctly describe describes discuss discusses
    explain explains explained explanation give gives identify identifies mechanism mention
    mentions mentioned name names named response shows state states"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def _stem(word: str) -> str:
    """A crude stem, so ``scattered``, ``scattering`` and ``scatters`` compare equal."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def key_terms(text: str) -> list[str]:
    """Distinct stemmed content words of a text (no stop words, no one- or two-letter words)."""
    seen: dict[str, None] = {}
    for word in normalise_text(text).split():
        if len(word) < 3 or word in _STOP_WORDS:
            continue
        seen.setdefault(_stem(word), None)
    return list(seen)


def coverage(response_terms: Iterable[str], target_terms: list[str]) -> tuple[int, int]:
    """How many of ``target_terms`` occur in the response (fuzzily), out of how many."""
    from rapidfuzz import fuzz, process

    pool = list(dict.fromkeys(response_terms))
    if not target_terms:
        return 0, 0
    if not pool:
        return 0, len(target_terms)
    found = sum(
        1
        for term in target_terms
        if process.extractOne(term, pool, scorer=fuzz.ratio, score_cutoff=WORD_MATCH)
    )
    return found, len(target_terms)


def _share(found: int, of: int) -> float:
    return found / of if of else 0.0


def _top_descriptor(part: Part) -> str:
    return part.descriptors[max(part.descriptors)] if part.descriptors else ""


@dataclass
class ReferenceMatchGrader:
    """The offline baseline grader (``mock/reference-match``)."""

    name: str = NAME
    kind: GraderKind = "baseline"
    deterministic: bool = True

    async def grade(self, task: GradingTask) -> Marks:
        return self.mark(task)

    def mark(self, task: GradingTask) -> Marks:
        """Marks for every part of the rubric, from term coverage."""
        # Terms the task itself hands the candidate (stem, passage, documents) earn
        # nothing: restating the question is not an answer.
        given = set(key_terms(" ".join(
            [task.item.stem, task.passage or "", *(m.body for m in task.item.materials)]
        )))
        response = key_terms(task.response)
        reference = [t for t in key_terms(task.item.reference_answer) if t not in given]
        ref_found, ref_total = coverage(response, reference)
        ref_share = _share(ref_found, ref_total)
        rubric = task.item.rubric
        marks: dict[str, float] = {}
        notes = [f"{ref_found} of {ref_total} key terms of the reference answer"]
        for part in parts(rubric):
            if isinstance(rubric, HolisticRubric):
                wording = " ".join(
                    [*(f"{c.description} {c.descriptors[max(c.descriptors)]}"
                       if c.descriptors else c.description for c in rubric.criteria),
                     _top_descriptor(part)]
                )
            else:
                wording = f"{part.description} {_top_descriptor(part)}"
            own_terms = [t for t in key_terms(wording) if t not in given]
            own_found, own_total = coverage(response, own_terms)
            # A response earns a part by matching the reference answer or the rubric's own
            # words for that part, whichever it covers better.
            share = max(ref_share, _share(own_found, own_total))
            marks[part.id] = part.snap(part.min + share * (part.max - part.min))
            if own_total:
                notes.append(f"{part.id}: {own_found} of {own_total} rubric terms")
        comment = "Baseline (term overlap, not a real grade): " + "; ".join(notes) + "."
        return Marks(marks, comment)

