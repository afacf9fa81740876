"""A small local model server for tests and benchmarks.

It speaks the OpenAI ``/v1/chat/completions`` API (and the Anthropic ``/v1/messages``
API) over real HTTP, answers with a configurable responder after a configurable latency,
and can be told to fail the next requests in the ways real providers fail::

    with ProviderServer(latency=0.1) as server:
        server.inject("rate_limit", count=2, retry_after=0.5)
        ...  # point a client at server.url
        server.requests[-1].body   # what the client sent, images included

Faults: ``rate_limit`` (429, Retry-After when given), ``server_error`` (500),
``unavailable`` (503), ``unauthorized`` (401), ``timeout`` (answer only after ``hang``
seconds), ``reset`` (drop the connection), ``malformed`` (200 with a body that is not
JSON), ``empty`` (200 with empty content). ``fail_at_random`` fails a share of all later
requests with faults drawn from a list (seeded). Run it alone with
``python -m examsim.testing.provider_server --latency 0.1``.

Only the standard library is used, so importing this module is cheap.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FAULTS = ("rate_limit", "server_error", "unavailable", "unauthorized", "timeout", "reset",
          "malformed", "empty")

Responder = Callable[[dict[str, Any]], str]


def fixed_answer(text: str = "The answer is therefore [A]") -> Responder:
    """A responder that always answers ``text``."""
    return lambda body: text


@dataclass
class RecordedRequest:
    """A request the server received."""

    path: str
    headers: dict[str, str]
    body: Any
    at: float = field(default_factory=time.monotonic)
    fault: str | None = None
    """The fault served instead of an answer, if any."""

    def image_urls(self) -> list[str]:
        """URLs (or base64 data) of every image content part in the request."""
        found: list[str] = []
        for message in self.body.get("messages", []) if isinstance(self.body, dict) else []:
            content = message.get("content")
            if not isinstance(content, list):
                continue
            for part in content:
                if part.get("type") == "image_url":
                    found.append(part["image_url"]["url"])
                elif part.get("type") == "image":
                    found.append(part["source"]["data"])
        return found

    def text(self) -> str:
        """Every text part of every message, joined (the system prompt included)."""
        body = self.body if isinstance(self.body, dict) else {}
        chunks = [body["system"]] if isinstance(body.get("system"), str) else []
        for message in body.get("messages", []):
            content = message.get("content")
            if isinstance(content, str):
                chunks.append(content)
            elif isinstance(content, list):
                chunks.extend(p.get("text", "") for p in content if p.get("type") == "text")
        return "\n".join(chunks)


@dataclass
class Fault:
    kind: str
    count: int = 1
    retry_after: float | None = None
    hang: float = 30.0
    match: str | None = None
    message: str | None = None
    """Error message of an HTTP error fault (default: ``injected <kind>``)."""


def _words(text: str) -> int:
    return len(text.split())


class ProviderServer:
    """The server: an asyncio HTTP/1.1 server on its own event loop in a background thread."""

    def __init__(
        self,
        latency: float = 0.0,
        responder: Responder | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.responder = responder or fixed_answer()
        self.requests: list[RecordedRequest] = []
        self.faults_served: list[str] = []
        self._faults: list[Fault] = []
        self._random_faults: tuple[float, list[Fault], random.Random] | None = None
        self._lock = threading.Lock()
        self._host = host
        self._port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None

    @property
    def url(self) -> str:
        """Base URL of the OpenAI-style API, e.g. ``http://127.0.0.1:5123/v1``."""
        return f"http://{self._host}:{self._port}/v1"

    @property
    def root_url(self) -> str:
        """Base URL without ``/v1`` (what the Anthropic SDK expects)."""
        return self.url.removesuffix("/v1")

    async def serve(self, ready: Callable[[], None] | None = None) -> None:
        """Serve on the running loop until ``stop``."""
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        self._server = await asyncio.start_server(
            self._connection, self._host, self._port, backlog=1024
        )
        self._port = self._server.sockets[0].getsockname()[1]
        if ready is not None:
            ready()
        async with self._server:
            await self._stopped.wait()

    def start(self) -> ProviderServer:
        """Serve in a background thread; returns once the port is open."""
        started = threading.Event()

        def run() -> None:
            asyncio.run(self.serve(started.set))

        self._thread = threading.Thread(target=run, daemon=True, name="provider-server")
        self._thread.start()
        if not started.wait(10):
            raise RuntimeError("the provider server did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> ProviderServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(
        self,
        kind: str,
        count: int = 1,
        *,
        retry_after: float | None = None,
        hang: float = 30.0,
        match: str | None = None,
        message: str | None = None,
    ) -> None:
        """Fail the next ``count`` requests (whose text contains ``match``, if given)."""
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            self._faults.append(Fault(kind, count, retry_after, hang, match, message))

    def fail_at_random(self, rate: float, faults: list[Fault], *, seed: int = 0) -> None:
        """Fail each later request with probability ``rate``, with a fault drawn from
        ``faults`` (their ``count`` and ``match`` are ignored); ``rate`` 0 stops it."""
        for fault in faults:
            if fault.kind not in FAULTS:
                raise ValueError(f"unknown fault {fault.kind!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            self._random_faults = (rate, list(faults), random.Random(seed)) if rate else None

    def _take_fault(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            chosen: Fault | None = None
            for fault in self._faults:
                if fault.count > 0 and (fault.match is None or fault.match in request.text()):
                    fault.count -= 1
                    chosen = fault
                    break
            if chosen is None and self._random_faults is not None:
                rate, faults, rng = self._random_faults
                if rng.random() < rate:
                    chosen = rng.choice(faults)
            if chosen is not None:
                self.faults_served.append(chosen.kind)
                request.fault = chosen.kind
            return chosen

    def image_urls(self) -> list[str]:
        """Image parts of every request received so far."""
        with self._lock:
            return [url for r in self.requests for url in r.image_urls()]

    # --- HTTP ---------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader,
                          writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, path = (lines[0].split(" ") + ["", ""])[:2]
                headers: dict[str, str] = {}
                for line in lines[1:]:
                    if ":" in line:
                        key, _, value = line.partition(":")
                        headers[key.strip().lower()] = value.strip()
                body = await self._read_body(reader, headers)
                keep = await self._handle(method, path, headers, body, writer)
                if not keep or headers.get("connection", "").lower() == "close":
                    return
        except (ConnectionError, OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return  # the client went away (mid-request too), or the server is stopping
        finally:
            if not writer.is_closing():
                writer.close()

    @staticmethod
    async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    await reader.readline()
                    return b"".join(chunks)
                chunks.append(await reader.readexactly(size))
                await reader.readline()
        length = int(headers.get("content-length") or 0)
        return await reader.readexactly(length) if length else b""

    async def _handle(self, method: str, path: str, headers: dict[str, str], raw: bytes,
                      writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection must be dropped."""
        if method != "POST":
            self._send(writer, 405, {"error": {"message": f"{method} not allowed"}})
            return True
        try:
            body: Any = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(writer, 400, {"error": {"message": "request body is not JSON"}})
            return True
        path = path.split("?")[0]
        if path.endswith("/chat/completions"):
            style = "openai"
        elif path.endswith("/messages"):
            style = "anthropic"
        else:
            self._send(writer, 404, {"error": {"message": f"no route {path}"}})
            return True
        request = RecordedRequest(path, headers, body)
        fault = self._take_fault(request)
        if self.latency:
            await asyncio.sleep(self.latency)
        if fault is not None:
            if fault.kind == "reset":
                sock = writer.get_extra_info("socket")
                if sock is not None:
                    # SO_LINGER 0: closing sends a TCP reset, as a dropped connection does.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                writer.transport.abort()
                return False
            if fault.kind == "timeout":
                await asyncio.sleep(fault.hang)
            elif fault.kind == "malformed":
                payload = b'{"id": "x", "choices": [{"message": {"content": "trunc'
                self._send_bytes(writer, 200, payload)
                await writer.drain()
                return True
            elif fault.kind in ("rate_limit", "server_error", "unavailable", "unauthorized"):
                self._send_error(writer, fault, style)
                await writer.drain()
                return True
        text = "" if fault is not None and fault.kind == "empty" else self.responder(body)
        self._send(writer, 200, _answer_payload(style, body, text, request, len(self.requests)))
        await writer.drain()
        return True

    def _send_error(self, writer: asyncio.StreamWriter, fault: Fault, style: str) -> None:
        status = {"rate_limit": 429, "server_error": 500, "unavailable": 503,
                  "unauthorized": 401}[fault.kind]
        headers = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        kind = {429: "rate_limit_error", 500: "api_error", 503: "overloaded_error",
                401: "authentication_error"}[status]
        message = fault.message or f"injected {fault.kind}"
        if style == "anthropic":
            error: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": message}}
        else:
            error = {"error": {"message": message, "type": kind}}
        self._send(writer, status, error, headers)

    def _send(self, writer: asyncio.StreamWriter, status: int, payload: Any,
              headers: dict[str, str] | None = None) -> None:
        self._send_bytes(writer, status, json.dumps(payload).encode("utf-8"), headers)

    @staticmethod
    def _send_bytes(writer: asyncio.StreamWriter, status: int, data: bytes,
                    headers: dict[str, str] | None = None) -> None:
        reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
                  405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error",
                  503: "Service Unavailable"}.get(status, "Status")
        head = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json",
                f"Content-Length: {len(data)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data)


def _answer_payload(style: str, body: dict[str, Any], text: str, request: RecordedRequest,
                    number: int) -> dict[str, Any]:
    """A successful reply: stop sequences and max tokens applied as a real server does."""
    stops = body.get("stop") or body.get("stop_sequences") or []
    if isinstance(stops, str):
        stops = [stops]
    for stop in stops:
        at = text.find(stop)
        if at != -1:
            text = text[:at]
    cap = body.get("max_tokens") or body.get("max_completion_tokens")
    finish = "stop"
    words = text.split(" ")
    if isinstance(cap, int) and len(words) > cap:
        text, finish = " ".join(words[:cap]), "length"
    prompt_tokens = _words(request.text()) + 85 * len(request.image_urls())
    completion_tokens = _words(text)
    model = body.get("model", "local")
    if style == "anthropic":
        return {
            "id": f"msg_{number}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn" if finish == "stop" else "max_tokens",
            "stop_sequence": None,
            "usage": {"input_tokens": prompt_tokens, "output_tokens": completion_tokens},
        }
    return {
        "id": f"chatcmpl-{number}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": text},
            "finish_reason": finish,
        }],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted; print the base URL on the first line of stdout."""
    parser = argparse.ArgumentParser(description="A local OpenAI-compatible test server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    parser.add_argument("--answer", default="The answer is therefore [A]",
                        help="text of every answer")
    args = parser.parse_args(argv)
    server = ProviderServer(args.latency, fixed_answer(args.answer), args.host, args.port)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(server.serve(lambda: print(server.url, flush=True)))
    sys.exit(0)


if __name__ == "__main__":
    main()
