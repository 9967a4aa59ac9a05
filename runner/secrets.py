"""Secrets never reach the database, logs or exports: scrub captured text before it is stored.

Two nets: the values of secret-looking environment variables of this process (whatever their
shape), and known key formats (in case a key reached the agent some other way).
"""

from __future__ import annotations

import os
import re

REDACTED = "[REDACTED]"
_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)", re.IGNORECASE)
_KEY_FORMATS = re.compile(
    r"sk-ant-[A-Za-z0-9_\-]{8,}"  # Anthropic
    r"|sk-(?:proj-)?[A-Za-z0-9_\-]{20,}"  # OpenAI and compatible
    r"|AIza[0-9A-Za-z_\-]{30,}"  # Google
    r"|gh[pousr]_[A-Za-z0-9]{30,}"  # GitHub
    r"|xox[baprs]-[A-Za-z0-9\-]{10,}"  # Slack
)


def secret_values(environ: dict[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    values = {v for k, v in env.items() if _SECRET_NAME.search(k) and len(v) >= 8}
    return sorted(values, key=len, reverse=True)  # longest first, so a key containing another is cut whole


def scrub(text: str | None, environ: dict[str, str] | None = None) -> str | None:
    if not text:
        return text
    for value in secret_values(environ):
        text = text.replace(value, REDACTED)
    return _KEY_FORMATS.sub(REDACTED, text)
