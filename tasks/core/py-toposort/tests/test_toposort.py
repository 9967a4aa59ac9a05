import pytest

from toposort import CycleError, toposort


def test_simple_chain():
    assert toposort({"c": {"b"}, "b": {"a"}}) == ["a", "b", "c"]


def test_alphabetical_ties():
    assert toposort({"z": set(), "m": set(), "a": {"z"}}) == ["m", "z", "a"]


def test_diamond():
    deps = {"app": {"db", "log"}, "db": {"cfg"}, "log": {"cfg"}, "cfg": set()}
    assert toposort(deps) == ["cfg", "db", "log", "app"]


def test_nodes_only_as_deps():
    assert toposort({"x": {"y", "w"}}) == ["w", "y", "x"]


def test_empty():
    assert toposort({}) == []


def test_is_valueerror():
    assert issubclass(CycleError, ValueError)


def _check_cycle(deps, cycle):
    assert cycle[0] == cycle[-1] and len(cycle) >= 2
    for node, dep in zip(cycle, cycle[1:]):
        assert dep in deps.get(node, set()), f"{node} does not depend on {dep}"


@pytest.mark.parametrize("deps", [
    {"a": {"b"}, "b": {"a"}},
    {"a": {"a"}},
    {"start": {"x"}, "x": {"y"}, "y": {"z"}, "z": {"x"}, "free": set()},
])
def test_cycles(deps):
    with pytest.raises(CycleError) as info:
        toposort(deps)
    _check_cycle(deps, info.value.cycle)
