"""The environment of the public dashboard process: what it needs to run, and no credentials.

The dashboard is served to the public, so a provider key in its environment is one bug (or one
Streamlit debug page) away from a leak. `codedrift dashboard` starts it with an allow-list built here
rather than a copy of the runner's environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from core.secrets import looks_secret

# Exact names the process (Python, Streamlit, libpq, the locale) may need.
ALLOWED = {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR", "TEMP", "TMP",
           "LD_LIBRARY_PATH", "SSL_CERT_FILE", "SSL_CERT_DIR", "VIRTUAL_ENV"}
# Name prefixes: locale, Python, codedrift's own settings, Streamlit's, XDG directories and libpq's
# connection settings (PGHOST, PGSSLMODE, PGPASSFILE...; a PGPASSWORD is dropped as secret-looking).
ALLOWED_PREFIXES = ("LC_", "PYTHON", "CODEDRIFT_", "STREAMLIT_", "XDG_", "PG")
# A name containing a provider's is dropped even when a prefix above would let it through (say
# CODEDRIFT_OPENAI_BASE_URL): belt and braces to looks_secret, as a provider may name a secret oddly.
PROVIDER_PREFIXES = ("ANTHROPIC_", "CLAUDE_", "OPENAI_", "AZURE_", "GEMINI_", "GOOGLE_", "GCLOUD_", "VERTEX",
                     "AWS_", "BEDROCK", "HF_", "HUGGING", "GITHUB_", "GH_", "MISTRAL_", "COHERE_", "GROQ_",
                     "DEEPSEEK_", "XAI_", "OPENROUTER_", "TOGETHER_", "FIREWORKS_", "SLACK_", "STRIPE_")


def dashboard_env(db_url: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables of `environ` (default: this process's) the dashboard may see, and its database URL.

    CODEDRIFT_DB_URL is set explicitly: the dashboard needs it, even if a password is in it."""
    env = os.environ if environ is None else environ
    out = {}
    for name, value in env.items():
        upper = name.upper()
        allowed = upper in ALLOWED or upper.startswith(ALLOWED_PREFIXES)
        if allowed and not looks_secret(upper) and not any(p in upper for p in PROVIDER_PREFIXES):
            out[name] = value
    out["CODEDRIFT_DB_URL"] = db_url
    return out
