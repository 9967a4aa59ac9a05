import pathlib
import shlex

import pytest

from shellsplit import split

CASES = [
    "a b  c",
    "  leading and trailing  ",
    "a 'b c' d",
    'say "hello world"',
    "x '' y",
    'x "" y',
    "a'b'c\"d\"e",
    "f\\ g",
    "'back\\slash' stays",
    '"esc \\" quote" "tab\\tkept"',
    '"a\\\\b"',
    "",
]


@pytest.mark.parametrize("line", CASES)
def test_matches_posix(line):
    assert split(line) == shlex.split(line, posix=True)


@pytest.mark.parametrize("line", ["'open", '"open', "tail\\"])
def test_unterminated(line):
    with pytest.raises(ValueError):
        split(line)


def test_no_shlex():
    source = (pathlib.Path("/workspace") / "shellsplit.py").read_text()
    assert "shlex" not in source
