_DEFAULTS = {"verbose": False, "retries": 3}
_options = dict(_DEFAULTS)


def _check(name):
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"bad option name: {name!r}")


def set_option(name, value):
    global _options
    _check(name)
    _options = {**_options, name: value}


def get_option(name, default=None):
    _check(name)
    return _options.get(name, default)


def reset():
    global _options
    _options = dict(_DEFAULTS)
