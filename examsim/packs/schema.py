"""The exam pack format: strict models of the YAML files a pack author writes.

A pack is a folder::

    exam.yaml          identity, provenance, reported scores, sections and their conditions
    items/<file>.yaml  the items of a section (and any passages they share)
    fewshot.yaml       practice items with gold explanations, never scored
    assets/            images, each referenced with alt text

Every model forbids unknown fields, so a misspelt key is an error, not a silent default.
Each field's docstring is its documentation (shown by ``examsim pack validate`` fixes).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Label = Annotated[str, Field(pattern=r"^[A-Z]$")]

Provenance = Literal["original", "public-domain", "imported"]
ItemType = Literal["multiple_choice", "numeric", "short_answer", "free_response"]
SectionFormat = Literal["multiple_choice", "numeric", "short_answer", "free_response", "mixed"]


class Strict(BaseModel):
    """Base for pack models: unknown fields are errors; values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- items -----------------------------------------------------------------------------


class Image(Strict):
    """A picture shown with an item."""

    path: str
    """Path of the image file relative to the pack folder, e.g. ``assets/cell.png``."""
    alt: str = Field(min_length=1)
    """Alt text: what the image shows, in words. Used for --no-vision runs and screen readers."""
    describe_when_hidden: bool = True
    """In a --no-vision run, print the alt text after the ``IMAGE:`` placeholder."""


class Material(Strict):
    """A document handed out with an item (a case file, a library of authorities, a source)."""

    title: str
    """Heading of the document, e.g. ``File: Memorandum from the supervising partner``."""
    body: str
    """The document's text (Markdown)."""


class ItemBase(Strict):
    """Fields every item has."""

    id: Id
    """Identifier, unique within the pack (letters, digits, ``_ . -``)."""
    stem: str = Field(min_length=1)
    """The question or task as the candidate reads it (Markdown; LaTeX between ``$...$``)."""
    passage: Id | None = None
    """Id of a passage in the same item file that this item is about."""
    images: list[Image] = []
    """Images the item shows."""
    topic: str | None = None
    """Subject area within the exam, e.g. ``Torts`` (used for per-topic breakdowns)."""
    group: str | None = None
    """Pool group: a form can draw a fixed number of items from each group."""


class MultipleChoiceItem(ItemBase):
    """An item answered by choosing one or more lettered options."""

    type: Literal["multiple_choice"]
    choices: dict[Label, str] = Field(min_length=2)
    """Options by letter, in order: ``{A: ..., B: ..., C: ..., D: ...}``."""
    answer: Label | list[Label]
    """The key: one letter, or a list of letters when several options must all be chosen."""
    explanation: str = Field(min_length=1)
    """Why the key is right (and the others wrong), so a reader can verify it."""
    points: float = Field(default=1.0, gt=0)
    """Points for a correct answer before the section's scoring rule applies."""
    choice_points: dict[Label, float] | None = None
    """Partial credit by option, when options earn different points."""


class NumericItem(ItemBase):
    """An item answered with a number (grid-in, short calculation)."""

    type: Literal["numeric"]
    answer: float
    """The correct value."""
    tolerance: float = Field(default=0.0, ge=0)
    """Absolute tolerance: answers within ``answer ± tolerance`` are correct."""
    relative_tolerance: float = Field(default=0.0, ge=0)
    """Relative tolerance, e.g. 0.01 for within 1 %."""
    unit: str | None = None
    """Unit the answer is expressed in, shown to the candidate."""
    explanation: str = Field(min_length=1)
    """The worked solution."""
    points: float = Field(default=1.0, gt=0)
    """Points for a correct answer."""


class ShortAnswerItem(ItemBase):
    """An item answered with a word or a short phrase."""

    type: Literal["short_answer"]
    accepted: list[str] = Field(min_length=1)
    """Answers that earn the points; matching ignores case and punctuation unless told not to."""
    match_threshold: float = Field(default=90.0, ge=0, le=100)
    """Similarity (0-100, rapidfuzz ratio after normalising) needed to match; 100 = exact."""
    case_sensitive: bool = False
    """Compare letter case too."""
    explanation: str = Field(min_length=1)
    """Why the accepted answers are right."""
    points: float = Field(default=1.0, gt=0)
    """Points for a correct answer."""


class Criterion(Strict):
    """One row of an analytic rubric."""

    id: Id
    """Identifier of the criterion, unique within the rubric."""
    description: str = Field(min_length=1)
    """What earns the points."""
    points: float = Field(gt=0)
    """Maximum points for this criterion."""
    descriptors: dict[float, str] = {}
    """What a response earning each number of points looks like: ``{0: ..., 1: ..., 2: ...}``."""


class AnalyticRubric(Strict):
    """Points per criterion; the item's score is their sum."""

    kind: Literal["analytic"]
    criteria: list[Criterion] = Field(min_length=1)
    """The criteria, in the order a grader applies them."""
    notes: str = ""
    """Grader notes: common errors, what not to reward, alternative acceptable answers."""


class HolisticRubric(Strict):
    """One overall score on a scale (e.g. 1-6 for bar essays, 0-6 in half points for GRE)."""

    kind: Literal["holistic"]
    min: float
    """Lowest score on the scale."""
    max: float
    """Highest score on the scale."""
    step: float = Field(default=1.0, gt=0)
    """Increment between allowed scores (0.5 for half points)."""
    levels: dict[float, str] = {}
    """Description of each score level, e.g. ``{6: 'Outstanding ...', 5: ...}``."""
    criteria: list[Criterion] = []
    """Analytic guide: the issues a strong answer covers and their weight. A grader marks
    them to arrive at the one holistic score; they are not summed into it."""
    notes: str = ""
    """Grader notes: what distinguishes adjacent levels, what not to reward."""


Rubric = Annotated[AnalyticRubric | HolisticRubric, Field(discriminator="kind")]


class FreeResponseItem(ItemBase):
    """An essay or constructed response, graded against a rubric."""

    type: Literal["free_response"]
    rubric: Rubric
    """How the response is graded."""
    reference_answer: str = Field(min_length=1)
    """A model answer at the top of the rubric (what a grader compares against)."""
    materials: list[Material] = []
    """Documents handed out with the task (case file, library, sources)."""
    points: float | None = Field(default=None, gt=0)
    """Maximum points; must equal the rubric's total (analytic) or maximum (holistic) if given."""


Item = Annotated[
    MultipleChoiceItem | NumericItem | ShortAnswerItem | FreeResponseItem,
    Field(discriminator="type"),
]


class ItemFile(Strict):
    """A file of items (``items/<name>.yaml``)."""

    passages: dict[Id, str] = {}
    """Reading passages shared by several items, by id."""
    items: list[Item] = Field(min_length=1)
    """The items, in the order of the form."""


# --- few-shot sets ----------------------------------------------------------------------


class FewshotSet(Strict):
    """Solved practice items shown to a model before the scored item; never scored."""

    id: Id
    """Identifier a section's protocol refers to."""
    format: ItemType
    """The item type these examples demonstrate."""
    passages: dict[Id, str] = {}
    """Passages the examples refer to."""
    items: list[Item] = Field(min_length=1)
    """Solved examples; multiple-choice examples carry gold explanations and keys."""


class FewshotFile(Strict):
    """``fewshot.yaml``: every few-shot set of the pack."""

    sets: list[FewshotSet] = Field(min_length=1)
    """The sets."""


# --- sections and exam -------------------------------------------------------------------


class ScoringRule(Strict):
    """How answers to a section's auto-scored items become raw points."""

    correct: float | None = None
    """Points per correct answer; default: the item's own ``points``."""
    wrong: float = 0.0
    """Points added for a wrong answer (negative for a penalty, e.g. -0.25)."""
    blank: float = 0.0
    """Points for an omitted answer (AMC gives 1.5)."""
    multiple_answer: Literal["all_or_nothing", "partial"] = "all_or_nothing"
    """Multi-answer items: all options exactly right, or a share per correct option."""
    weight: float = Field(default=1.0, gt=0)
    """Multiplier on the section's raw points before they reach the scale."""


class Protocol(Strict):
    """How a model is prompted in this section (the GPT-4 report's Appendix A by default)."""

    style: Literal["gpt4", "direct"] = "gpt4"
    """``gpt4``: few-shot with explanations, then the answer; ``direct``: answer alone."""
    fewshot: Id | list[Id] | None = None
    """Id of the few-shot set shown before each item, or several ids for a mixed section:
    each item then gets the first listed set of its own item type."""
    explanation_temperature: float = Field(default=0.3, ge=0, le=2)
    """Temperature when sampling the explanation of a multiple-choice answer."""
    answer_temperature: float = Field(default=0.0, ge=0, le=2)
    """Temperature of the step that takes the answer letter from the explanation."""
    free_response_temperature: float = Field(default=0.6, ge=0, le=2)
    """Temperature when sampling free responses."""
    max_explanation_tokens: int = Field(default=512, gt=0)
    """Cap on the explanation's length."""
    max_response_tokens: int = Field(default=2048, gt=0)
    """Cap on a free response's length."""


class FormRule(Strict):
    """How a sitting's form is drawn from the section's items (item pools)."""

    draw: Literal["all", "per_group", "random"] = "all"
    """``all`` items; ``per_group``: a number from each ``group``; ``random``: ``count`` items."""
    per_group: int = Field(default=1, gt=0)
    """Items drawn from each group when ``draw: per_group``."""
    count: int | None = Field(default=None, gt=0)
    """Items drawn when ``draw: random``."""


class Section(Strict):
    """A timed part of the exam with its own conditions."""

    id: Id
    """Identifier, unique within the exam."""
    name: str
    """Name as the exam calls it, e.g. ``Multistate Bar Examination``."""
    format: SectionFormat
    """The kind of items in the section."""
    items: str
    """Path of the item file relative to the pack folder, e.g. ``items/mbe.yaml``."""
    official_length: int | None = Field(default=None, gt=0)
    """Number of scored items on the real form; a shorter pack is projected to this length."""
    time_limit_minutes: float | None = Field(default=None, gt=0)
    """Time allowed for the section on the real exam."""
    instructions: str
    """What the candidate is told before the section starts (in our own words)."""
    allowed_aids: list[str] = []
    """Aids allowed, e.g. ``calculator``, ``reference sheet``; empty for none."""
    item_order: Literal["fixed", "shuffled"] = "fixed"
    """Present items in file order, or shuffled by the run's seed."""
    scoring: ScoringRule = ScoringRule()
    """How answers become raw points."""
    protocol: Protocol = Protocol()
    """How models are prompted."""
    form: FormRule = FormRule()
    """How a sitting's items are drawn from the section's pool."""
    pass_mark: float | None = None
    """Raw points needed to pass the section, when the exam has a pass mark."""


class ReportedScore(Strict):
    """A score the exam reports (a row of Table 1), computed by a scale from sections."""

    id: Id
    """Identifier, unique within the exam, e.g. ``ebrw`` or ``total``."""
    name: str
    """Official name as a results table writes it, e.g. ``SAT Math``."""
    scale: Id
    """Id of the scale in ``scoring_tables/`` that turns raw points into this score."""
    inputs: dict[str, Id | list[Id]]
    """Which sections feed each input of the scale, e.g. ``{mbe: mbe, mee: mee, mpt: mpt}``."""


class Exam(Strict):
    """``exam.yaml``: the exam's identity, provenance and structure."""

    id: Id
    """Identifier used on the command line, e.g. ``bar-exam``; by convention the folder name."""
    name: str
    """Full name, e.g. ``Uniform Bar Examination (practice pack)``."""
    provenance: Provenance
    """``original`` (written for examsim), ``public-domain``, or ``imported`` (user material)."""
    description: str
    """What the pack is and how it mirrors the real exam."""
    license: str | None = None
    """Licence of the pack's content, e.g. ``CC-BY-4.0`` or ``public domain``."""
    source: str | None = None
    """Where public-domain or imported content came from (URL or document)."""
    authors: list[str] = []
    """Who wrote the pack."""
    version: str = "1"
    """Version of the pack's content; bump it when items change."""
    scores: list[ReportedScore] = []
    """Reported scores; empty means raw points and percent correct only."""
    sections: list[Section] = Field(min_length=1)
    """The sections, in the order they are sat."""
    fewshot: str | None = "fewshot.yaml"
    """Path of the few-shot file, or null for none."""
