"""The response cache: a repeated request is answered from disk, free.

Entries live under ``platformdirs.user_cache_dir("examsim")/responses`` (``$XDG_CACHE_HOME``
on Linux), one small JSON file per request, named by the sha256 of the model's cache
identity, the request and the sample. Only the answer and its token counts are stored:
never a key, a base URL or the prompt. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from examsim.models.types import GenerateRequest, GenerateResult


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("examsim")) / "responses"


class ResponseCache:
    """Answers by request, on disk."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_cache_dir()

    def key(self, identity: str, request: GenerateRequest) -> str:
        material = "\n".join(
            [identity, request.canonical_json(), request.metadata.get("sample", "0")]
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, identity: str, request: GenerateRequest) -> GenerateResult | None:
        """The cached answer, or None (a damaged entry counts as missing)."""
        path = self._path(self.key(identity, request))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return GenerateResult(
                text=str(data["text"]),
                input_tokens=int(data.get("input_tokens", 0)),
                output_tokens=int(data.get("output_tokens", 0)),
                finish_reason=data.get("finish_reason"),
                cached=True,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, identity: str, request: GenerateRequest, result: GenerateResult) -> None:
        """Store an answer (written to a temporary file, then renamed into place)."""
        path = self._path(self.key(identity, request))
        data = {
            "text": result.text,
            "input_tokens": result.input_tokens,
            "output_tokens": result.output_tokens,
            "finish_reason": result.finish_reason,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs a repeated request
