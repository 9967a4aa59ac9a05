_DEFAULTS = {"verbose": False, "retries": 3}


def _check(name):
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"bad option name: {name!r}")


class Config:
    def __init__(self):
        self._options = dict(_DEFAULTS)

    @classmethod
    def from_dict(cls, d):
        cfg = cls()
        for name, value in d.items():
            cfg.set(name, value)
        return cfg

    def set(self, name, value):
        _check(name)
        self._options[name] = value

    def get(self, name, default=None):
        _check(name)
        return self._options.get(name, default)

    def reset(self):
        self._options = dict(_DEFAULTS)

    def as_dict(self):
        return dict(self._options)


DEFAULT = Config()


def set_option(name, value):
    DEFAULT.set(name, value)


def get_option(name, default=None):
    return DEFAULT.get(name, default)


def reset():
    DEFAULT.reset()
