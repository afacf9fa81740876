"""Prices per model (``prices.yaml`` in the package, or a file of the same format) and the
cost of a request. A model without a price has an unknown cost: None, never 0."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from examsim.errors import Problem, TableError
from examsim.yamlfile import parse_yaml, read_model, validate_doc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Tier(_Strict):
    """Rates for requests up to a number of input tokens."""

    max_input_tokens: int | None = Field(default=None, gt=0)
    """Largest request (input tokens) this tier applies to; omit for the last tier."""
    input: float = Field(ge=0)
    """US dollars per million input tokens."""
    output: float = Field(ge=0)
    """US dollars per million output tokens."""


class Price(_Strict):
    """The price of one model (or a pattern of models)."""

    input: float | None = Field(default=None, ge=0)
    """US dollars per million input tokens (when there are no tiers)."""
    output: float | None = Field(default=None, ge=0)
    """US dollars per million output tokens (when there are no tiers)."""
    tiers: list[Tier] = []
    """Rates by request size, smallest first."""
    source: str | None = None
    """Where the price was read."""
    as_of: str | None = None
    """When it was read (year-month)."""
    note: str | None = None
    """Anything a reader should know."""

    @model_validator(mode="after")
    def _rates_given(self) -> Price:
        if not self.tiers and (self.input is None or self.output is None):
            raise ValueError("give input and output, or tiers")
        return self

    def rates(self, input_tokens: int) -> tuple[float, float]:
        """(input, output) dollars per million tokens for a request of this size."""
        for tier in self.tiers:
            if tier.max_input_tokens is None or input_tokens <= tier.max_input_tokens:
                return tier.input, tier.output
        if self.tiers:
            return self.tiers[-1].input, self.tiers[-1].output
        assert self.input is not None and self.output is not None
        return self.input, self.output


class PriceFile(_Strict):
    """A prices file: model spec or pattern -> price."""

    models: dict[str, Price]
    """Prices by model spec; ``*`` matches any text; the first match wins."""


@dataclass(frozen=True)
class PriceTable:
    """Prices looked up by model spec."""

    entries: tuple[tuple[str, Price], ...]

    def price(self, model: str) -> Price | None:
        """The price of ``model``: an exact entry, else the first matching pattern."""
        for pattern, price in self.entries:
            if pattern == model:
                return price
        for pattern, price in self.entries:
            if "*" in pattern and fnmatch.fnmatchcase(model, pattern):
                return price
        return None

    def cost(self, model: str, input_tokens: int, output_tokens: int) -> float | None:
        """Dollars for one request; None when the price is unknown."""
        price = self.price(model)
        if price is None:
            return None
        rate_in, rate_out = price.rates(input_tokens)
        return (input_tokens * rate_in + output_tokens * rate_out) / 1_000_000


def builtin_prices() -> PriceTable:
    text = resources.files("examsim.runner").joinpath("prices.yaml").read_text(encoding="utf-8")
    path = Path("examsim/runner/prices.yaml")
    doc = parse_yaml(text, path)
    if isinstance(doc, Problem):
        raise TableError([doc], "The built-in price table is damaged")
    table, problems = validate_doc(PriceFile, doc)
    if table is None:
        raise TableError(problems, "The built-in price table is damaged")
    return PriceTable(tuple(table.models.items()))


def load_prices(path: Path | None = None) -> PriceTable:
    """The built-in prices, with the entries of ``path`` (if given) taking precedence."""
    builtin = builtin_prices()
    if path is None:
        return builtin
    table, problems, _ = read_model(PriceFile, path)
    if table is None:
        raise TableError(problems, f"Prices file {path} is not valid")
    return PriceTable(tuple(table.models.items()) + builtin.entries)
