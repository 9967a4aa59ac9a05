"""A real HTTP server on loopback that answers like the OpenAI chat API or the Anthropic Messages
API, scripted by the task named in the first user message."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SOLVED = "def f():\n    return 42\n"
WRONG = "def f():\n    return 41\n"

# task -> the tool calls of each turn (an empty list ends the conversation)
SCRIPTS = {
    "solve-me": [[("run", {"command": "cat m.py"})], [("write_file", {"path": "m.py", "content": SOLVED})], []],
    "fail-me": [[("read_file", {"path": "m.py"})], [("write_file", {"path": "m.py", "content": WRONG})], []],
}


class FakeModel:
    def __init__(self, wire: str, fail_first_with: int | None = None, always: int | None = None):
        self.wire, self.requests, self.fail_first_with, self.always = wire, [], fail_first_with, always
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}" + ("/v1" if wire == "openai" else "")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()  # connections are then refused, not left waiting in the backlog

    def _handler(self):
        model = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                model.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if model.always or (model.fail_first_with and len(model.requests) == 1):
                    return self._send(model.always or model.fail_first_with, {"error": {"message": "scripted"}})
                self._send(200, model.answer(body))

            def _send(self, code, payload):
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def answer(self, body: dict) -> dict:
        msgs = body["messages"]
        first_user = next(m for m in msgs if m["role"] == "user")["content"]
        task = next(name for name in SCRIPTS if name in first_user)
        turn = sum(1 for m in msgs if m["role"] == "assistant")
        calls = SCRIPTS[task][turn]
        if self.wire == "openai":
            tool_calls = [{"id": f"call_{turn}_{i}", "type": "function",
                           "function": {"name": n, "arguments": json.dumps(a)}} for i, (n, a) in enumerate(calls)]
            msg = {"role": "assistant", "content": None if calls else f"finished {task}"}
            if tool_calls:
                msg["tool_calls"] = tool_calls
            return {"id": "chatcmpl-1", "object": "chat.completion", "model": body["model"],
                    "choices": [{"index": 0, "message": msg, "finish_reason": "tool_calls" if calls else "stop"}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}}
        content = [{"type": "tool_use", "id": f"toolu_{turn}_{i}", "name": n, "input": a}
                   for i, (n, a) in enumerate(calls)] or [{"type": "text", "text": f"finished {task}"}]
        return {"id": "msg_1", "type": "message", "role": "assistant", "model": body["model"], "content": content,
                "stop_reason": "tool_use" if calls else "end_turn",
                "usage": {"input_tokens": 100, "output_tokens": 10, "cache_read_input_tokens": 5}}
