"""Secrets never reach the database, logs or exports: scrub captured text before it is stored.

Three nets: the values of secret-looking environment variables of this process (whatever their
shape), the parts of those values left at a cut (an output cap may keep only a key's first or last
characters), and known key formats (in case a key reached the agent some other way).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

REDACTED = "[REDACTED]"
# AUTH but not AUTHOR (GIT_AUTHOR_NAME is not a secret).
_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH(?!OR)", re.IGNORECASE)
MIN_PART = 8  # characters of a secret value's start or end that are scrubbed when the rest was cut off

# A header or label value: token characters, with a digit or at least 20 of them, so prose such as
# "Bearer authentication" or "Authorization: required" is left alone.
_VALUE = r"(?=[A-Za-z._~+/=-]*\d|[A-Za-z0-9._~+/=-]{20})[A-Za-z0-9._~+/=-]{8,}"
_TOKEN = r"[A-Za-z0-9._~+/=-]"
# After a scheme word ("Basic dXNlcjpwYXNz") any value is a credential; without one it must look like a key.
_HEADER_VALUE = (r"[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|basic|token|bot|digest)\s+(?=" + _TOKEN + "{4})|(?="
                 + _VALUE + r"))(?P<v>" + _TOKEN + "+)")

# (literal, rest, case-insensitive): a key format is its literal start, then the rest. Each pattern
# starts with its literal, so the regex engine jumps between occurrences of it, and runs only if the
# literal is in the text at all: this keeps multi-MB texts fast. The literal must start a word (the
# lookbehind after it), so a hex digest, a base64 blob or "task-..." is not a key. A case-insensitive
# pattern is matched on the lower-cased text, and then only group "v" (the value) is replaced.
_KEY_FORMATS = [
    ("sk-ant-", r"[A-Za-z0-9_\-]{8,}", False),  # Anthropic
    ("sk-", r"(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}", False),  # OpenAI and compatible
    ("AIza", r"[0-9A-Za-z_\-]{30,}", False),  # Google
    ("github_pat_", r"[A-Za-z0-9_]{22,}", False),  # GitHub fine-grained token
    *((f"gh{c}_", r"[A-Za-z0-9]{30,}", False) for c in "pousr"),  # GitHub classic tokens
    *((p, r"[A-Z0-9]{16}(?![A-Za-z0-9])", False) for p in ("AKIA", "ASIA")),  # AWS access key id
    ("eyJ", r"[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", False),  # JWT
    ("hf_", r"[A-Za-z0-9]{30,}", False),  # Hugging Face
    ("xox", r"[abeoprs]-[A-Za-z0-9\-]{10,}", False),  # Slack
    ("xapp-", r"[A-Za-z0-9\-]{10,}", False),  # Slack app token
    ("hooks.slack.com/", r"(?P<v>services/[A-Za-z0-9/_\-]{20,})", False),  # Slack webhook
    *((p, r"[A-Za-z0-9]{16,}", False) for p in ("sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_")),  # Stripe
    # Labelled values: AWS secret access keys, and header values as sent or as dumped.
    *((p, r"[\"']?\s*[:=]\s*[\"']?(?P<v>[A-Za-z0-9/+=]{16,})", True) for p in ("secret_access_key", "secretaccesskey")),
    *((p, _HEADER_VALUE, True) for p in ("authorization", "api-key", "auth-token")),
    ("bearer", r"\s+(?P<v>" + _VALUE + ")", True),
]
# A key may follow "_" or "-" in no key format, but a label may ("aws_secret_access_key", "x-api-key").
_BEFORE = {False: "[A-Za-z0-9_/+-]", True: "[a-z0-9]"}
_FORMATS = [(lit, re.compile(rf"{re.escape(lit)}(?<!{_BEFORE[ci]}{re.escape(lit)}){rest}"), ci)
            for lit, rest, ci in _KEY_FORMATS]
# The marker runner/sandbox/base.py puts where the output cap cut (and runner/attempt.py's own).
_CUT = re.compile(r"\[\.\.\. \d+ (?:bytes|characters) cut[^\]\n]*\]")


def looks_secret(name: str) -> bool:
    """Whether an environment variable's name says it holds a secret."""
    return bool(_SECRET_NAME.search(name))


def secret_values(environ: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    values = {v for k, v in env.items() if looks_secret(k) and len(v) >= MIN_PART}
    return sorted(values, key=len, reverse=True)  # longest first, so a key containing another is cut whole


def scrub(text: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    return _scrub(text, secret_values(environ))


def scrub_fields(value, environ: Mapping[str, str] | None = None):
    """`value` with every str in it scrubbed, through mappings, lists and tuples (a copy; other values as is).

    For callers that store whole records: apply it to every field, not only the ones known to hold output."""
    values = secret_values(environ)

    def walk(v):
        if isinstance(v, str):
            return _scrub(v, values)
        if isinstance(v, Mapping):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, tuple):
            return tuple(walk(x) for x in v)
        return v

    return walk(value)


def _scrub(text: str | None, values: list[str]) -> str | None:
    if not text:
        return text
    for value in values:
        if value in text:
            text = text.replace(value, REDACTED)
    if values:
        text = _scrub_cut_parts(text, values)
    for literal, pattern, lower_case in _FORMATS:
        if lower_case:
            lower = text.lower()
            if literal in lower:
                text = _sub_case_insensitive(pattern, text, lower)
        elif literal in text:
            text = pattern.sub(_redact, text)
    return text


def _sub_case_insensitive(pattern: re.Pattern, text: str, lower: str) -> str:
    """Replace group "v" of each match of `pattern` in `lower` at the same place in `text`."""
    if len(lower) != len(text):  # a character whose lower case is longer: positions differ, match as is
        return re.compile(pattern.pattern, re.IGNORECASE).sub(_redact, text)
    out, at = [], 0
    for m in pattern.finditer(lower):
        start, end = m.span("v")
        out += [text[at:start], REDACTED]
        at = end
    return "".join(out) + text[at:]


def _redact(m: re.Match) -> str:
    if "v" not in m.re.groupindex:
        return REDACTED
    start, end = m.span("v")
    return m.string[m.start():start] + REDACTED + m.string[end:m.end()]


def _scrub_cut_parts(text: str, values: list[str]) -> str:
    """A value's last characters at the start of the text or right after a cut marker, and its first
    characters at the end of the text or right before one: what an output cap leaves of a key."""
    pieces = _CUT.split(text)  # the text between markers; the markers themselves are kept below
    markers = _CUT.findall(text)
    for i, piece in enumerate(pieces):
        head, body, tail = _edges(piece)
        body = _cut_suffix_part(body, values)  # the piece ends where a cut (or the text) did
        body = _cut_prefix_part(body, values)
        pieces[i] = head + body + tail
    out = [pieces[0]]
    for marker, piece in zip(markers, pieces[1:], strict=True):
        out += [marker, piece]
    return "".join(out)


def _edges(piece: str) -> tuple[str, str, str]:
    """Split off the newline the cut marker sits between, so the value's part touches the edge."""
    head = "\n" if piece.startswith("\n") else ""
    tail = "\n" if piece.endswith("\n") and len(piece) > len(head) else ""
    return head, piece[len(head):len(piece) - len(tail)], tail


def _cut_prefix_part(text: str, values: list[str]) -> str:
    """The text ending with a value's first characters (at least MIN_PART of them)."""
    for value in values:
        for n in range(len(value) - 1, MIN_PART - 1, -1):
            if text.endswith(value[:n]):
                return text[:-n] + REDACTED
    return text


def _cut_suffix_part(text: str, values: list[str]) -> str:
    """The text starting with a value's last characters (at least MIN_PART of them)."""
    for value in values:
        for n in range(len(value) - 1, MIN_PART - 1, -1):
            if text.startswith(value[-n:]):
                return REDACTED + text[n:]
    return text
