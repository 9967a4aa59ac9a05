"""Typed agent settings: every adapter declares the settings it reads and their types, and a
setting of the wrong type is refused with one line naming the agent, the key and the type expected —
`network = "false"` can no longer mean *on*, nor a string become a list of its characters.

Values given on the command line (`--setting key=value`) are read as TOML literals where they parse
(`false`, `3`, `["Read", "Edit"]`), as plain strings otherwise.
"""

from __future__ import annotations

import tomllib

# type name -> (check, description)
_CHECKS = {
    "str": (lambda v: isinstance(v, str), "a string"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number >= 0"),
    "float": (lambda v: isinstance(v, int | float) and not isinstance(v, bool) and v >= 0, "a number >= 0"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "list[str]": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of strings"),
    "argv": (lambda v: isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v)),
             "a string or a list of strings"),
    "dict[str,str]": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                      "a table of strings"),
    "dict[str,float]": (lambda v: isinstance(v, dict) and all(isinstance(x, int | float) and not isinstance(x, bool)
                                                              for x in v.values()), "a table of numbers"),
    "network": (lambda v: v in (True, False, "gateway", "none"), 'true/"gateway" or false/"none"'),
}


class AgentConfigError(ValueError):
    pass


def parse_value(text: str):
    """A `--setting` value: a TOML literal if it is one, else the text itself."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def check_settings(agent: str, adapter_cls, settings: dict, where: str = "") -> dict:
    """The settings unchanged if every key is known to the adapter and of its type."""
    spec = adapter_cls.settings_spec()
    at = f" ({where})" if where else ""
    if not isinstance(settings, dict):
        raise AgentConfigError(f"agent {agent!r}{at}: settings must be a table, not {type(settings).__name__}")
    for key, value in settings.items():
        if key not in spec:
            known = ", ".join(sorted(spec)) or "none"
            raise AgentConfigError(f"agent {agent!r}{at}: unknown setting {key!r} for adapter "
                                   f"{adapter_cls.adapter!r}; known: {known}")
        ok, expected = _CHECKS[spec[key]]
        if not ok(value):
            raise AgentConfigError(f"agent {agent!r}{at}: setting {key!r} must be {expected}, "
                                   f"not {type(value).__name__} {value!r}")
    return settings
