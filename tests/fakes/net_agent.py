#!/usr/bin/env python3
"""A networked agent CLI for the gateway test, speaking Claude Code's headless output format.

It calls the model through ANTHROPIC_BASE_URL (the gateway), writes the solution, probes every
`--probe host:port` directly and through the HTTPS proxy (CONNECT), records the sandbox's interfaces
and routes, and reports all of it as the final text of its `result` event. `--claim-outage` reports
a provider failure without calling the provider: the harness must not believe it.
"""

import json
import os
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

args = sys.argv[1:]
if args == ["--version"]:
    print("0.1 (net agent)")
    sys.exit(0)
probes = [args[i + 1] for i, a in enumerate(args) if a == "--probe"]


def result(text, is_error=False, subtype="success", status=None):
    print(json.dumps({"type": "result", "subtype": subtype, "is_error": is_error, "result": text, "num_turns": 1,
                      "api_error_status": status, "usage": {}}), flush=True)


if "--claim-outage" in args:
    result("API Error: 529 overloaded_error", is_error=True, status=529)
    sys.exit(1)

attacks = {}
if "--attack" in args:  # try to take over the way out before using it
    for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
        try:
            if b"forwarder.py" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(int(pid), 9)
                attacks["kill forwarder"] = "KILLED"
        except OSError as e:
            attacks["kill forwarder"] = type(e).__name__
    for what, path in (("write socket dir", "/run/codedrift-gateway/evil.sock"),
                       ("replace forwarder", "/tmp/codedrift-gateway/forwarder.py")):
        try:
            Path(path).write_text("x")
            attacks[what] = "WROTE"
        except OSError as e:
            attacks[what] = type(e).__name__
    try:
        urllib.request.urlopen(urllib.request.Request(os.environ["ANTHROPIC_BASE_URL"] + "/v1/files", method="GET"),
                               timeout=10)
        attacks["other path"] = "ALLOWED"
    except urllib.error.HTTPError as e:
        attacks["other path"] = e.code

req = urllib.request.Request(os.environ["ANTHROPIC_BASE_URL"] + "/v1/messages", method="POST",
                             data=json.dumps({"model": "m", "max_tokens": 10, "messages": [
                                 {"role": "user", "content": "hi"}]}).encode(),
                             headers={"x-api-key": os.environ["ANTHROPIC_API_KEY"], "content-type": "application/json",
                                      "anthropic-version": "2023-06-01"})
try:
    with urllib.request.urlopen(req, timeout=20) as r:
        reply = json.loads(r.read())
except urllib.error.HTTPError as e:
    result(f"API Error: {e.code}", is_error=True, status=e.code)
    sys.exit(1)
print(json.dumps({"type": "assistant", "message": {"content": [{"type": "text", "text": str(reply)[:200]}]}}),
      flush=True)
Path("m.py").write_text("def f():\n    return 42\n")

findings = {"interfaces": [ln.split(":")[0].strip() for ln in Path("/proc/net/dev").read_text().splitlines()[2:]],
            "routes": Path("/proc/net/route").read_text().splitlines()[1:], "direct": {}, "connect": {},
            "attacks": attacks}
for target in probes:
    host, port = target.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
        findings["direct"][target] = "REACHED"
    except OSError as e:
        findings["direct"][target] = f"{type(e).__name__}: {e.strerror or e}"
    with socket.create_connection(("127.0.0.1", 8480), timeout=5) as s:
        s.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
        findings["connect"][target] = s.recv(200).decode(errors="replace").split("\r\n")[0]
result(json.dumps(findings))
