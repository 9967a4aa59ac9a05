#!/usr/bin/env python3
"""A stand-in for the Claude Code CLI that emits its real headless output format.

`--output-format stream-json --verbose`: a `system` init event, `assistant` events with content
blocks (text, tool_use), `user` events with tool_result blocks, and a final `result` event.
The scenario is chosen with `--fake-scenario NAME` (passed through the adapter's extra_args).
"""

import json
import os
import sys

args = sys.argv[1:]
if args == ["--version"]:
    print("2.0.99 (Claude Code)")
    sys.exit(0)

scenario = args[args.index("--fake-scenario") + 1] if "--fake-scenario" in args else "solve"
model = args[args.index("--model") + 1] if "--model" in args else "claude-fake-1"
session = "5f0c6e4e-0000-4000-8000-000000000000"


def emit(event):
    print(json.dumps(event), flush=True)


def result(subtype="success", is_error=False, text="Done.", **extra):
    event = {
        "type": "result", "subtype": subtype, "is_error": is_error, "duration_ms": 12345,
        "duration_api_ms": 11000, "num_turns": 4, "result": text, "session_id": session,
        "total_cost_usd": 0.0421, "usage": {"input_tokens": 1200, "output_tokens": 345,
                                            "cache_creation_input_tokens": 2000, "cache_read_input_tokens": 8000},
        "modelUsage": {model: {"inputTokens": 1200, "outputTokens": 345, "cacheReadInputTokens": 8000,
                               "cacheCreationInputTokens": 2000, "costUSD": 0.0421}},
        "permission_denials": [], "stop_reason": "end_turn", "terminal_reason": None, "api_error_status": None,
        "errors": [],
    }
    event.update(extra)
    emit(event)


def tool_use(i, name, tool_input):
    emit({"type": "assistant", "session_id": session, "message": {
        "id": f"msg_{i}", "type": "message", "role": "assistant", "model": model,
        "content": [{"type": "text", "text": "Working on it."},
                    {"type": "tool_use", "id": f"toolu_{i}", "name": name, "input": tool_input}]}})
    emit({"type": "user", "session_id": session, "message": {"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": f"toolu_{i}", "content": "ok"}]}})


emit({"type": "system", "subtype": "init", "session_id": session, "model": model, "cwd": os.getcwd(),
      "tools": ["Bash", "Read", "Write", "Edit"], "permissionMode": "bypassPermissions"})

if scenario == "solve":
    tool_use(1, "Read", {"file_path": "m.py"})
    tool_use(2, "Bash", {"command": "ls"})
    with open("m.py", "w") as fh:
        fh.write("def f():\n    return 42\n")
    tool_use(3, "Write", {"file_path": "m.py", "content": "..."})
    result(text="I implemented f.")
elif scenario == "api-error":  # exit 0 and subtype success, but is_error: an API failure
    result(is_error=True, text="Invalid API key · Please run /login", api_error_status=401, num_turns=1,
           total_cost_usd=0, usage={"input_tokens": 0, "output_tokens": 0})
elif scenario == "overloaded":
    result(subtype="error_during_execution", is_error=True, text="API Error: 529 Overloaded", api_error_status=529)
elif scenario == "max-turns":
    tool_use(1, "Read", {"file_path": "m.py"})
    result(subtype="error_max_turns", is_error=True, text="", num_turns=30)
elif scenario == "gave-up":
    result(text="I could not solve this.")
elif scenario == "crash":
    result(subtype="error_during_execution", is_error=True, text="Tool execution failed: internal error")
elif scenario == "garbage":
    print("Segmentation fault: this is not JSON", flush=True)
    sys.exit(139)
elif scenario == "offline":  # what the real CLI prints with no network
    print("Error: getaddrinfo ENOTFOUND api.anthropic.com", file=sys.stderr, flush=True)
    sys.exit(1)
elif scenario == "echo-key":
    print(os.environ.get("ANTHROPIC_API_KEY", "<no key>"), file=sys.stderr, flush=True)
    print(json.dumps(sorted(os.environ)), file=sys.stderr, flush=True)
    result(text="key was " + os.environ.get("ANTHROPIC_API_KEY", "<no key>"))
elif scenario == "hang":
    import time

    time.sleep(3600)
