"""The scoring table formats: strict models of the YAML files in ``scoring_tables/``.

A scale is a folder::

    scoring_tables/<scale-id>/scale.yaml        range, inputs, defaults, how scores print
    scoring_tables/<scale-id>/forms/<id>.yaml   how raw points become the scaled score
    scoring_tables/<scale-id>/norms/<id>.yaml   score -> percentile, for one reference group
    scoring_tables/<scale-id>/SOURCES.md        where every number came from

Every form and norm table names its source, vintage, population and quality, so a printed
percentile can always be traced back to a document. Extra norm tables (a class, a cohort)
live in the user data folder under ``norms/<scale-id>/``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from examsim.packs.schema import Id

Quality = Literal["official", "reprint", "secondary", "derived", "approximation"]
Definition = Literal["below", "at_or_below", "band", "unstated"]
Rounding = Literal["half_up", "half_even"]
# Score keys: a number, or a "low-high" range of numbers sharing one value.
ScoreKey = int | float | str


class Strict(BaseModel):
    """Base for table models: unknown fields are errors; values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Provenance(Strict):
    """Where a table's numbers come from."""

    source: str = Field(min_length=1)
    """URL or document the numbers were copied from."""
    vintage: str = Field(min_length=1)
    """Years or administrations the numbers describe, e.g. ``2016-2019 testing years``."""
    quality: Quality
    """``official`` (the testing body's own document), ``reprint`` (a third party reproducing
    it), ``secondary`` (a third party's own figures), ``derived`` (arithmetic on a cited table)
    or ``approximation`` (a stated rule with no published table behind it)."""
    retrieval: str = ""
    """How and when the numbers were obtained, and anything doubtful about them."""


# --- forms: raw -> scaled ------------------------------------------------------------------


class RawTable(Strict):
    """A printed conversion chart for one input: every raw score and what it converts to."""

    max_raw: int = Field(gt=0)
    """Highest raw score on the real form (number of scored questions or points)."""
    scores: dict[ScoreKey, float] = Field(min_length=1)
    """Raw score (or ``low-high`` range of raw scores) -> converted score."""


class TableMethod(Strict):
    """Per-form conversion charts; the converted inputs are added and multiplied."""

    kind: Literal["table"]
    tables: dict[Id, RawTable] = Field(min_length=1)
    """One chart per scale input, e.g. ``reading`` and ``writing`` for SAT EBRW."""
    multiplier: float = Field(default=1.0, gt=0)
    """Multiplier on the sum of the converted inputs (10 for SAT EBRW: test scores x 10)."""


class LinearMethod(Strict):
    """``intercept + sum(slope x fraction of the input's maximum)``, rounded to the scale's step."""

    kind: Literal["linear"]
    intercept: float = 0.0
    """Score at zero raw points."""
    slopes: dict[Id, float] = Field(min_length=1)
    """Points added per input at a perfect raw score, e.g. ``{total: 40}`` for GRE 130-170."""
    max_raw: dict[Id, float] = {}
    """Raw maximum of each input on the real form (for ``examsim convert``; optional)."""


class CompositeMethod(Strict):
    """Weighted percent of each input, then cut points to a coarse score (AP 1-5)."""

    kind: Literal["composite"]
    weights: dict[Id, float] = Field(min_length=1)
    """Share of the composite for each input; they add up to 1 (e.g. ``{mc: 0.5, fr: 0.5}``)."""
    cuts: dict[int, float] = Field(min_length=1)
    """Lowest composite fraction (0-1) earning each score above the scale's minimum."""
    max_raw: dict[Id, float] = {}
    """Raw maximum of each input on the real form (for ``examsim convert``; optional)."""


class PointsMethod(Strict):
    """The raw points themselves, projected to the real form's maximum when it is known."""

    kind: Literal["points"]
    max_raw: dict[Id, float] = {}
    """Maximum raw points of each input on the real form, e.g. ``{total: 150}`` for AMC."""


class PercentMethod(Strict):
    """Percent of the maximum raw points, 0-100."""

    kind: Literal["percent"]


class ReferenceScaling(Strict):
    """A written score scaled to another component's distribution (NCBE's method)."""

    kind: Literal["reference"]
    weights: dict[Id, float] = Field(min_length=1)
    """Weights of the inputs in the written raw score, e.g. ``{mee: 0.6, mpt: 0.4}``."""
    raw_mean: float
    """Mean of that weighted raw score (in fractions of each input's maximum) among the
    jurisdiction's takers in the same administration."""
    raw_sd: float = Field(gt=0)
    """Its standard deviation among the same takers."""
    reference_mean: float
    """Mean scaled score of the reference component (the MBE) among the same takers."""
    reference_sd: float = Field(gt=0)
    """Its standard deviation."""


class LinearPart(Strict):
    """One component: ``intercept + slope x fraction of its input's maximum``."""

    kind: Literal["linear"]
    input: Id
    """The scale input this component reads."""
    intercept: float = 0.0
    slope: float
    """Component score at a perfect raw score, minus the intercept."""


class TablePart(Strict):
    """One component read from a conversion chart."""

    kind: Literal["table"]
    input: Id
    table: RawTable


ComponentMethodPart = Annotated[
    LinearPart | TablePart | ReferenceScaling, Field(discriminator="kind")
]


class Component(Strict):
    """A named part of a total that is the sum of its parts (UBE: MBE + MEE + MPT)."""

    id: Id
    """Identifier shown in results, e.g. ``mbe``."""
    name: str
    """Name as the exam reports it."""
    method: ComponentMethodPart
    """How the component's score is computed."""


class ComponentsMethod(Strict):
    """A total made of separately converted components (UBE)."""

    kind: Literal["components"]
    components: list[Component] = Field(min_length=1)
    """The components, in reporting order; the scaled score is their sum."""


Method = Annotated[
    TableMethod | LinearMethod | CompositeMethod | PointsMethod | PercentMethod | ComponentsMethod,
    Field(discriminator="kind"),
]


class FormFile(Provenance):
    """``forms/<id>.yaml``: one way raw points become the scaled score."""

    id: Id
    """Identifier, unique within the scale (by convention the file name)."""
    name: str
    """What the form is, e.g. ``LSAT Form 6LSN68 conversion chart``."""
    method: Method
    """How raw points become the scaled score."""
    rounding: Rounding = "half_up"
    """How a fractional score is rounded to the step (``half_even`` is Python's ``round``)."""
    step: float | None = Field(default=None, gt=0)
    """Round to this step instead of the scale's (a report that printed whole points)."""
    sets: list[Id] = []
    """Named norm sets this form belongs to, e.g. ``gpt4-report``."""
    note: str = ""
    """Shown with results scored on this form (caveats a reader must know)."""


# --- norms: scaled -> percentile ----------------------------------------------------------------


class NormFile(Provenance):
    """``norms/<id>.yaml``: percentiles of the scale's scores in one reference group."""

    id: Id
    """Identifier, unique within the scale (by convention the file name)."""
    name: str
    """Short description, e.g. ``LSAC percentiles, 2016-2019 testing years``."""
    population: str = Field(min_length=1)
    """Who the reference group is: all takers, first-time takers, a July administration..."""
    definition: Definition
    """What a percentile means: ``below`` (% scoring lower), ``at_or_below``, ``band`` (a
    distribution: both bounds are given), or ``unstated`` by the source."""
    kind: Literal["percentiles", "distribution"]
    """``percentiles``: score -> percentile (a table may skip scores; a skipped score gets the
    range between its neighbours); ``distribution``: score -> share of takers."""
    percentiles: dict[ScoreKey, float] = {}
    """For ``kind: percentiles``: score (or ``low-high`` range) -> percentile 0-100."""
    distribution: dict[ScoreKey, float] = {}
    """For ``kind: distribution``: score -> percent (or count) of takers earning it."""
    sets: list[Id] = []
    """Named norm sets this table belongs to, e.g. ``gpt4-report``."""
    note: str = ""
    """Shown with percentiles from this table (e.g. that it stands in for one not found)."""


# --- the scale -------------------------------------------------------------------------------


class ScaleRange(Strict):
    """The reported score's range; an open end (null) for scales without one."""

    min: float | None
    """Lowest score, or null (raw points can be negative under a penalty rule)."""
    max: float | None
    """Highest score, or null (raw points of a pack of any length)."""
    step: float = Field(default=1.0, gt=0)
    """Increment between reported scores (10 for SAT sections, 0.5 for GRE writing)."""


class ScaleInput(Strict):
    """A named input of the scale: a pack maps sections to it."""

    id: Id
    """Name used in a pack's ``scores: inputs:``."""
    description: str
    """What feeds the input, e.g. ``the 52 Reading questions``."""


class ScaleFile(Strict):
    """``scale.yaml``: a score an exam reports, its range, inputs and defaults."""

    id: Id
    """Identifier; the folder name."""
    name: str
    """Official name of the score, e.g. ``LSAT`` or ``SAT Math``."""
    description: str
    """What the score is and how it is formed."""
    range: ScaleRange
    """Reported range and step."""
    inputs: list[ScaleInput] = Field(min_length=1)
    """The named inputs packs map their sections to."""
    display: Literal["score", "score_of_max", "percent", "points_of_max"] = "score"
    """How a score prints: ``163``, ``710 / 800``, ``75 %``, or ``36 / 60`` (of the run's form)."""
    style: Literal["fine", "coarse"] = "fine"
    """``fine``: one percentile per score (``163 (~88th)``); ``coarse``: a band per score,
    ``5 (85th - 100th)``, because many takers share each score."""
    default_form: Id
    """Form used unless another is asked for."""
    default_norms: Id | None = None
    """Norm table used unless another is asked for; null when no public table exists."""
    notes: str = ""
    """Anything a user should know about this scale."""
