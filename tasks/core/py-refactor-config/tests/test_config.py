import pathlib

import pytest

import config


def test_module_api_still_works():
    config.reset()
    assert config.get_option("retries") == 3
    config.set_option("retries", 5)
    assert config.get_option("retries") == 5
    assert config.DEFAULT.get("retries") == 5
    config.reset()
    assert config.get_option("retries") == 3


def test_instances_are_independent():
    a, b = config.Config(), config.Config()
    a.set("verbose", True)
    assert b.get("verbose") is False
    assert a.get("missing", "dflt") == "dflt"


def test_from_dict_and_as_dict_copy():
    c = config.Config.from_dict({"retries": 1, "color": "red"})
    d = c.as_dict()
    assert d == {"verbose": False, "retries": 1, "color": "red"}
    d["retries"] = 99
    assert c.get("retries") == 1


def test_reset_instance():
    c = config.Config.from_dict({"retries": 9})
    c.reset()
    assert c.as_dict() == {"verbose": False, "retries": 3}


@pytest.mark.parametrize("name", ["", "1abc", "has space", None])
def test_validation(name):
    with pytest.raises(ValueError):
        config.Config().set(name, 1)
    with pytest.raises(ValueError):
        config.get_option(name)


def test_no_global_statement():
    source = (pathlib.Path("/workspace") / "config.py").read_text()
    assert "global " not in source
