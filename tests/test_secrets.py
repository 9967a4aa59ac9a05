import re
import sqlite3
from dataclasses import replace

import pytest
from sqlmodel import select

from core import db
from core.schema import Agent, Attempt
from core.secrets import REDACTED, scrub, scrub_fields, secret_values
from runner.run import run
from tests.conftest import write_task


def test_scrub_env_values_and_key_formats():
    env = {"MY_SERVICE_TOKEN": "plain-looking-value-123", "HOME": "/root"}
    # Fake keys are assembled at run time so secret scanners do not flag this file.
    text = (f"tok=plain-looking-value-123 ant={'sk-' + 'ant-api03-abcdefghijklmnop'} "
            f"oai={'sk-' + 'proj-ABCDEFGHIJKLMNOPQRSTUVWX'} home=/root")
    out = scrub(text, env)
    assert "plain-looking-value-123" not in out and "sk-ant-" not in out and "sk-proj-" not in out
    assert out.count(REDACTED) == 3 and "home=/root" in out


# Every fake key is assembled at run time: no literal in this file looks like a real key.
ALNUM = "aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zC"  # 32 characters of the base62 alphabet
FORMATS = {
    "github fine-grained": "github" + "_pat_" + "11ABCDEFG0" + "_" + ALNUM * 2,
    "github classic": "gh" + "p_" + "x" * 36,
    "github oauth": "gh" + "o_" + ALNUM + "1234",
    "github server": "gh" + "s_" + ALNUM + "5678",
    "aws key id": "AK" + "IA" + "ABCDEFGHIJ234567",
    "aws session key id": "AS" + "IA" + "QRSTUVWXYZ234567",
    "jwt": "ey" + "J" + "hbGciOi" + "_x1" + ".ey" + "J" + "zdWIiOi" + "-y2" + "." + ALNUM + "_-",
    "hugging face": "hf" + "_" + ALNUM + "ab",
    "anthropic": "sk-" + "ant-api03-" + ALNUM,
    "openai": "sk-" + "proj-" + ALNUM,
    "google": "AI" + "za" + "Sy" + ALNUM + "-_x",
    "slack": "xo" + "xb-" + "1234567890-" + ALNUM,
    "stripe": "sk" + "_live_" + ALNUM,
    "stripe restricted": "rk" + "_live_" + ALNUM,
}


@pytest.mark.parametrize("name", FORMATS)
def test_scrub_known_key_formats(name):
    key = FORMATS[name]
    for text in (key, f"token={key}", f'{{"key": "{key}"}}', f"export X='{key}'\nnext line", f"({key})"):
        out = scrub(text, {})
        assert key not in out and REDACTED in out, (name, text, out)
    assert scrub(f"before {key} after", {}) == f"before {REDACTED} after"


@pytest.mark.parametrize("text, kept", [
    ("AWS_SECRET_ACCESS_KEY=" + "wJalr" + "XUtnFEMI/K7MDENG/bPxRfiCY" + "0123456789", "AWS_SECRET_ACCESS_KEY="),
    ("aws_secret_access_key = " + "wJalr" + "XUtnFEMI/K7MDENG/bPxRfiCY" + "0123456789", "aws_secret_access_key = "),
    ('"SecretAccessKey": "' + "wJalr" + "XUtnFEMI/K7MDENG/bPxRfiCY" + '0123456789"', '"SecretAccessKey": "'),
    ("Authorization: Bearer " + "abc" + "123def456ghi789", "Authorization: Bearer "),
    ("curl -H 'Authorization: Basic " + "dXNlcjpwYXNz" + "'", "curl -H 'Authorization: Basic "),
    ("authorization: " + "token " + "0123456789abcdef", "authorization: token "),
    ("Proxy-Authorization: Bearer " + "Q" * 30, "Proxy-Authorization: Bearer "),
    ("x-api-key: " + "0123456789" + "abcdefgh", "x-api-key: "),
    ('{"X-Api-Key": "' + "k9" * 12 + '"}', '{"X-Api-Key": "'),
    ("x-goog-api-key: " + "k9" * 12, "x-goog-api-key: "),
    ("sent Bearer " + "abc.def-123_" + "456", "sent Bearer "),
])
def test_scrub_labelled_values_keeps_the_label(text, kept):
    out = scrub(text, {})
    assert out.startswith(kept) and REDACTED in out and text[len(kept):].strip("'\"}") not in out, out


@pytest.mark.parametrize("text", [
    "sha256: " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "id 123e4567-e89b-12d3-a456-426614174000 done",
    "<img src='data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" + "'>",
    "token_count = 1234; max_tokens = 4096; api_key_name = 'primary'",
    "run task-" + "abcdefghijklmnopqrstuvwxyz0123 on disk-" + "abcdefghijklmnopqrstuvwxyz",
    "headers = {'Authorization': f'Bearer {token}'}; headers['x-api-key'] = key",
    'req.headers["Authorization"] = "Bearer " + token',
    "Use Bearer authentication. Authorization: required.",
    "from huggingface_hub import hf_hub_download; ghp_ = None; sk-learn",
    "def authorization_header(self) -> str:\n    return self._auth_token_value",
    "Basic arithmetic: 2 + 2",
])
def test_scrub_leaves_ordinary_code_and_text_alone(text):
    assert scrub(text, {"HOME": "/root", "PATH": "/usr/bin"}) == text


SECRET = "s3cr3t-" + "V4lue-0123456789-abcdef"
CUT = "\n[... 123456 bytes cut by codedrift's output cap ...]\n"


@pytest.mark.parametrize("text, gone", [
    ("log line\nkey=" + SECRET[:12] + CUT + "more output", SECRET[:12]),  # its start before the cut
    ("output" + CUT + SECRET[-10:] + " and on", SECRET[-10:]),  # its end after the cut
    (SECRET[-9:] + "\nrest of the output", SECRET[-9:]),  # at the start of the text
    ("the output ends with " + SECRET[:8], SECRET[:8]),  # at the end of the text
    ("x" + CUT + SECRET[-15:] + CUT + "y", SECRET[-15:]),  # between two cuts
    ("[... 9 characters cut]\n" + SECRET[-11:] + " tail", SECRET[-11:]),  # runner/attempt.py's marker
])
def test_scrub_values_cut_in_half(text, gone):
    out = scrub(text, {"MY_SERVICE_TOKEN": SECRET})
    assert gone not in out and REDACTED in out, out
    assert all(marker in out for marker in re.findall(r"\[\.\.\. [^\]]*\]", text))  # the cut stays visible


def test_scrub_parts_only_at_cuts_and_of_eight_characters_or_more():
    env = {"MY_SERVICE_TOKEN": SECRET}
    inside = f"a {SECRET[:12]} b {SECRET[-12:]} c"  # a part inside the text is not a cut secret
    assert scrub(inside, env) == inside
    short = SECRET[-7:] + CUT + "x " + SECRET[:7]  # fewer than 8 characters: too likely to be chance
    assert scrub(short, env) == short


def test_secret_values_by_name():
    env = {"GH_AUTH": "a" * 10, "GIT_AUTHOR_NAME": "Jane Developer", "DB_PASSWORD": "b" * 9,
           "SHORT_TOKEN": "tiny", "PATH": "/usr/local/bin:/usr/bin"}
    assert secret_values(env) == ["a" * 10, "b" * 9]


def test_scrub_fields_scrubs_every_string_recursively():
    key = FORMATS["github classic"]
    env = {"MY_SERVICE_TOKEN": SECRET}
    record = {"final_message": f"done {key}", "turns": 3, "cost_usd": -1.5, "ok": True, "none": None,
              "tool_calls_by_tool": {"Bash": 2, f"echo {SECRET}": 1},
              "nested": [{"arg": SECRET}, ("t", key), "plain"]}
    out = scrub_fields(record, env)
    assert key not in str(out) and SECRET not in str(out["nested"])
    assert out["final_message"] == f"done {REDACTED}" and out["nested"][0] == {"arg": REDACTED}
    assert out["nested"][1] == ("t", REDACTED) and out["nested"][2] == "plain"
    assert (out["turns"], out["cost_usd"], out["ok"], out["none"]) == (3, -1.5, True, None)
    assert record["final_message"] == f"done {key}"  # a copy: the input is left as it was
    assert scrub_fields(f"x {SECRET}", env) == f"x {REDACTED}" and scrub_fields(None) is None


def test_scrub_is_fast_on_multi_megabyte_texts():
    import random
    import string
    import time

    rng = random.Random(0)
    words = ["def", "token_count", "task-runner", "Authorization", "bearer", "sk-", "AKIA", "eyJhbG", "hf_hub",
             "ghp_", "xoxb", "secret_access_key", "\n", SECRET[:10]]
    parts, n = [], 0
    while n < 4_000_000:
        w = rng.choice(words) if rng.random() < 0.3 else "".join(rng.choices(string.ascii_letters, k=8))
        parts.append(w)
        n += len(w) + 1
    text = " ".join(parts) + " " + FORMATS["jwt"] + CUT + SECRET[-12:]
    t0 = time.perf_counter()
    out = scrub(text, {"MY_SERVICE_TOKEN": SECRET})
    elapsed = time.perf_counter() - t0
    assert FORMATS["jwt"] not in out and not out.endswith(SECRET[-12:])
    assert elapsed < 0.5, f"{elapsed:.2f}s for {len(text) / 1e6:.1f} MB"


@pytest.mark.slow
def test_a_key_the_agent_prints_never_reaches_the_database(cfg, backend_name, tmp_path, monkeypatch):
    key = "sk-" + "ant-api03-" + "x" * 40
    monkeypatch.setenv("ANTHROPIC_API_KEY", key)
    # The key reaches the sandbox only because the task's workspace holds it (task files are not stored).
    write_task(tmp_path / "tasks" / "s", "t", solution="def f():\n    return 42\n", expected_tests=1,
               workspace=f"K = {key!r}\n",
               tests="import m\n\ndef test_f():\n    print('leak', m.K)\n    assert False\n")
    cfg = replace(cfg, tasks_dir=tmp_path / "tasks", sandbox=backend_name)
    command = "cat m.py; cat m.py >&2; exit 1"
    with db.session(cfg.db_url) as s:
        s.add(Agent(name="leaky", adapter="command", settings={"command": command}))
        s.commit()
    run(cfg, suite_name="s", agent_name="leaky")
    with db.session(cfg.db_url) as s:
        attempt = s.exec(select(Attempt)).one()
    stored = " ".join(str(v) for v in attempt.model_dump().values())
    assert key not in stored and REDACTED in attempt.agent_log and REDACTED in attempt.test_log
    with sqlite3.connect(cfg.sqlite_path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert key.encode() not in cfg.sqlite_path.read_bytes()
