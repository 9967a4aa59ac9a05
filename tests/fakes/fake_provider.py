"""A model provider on loopback speaking the real wire formats the gateway must understand: the
Anthropic Messages API (JSON and SSE streaming) and OpenAI chat completions (JSON and streaming with
a final usage chunk). It records what it received, headers included, so tests can check which key
reached it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The usage every answer reports, so tests know what the gateway should have counted.
ANTHROPIC_USAGE = {"input_tokens": 25, "output_tokens": 12, "cache_read_input_tokens": 7,
                   "cache_creation_input_tokens": 3}
OPENAI_USAGE = {"prompt_tokens": 40, "completion_tokens": 9, "total_tokens": 49,
                "prompt_tokens_details": {"cached_tokens": 16}}
ERRORS = {429: "rate_limit_error", 500: "api_error", 529: "overloaded_error", 401: "authentication_error"}


class FakeProvider:
    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[int] = []  # statuses to answer the next requests with, in order
        self.hold: threading.Event | None = None  # streams pause after their first event until it is set
        self.echo_auth = False  # answer with the credentials received, like a careless provider
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.handle_error = lambda *a: None  # clients that hang up mid-answer are expected
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        if self.hold is not None:
            self.hold.set()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                provider.requests.append({"method": "GET", "path": self.path, "headers": dict(self.headers)})
                self._json(200, {"data": [{"id": "fake-model", "type": "model"}]})

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.loads(raw) if raw else {}
                provider.requests.append({"method": "POST", "path": self.path, "headers": dict(self.headers),
                                          "body": body})
                if provider.script:
                    status = provider.script.pop(0)
                    return self._json(status, {"type": "error", "error": {"type": ERRORS.get(status, "error"),
                                                                          "message": "scripted"}})
                if provider.echo_auth:
                    seen = self.headers.get("x-api-key") or self.headers.get("Authorization", "")
                    return self._json(200, {"error": {"message": f"invalid key {seen}"}}, {"x-seen-key": seen})
                if self.path == "/v1/messages/count_tokens":
                    return self._json(200, {"input_tokens": 25})
                if self.path == "/v1/messages":
                    return self._sse(anthropic_events(body)) if body.get("stream") else self._json(200, anthropic(body))
                if self.path == "/v1/chat/completions":
                    return self._sse(openai_chunks(body)) if body.get("stream") else self._json(200, openai(body))
                self._json(404, {"error": {"message": "no such path"}})

            def _json(self, code, payload, extra=None):
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _sse(self, events):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for i, event in enumerate(events):
                    data = event.encode()
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.flush()
                    if i == 0 and provider.hold is not None:
                        provider.hold.wait(10)
                self.wfile.write(b"0\r\n\r\n")

        return Handler


def anthropic(body: dict) -> dict:
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": body.get("model", "m"),
            "content": [{"type": "text", "text": "hello"}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": ANTHROPIC_USAGE}


def anthropic_events(body: dict) -> list[str]:
    def ev(name, data):
        return f"event: {name}\ndata: {json.dumps(data)}\n\n"

    start_usage = {**ANTHROPIC_USAGE, "output_tokens": 1}  # output grows; message_delta has the total
    message = {**anthropic(body), "content": [], "stop_reason": None, "usage": start_usage}
    return [ev("message_start", {"type": "message_start", "message": message}),
            ev("content_block_start", {"type": "content_block_start", "index": 0,
                                       "content_block": {"type": "text", "text": ""}}),
            ev("ping", {"type": "ping"}),
            *[ev("content_block_delta", {"type": "content_block_delta", "index": 0,
                                         "delta": {"type": "text_delta", "text": w}}) for w in ("hel", "lo")],
            ev("content_block_stop", {"type": "content_block_stop", "index": 0}),
            ev("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                 "usage": {"output_tokens": ANTHROPIC_USAGE["output_tokens"]}}),
            ev("message_stop", {"type": "message_stop"})]


def openai(body: dict) -> dict:
    return {"id": "chatcmpl-1", "object": "chat.completion", "model": body.get("model", "m"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "hello"}, "finish_reason": "stop"}],
            "usage": OPENAI_USAGE}


def openai_chunks(body: dict) -> list[str]:
    def chunk(choices, usage=None):
        return "data: " + json.dumps({"id": "chatcmpl-1", "object": "chat.completion.chunk",
                                      "model": body.get("model", "m"), "choices": choices, "usage": usage}) + "\n\n"

    chunks = [chunk([{"index": 0, "delta": {"role": "assistant", "content": w}, "finish_reason": None}])
              for w in ("hel", "lo")]
    chunks.append(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
    if (body.get("stream_options") or {}).get("include_usage"):
        chunks.append(chunk([], OPENAI_USAGE))
    return [*chunks, "data: [DONE]\n\n"]
