"""A small local model server for tests and benchmarks.

It speaks the OpenAI ``/v1/chat/completions`` API (and the Anthropic ``/v1/messages``
API) over real HTTP, answers with a configurable responder after a configurable latency,
and can be told to fail the next requests in the ways real providers fail::

    with ProviderServer(latency=0.1) as server:
        server.inject("rate_limit", count=2, retry_after=0.5)
        ...  # point a client at server.url
        server.requests[-1].body   # what the client sent, images included

Faults: ``rate_limit`` (429, Retry-After when given), ``server_error`` (500),
``unavailable`` (503), ``timeout`` (answer only after ``hang`` seconds), ``reset`` (drop
the connection), ``malformed`` (200 with a body that is not JSON), ``empty`` (200 with empty
content). Run it alone with ``python -m examsim.testing.provider_server --latency 0.1``.

Only the standard library is used, so importing this module is cheap.
"""

from __future__ import annotations

import argparse
import json
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("rate_limit", "server_error", "unavailable", "timeout", "reset", "malformed", "empty")

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
    count: int
    retry_after: float | None = None
    hang: float = 30.0
    match: str | None = None


class _Server(ThreadingHTTPServer):
    # Room for many clients connecting at once (the default backlog of 5 drops them).
    request_queue_size = 256
    daemon_threads = True


def _words(text: str) -> int:
    return len(text.split())


class ProviderServer:
    """The server, run in a background thread."""

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
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server((host, port), _make_handler(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the OpenAI-style API, e.g. ``http://127.0.0.1:5123/v1``."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def root_url(self) -> str:
        """Base URL without ``/v1`` (what the Anthropic SDK expects)."""
        return self.url.removesuffix("/v1")

    def start(self) -> ProviderServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

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
    ) -> None:
        """Fail the next ``count`` requests (whose text contains ``match``, if given)."""
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            self._faults.append(Fault(kind, count, retry_after, hang, match))

    def _take_fault(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            for fault in self._faults:
                if fault.count > 0 and (fault.match is None or fault.match in request.text()):
                    fault.count -= 1
                    self.faults_served.append(fault.kind)
                    return fault
        return None

    def image_urls(self) -> list[str]:
        """Image parts of every request received so far."""
        with self._lock:
            return [url for r in self.requests for url in r.image_urls()]

    def wait(self, seconds: float) -> None:
        """Sleep, but wake up when the server stops."""
        self._stopping.wait(seconds)


def _make_handler(server: ProviderServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # quiet: tests read server.requests instead

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._send_json(400, {"error": {"message": "request body is not JSON"}})
                return
            path = self.path.split("?")[0]
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = RecordedRequest(path, headers, body)
            if path.endswith("/chat/completions"):
                style = "openai"
            elif path.endswith("/messages"):
                style = "anthropic"
            else:
                self._send_json(404, {"error": {"message": f"no route {path}"}})
                return
            fault = server._take_fault(request)
            if server.latency:
                server.wait(server.latency)
            if fault is not None and self._serve_fault(fault, style):
                return
            text = "" if fault is not None and fault.kind == "empty" else server.responder(body)
            self._answer(style, body, text, request)

        def _serve_fault(self, fault: Fault, style: str) -> bool:
            """Serve a failure; False when the fault only changes the answer."""
            if fault.kind == "reset":
                # SO_LINGER 0 makes close() send a TCP reset, as a dropped connection does.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()
                return True
            if fault.kind == "timeout":
                server.wait(fault.hang)
                return False
            if fault.kind == "malformed":
                payload = b'{"id": "x", "choices": [{"message": {"content": "trunc'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return True
            status = {"rate_limit": 429, "server_error": 500, "unavailable": 503}.get(fault.kind)
            if status is None:
                return False
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            kind = {429: "rate_limit_error", 500: "api_error", 503: "overloaded_error"}[status]
            message = f"injected {fault.kind}"
            if style == "anthropic":
                error: dict[str, Any] = {"type": "error",
                                         "error": {"type": kind, "message": message}}
            else:
                error = {"error": {"message": message, "type": kind}}
            self._send_json(status, error, headers)
            return True

        def _answer(self, style: str, body: dict[str, Any], text: str,
                    request: RecordedRequest) -> None:
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
                payload: dict[str, Any] = {
                    "id": f"msg_{len(server.requests)}",
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [{"type": "text", "text": text}],
                    "stop_reason": "end_turn" if finish == "stop" else "max_tokens",
                    "stop_sequence": None,
                    "usage": {"input_tokens": prompt_tokens, "output_tokens": completion_tokens},
                }
            else:
                payload = {
                    "id": f"chatcmpl-{len(server.requests)}",
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
            self._send_json(200, payload)

        def _send_json(self, status: int, payload: Any,
                       headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                self.close_connection = True  # the client gave up (e.g. its timeout)

    return Handler


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
    print(server.url, flush=True)
    try:
        server._httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._httpd.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
