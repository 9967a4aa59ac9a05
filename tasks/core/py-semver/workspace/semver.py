import functools
import re
from dataclasses import dataclass, field

_CORE = re.compile(r"(\d+)\.(\d+)\.(\d+)")


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple = ()
    build: tuple = field(default=())

    @classmethod
    def parse(cls, text: str) -> "Version":
        # TODO: pre-release and build parts, and validation
        m = _CORE.match(text)
        return cls(int(m[1]), int(m[2]), int(m[3]))

    def _key(self):
        # TODO: precedence per the spec
        return (self.major, self.minor, self.patch)

    def __eq__(self, other):
        return self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return f"{self.major}.{self.minor}.{self.patch}"
