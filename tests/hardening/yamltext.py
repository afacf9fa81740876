"""Writing fuzzed data back as YAML, whatever its shape."""

from __future__ import annotations

import json
from typing import Any

import yaml


def dump(data: Any) -> str:
    """Block-style YAML as a person writes it; flow style (JSON) for data nested too
    deeply for the YAML emitter."""
    try:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    except (RecursionError, yaml.YAMLError):
        return json.dumps(data, ensure_ascii=False, default=str)
