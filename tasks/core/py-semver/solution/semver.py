import functools
import re
from dataclasses import dataclass, field

_NUM = r"(0|[1-9]\d*)"
_IDENT = r"[0-9A-Za-z-]+"
_FULL = re.compile(rf"{_NUM}\.{_NUM}\.{_NUM}(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+({_IDENT}(?:\.{_IDENT})*))?")


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
        m = _FULL.fullmatch(text)
        if not m:
            raise ValueError(f"not a semantic version: {text!r}")
        pre = tuple(m[4].split(".")) if m[4] else ()
        for ident in pre:
            if ident.isdigit() and len(ident) > 1 and ident[0] == "0":
                raise ValueError(f"numeric identifier with leading zero: {ident!r}")
        build = tuple(m[5].split(".")) if m[5] else ()
        return cls(int(m[1]), int(m[2]), int(m[3]), pre, build)

    def _key(self):
        if not self.prerelease:
            pre = (1,)
        else:
            pre = (0, tuple((0, int(i), "") if i.isdigit() else (1, 0, i) for i in self.prerelease))
        return (self.major, self.minor, self.patch, pre)

    def __eq__(self, other):
        return self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text
