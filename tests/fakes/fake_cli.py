#!/usr/bin/env python3
"""Stand-ins for the Codex, Gemini and aider CLIs emitting their documented output formats.

`--fake-cli codex|gemini|aider` picks the CLI, `--fake-scenario solve|api-error|crash|garbage` what happens.
"""

import json
import sys

args = sys.argv[1:]
cli = args[args.index("--fake-cli") + 1]
scenario = args[args.index("--fake-scenario") + 1] if "--fake-scenario" in args else "solve"
if "--version" in args:
    print({"codex": "codex-cli 0.99.0", "gemini": "0.20.0", "aider": "aider 0.86.1"}[cli])
    sys.exit(0)


def solve():
    with open("m.py", "w") as fh:
        fh.write("def f():\n    return 42\n")


def emit(event):
    print(json.dumps(event), flush=True)


if scenario == "garbage":
    print("panic: something broke", file=sys.stderr)
    sys.exit(2)

if cli == "codex":
    emit({"type": "thread.started", "thread_id": "0199a213-81c0-7800-8aa1-bbab2a035a53"})
    emit({"type": "turn.started"})
    if scenario == "api-error":
        emit({"type": "error", "message": "stream disconnected before completion: 401 Unauthorized"})
        emit({"type": "turn.failed", "error": {"message": "401 Unauthorized: Incorrect API key provided"}})
        sys.exit(1)
    emit({"type": "item.completed", "item": {"id": "item_0", "type": "reasoning", "text": "Looking at m.py"}})
    emit({"type": "item.started", "item": {"id": "item_1", "type": "command_execution", "command": "bash -lc ls",
                                           "aggregated_output": "", "exit_code": None, "status": "in_progress"}})
    emit({"type": "item.completed", "item": {"id": "item_1", "type": "command_execution", "command": "bash -lc ls",
                                             "aggregated_output": "m.py\n", "exit_code": 0, "status": "completed"}})
    if scenario == "solve":
        solve()
        emit({"type": "item.completed", "item": {"id": "item_2", "type": "file_change", "status": "completed",
                                                 "changes": [{"path": "m.py", "kind": "update"}]}})
    emit({"type": "item.completed", "item": {"id": "item_3", "type": "agent_message", "text": "Implemented f."}})
    emit({"type": "turn.completed", "usage": {"input_tokens": 24763, "cached_input_tokens": 24448,
                                              "output_tokens": 122}})
elif cli == "gemini":
    if scenario == "api-error":
        print(json.dumps({"error": {"type": "Error", "message": "[API Error: API key not valid. Please pass a valid "
                                    "API key.]", "code": 400}}, indent=2))
        sys.exit(1)
    if scenario == "solve":
        solve()
    stats = {"models": {"gemini-2.5-pro": {"api": {"totalRequests": 3, "totalErrors": 0, "totalLatencyMs": 5053},
                                           "tokens": {"prompt": 24939, "candidates": 20, "total": 25113,
                                                      "cached": 21263, "thoughts": 154, "tool": 0}}},
             "tools": {"totalCalls": 2, "totalSuccess": 2, "totalFail": 0, "totalDurationMs": 120,
                       "byName": {"read_file": {"count": 1, "success": 1, "fail": 0, "durationMs": 20},
                                  "write_file": {"count": 1, "success": 1, "fail": 0, "durationMs": 100}}},
             "files": {"totalLinesAdded": 2, "totalLinesRemoved": 1}}
    if scenario == "crash":
        print(json.dumps({"response": "", "stats": stats, "error": {"type": "FatalToolExecutionError",
                                                                     "message": "tool crashed", "code": 1}}))
        sys.exit(1)
    print(json.dumps({"response": "Implemented f.", "stats": stats}, indent=2))
elif cli == "aider":
    print("Aider v0.86.1\nMain model: gpt-4.1 with diff edit format\nGit repo: none\n")
    if scenario == "api-error":
        print("litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided")
        sys.exit(1)
    if scenario == "solve":
        solve()
        print("Applied edit to m.py")
    print("Tokens: 2.1k sent, 1.5k cache hit, 154 received. Cost: $0.0086 message, $0.0086 session.")
    print("Tokens: 3.4k sent, 98 received. Cost: $0.01 message, $0.02 session.")
