import json

import pytest
from sqlmodel import select

from codedrift import cli
from core import db
from core.schema import Agent


def test_agents_load_from_a_file_and_refuse_secrets(cfg, tmp_path, monkeypatch, capsys):
    f = tmp_path / "agents.toml"
    f.write_text('[agents.claude-opus]\nadapter = "claude-code"\nmodel = "claude-opus-4-1"\n'
                 '[agents.claude-opus.settings]\nmax_turns = 40\n'
                 '[agents.local]\nadapter = "openai-compatible"\nmodel = "qwen"\n'
                 '[agents.local.settings]\nbase_url = "http://127.0.0.1:8000/v1"\napi_key_env = "LOCAL_KEY"\n')
    assert cli.main(["agents", "load", str(f)]) == 0
    with db.session(cfg.db_url) as s:
        rows = {a.name: a for a in s.exec(select(Agent)).all()}
    assert rows["claude-opus"].settings == {"max_turns": 40} and rows["local"].model == "qwen"

    monkeypatch.setenv("LOCAL_KEY", "super-secret-value-123")
    code = cli.main(["agents", "add", "leaky", "--adapter", "openai-compatible",
                     "--setting", "api_key=super-secret-value-123"])
    assert code == 1 and "holds a secret" in capsys.readouterr().err
    with db.session(cfg.db_url) as s:
        assert "super-secret" not in json.dumps([a.settings for a in s.exec(select(Agent)).all()])


def test_unknown_adapter_is_one_clear_line(cfg, capsys):
    assert cli.main(["agents", "add", "x", "--adapter", "nope"]) == 1
    err = capsys.readouterr().err
    assert "unknown adapter 'nope'" in err and "claude-code" in err and "Traceback" not in err


def test_settings_are_typed(cfg, tmp_path, capsys):
    assert cli.main(["agents", "add", "c", "--adapter", "claude-code", "--setting", "network=false",
                     "--setting", 'allowed_tools=["Read", "Edit"]', "--setting", "max_turns=12"]) == 0
    with db.session(cfg.db_url) as s:
        row = s.exec(select(Agent).where(Agent.name == "c")).one()
    assert row.settings == {"network": False, "allowed_tools": ["Read", "Edit"], "max_turns": 12}
    assert cli.main(["agents", "add", "d", "--adapter", "claude-code", "--setting", "allowed_tools=Read"]) == 1
    assert "'allowed_tools' must be a list of strings, not str 'Read'" in capsys.readouterr().err
    assert cli.main(["agents", "add", "e", "--adapter", "codex", "--setting", "network=maybe"]) == 1
    assert "'network' must be" in capsys.readouterr().err
    f = tmp_path / "agents.toml"
    f.write_text('[agents.x]\nadapter = "claude-code"\n[agents.x.settings]\nmax_turns = "40"\n')
    assert cli.main(["agents", "load", str(f)]) == 1
    err = capsys.readouterr().err
    assert str(f) in err and "'max_turns' must be a whole number" in err and "Traceback" not in err
    f.write_text('[agents.y]\nadapter = "claude-code"\n[agents.y.settings]\nnetwrok = false\n')
    assert cli.main(["agents", "load", str(f)]) == 1
    assert "unknown setting 'netwrok'" in capsys.readouterr().err


def _options(parser):
    """Every (command path, option action) of the parser tree."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                for path, opt in _options(child):
                    yield (name, *path), opt
        elif action.option_strings and action.dest not in ("help", "version"):
            yield (), action


def test_every_option_says_what_it_does_and_its_default(capsys):
    parser = cli._parser()
    options = list(_options(parser))
    assert len(options) > 30  # the walk really reaches the sub-commands
    for path, opt in options:
        assert opt.help, f"codedrift {' '.join(path)} {opt.option_strings[0]} has no help"
        if opt.default not in (None, False, []):
            shown = cli.HelpFormatter("codedrift")._get_help_string(opt) % {"default": opt.default}
            assert f"default: {opt.default}" in shown, (path, opt.option_strings)
    with_none = {o.option_strings[0]: o.help for p, o in options if p == ("run",)}
    assert "default: CODEDRIFT_RETRIES or 2" in with_none["--retries"]  # a settings default, named
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    rendered = " ".join(capsys.readouterr().out.split())
    assert "built-in one (oracle, null) (default: oracle)" in rendered and "attempts per task (default: 1)" in rendered
    adapter = next(o for p, o in options if p == ("agents", "add") and o.dest == "adapter")
    assert "claude-code" in adapter.help and "openai-compatible" in adapter.help


def test_fit_help_states_the_model_s_own_sampling_defaults():
    """The CLI does not import PyMC to start, so `fit`'s sampling defaults are written in its help; they
    must be analysis.model.Sampling's."""
    from analysis.model import Sampling

    options = {o.dest: o for p, o in _options(cli._parser()) if p == ("fit",)}
    for name in ("draws", "tune", "chains", "seed", "sampler"):
        assert options[name].default is None
        assert f"(default: {getattr(Sampling(), name)})" in options[name].help, name


def test_version_and_a_group_without_action_shows_its_help(capsys):
    import core

    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"codedrift {core.__version__}"
    assert cli.main(["tasks"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("usage: codedrift tasks") and "validate" in out and "list" in out


def test_doctor_names_what_is_missing_and_the_fix(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CODEDRIFT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CODEDRIFT_IMAGES_DIR", str(tmp_path / "no-images"))
    monkeypatch.delenv("CODEDRIFT_DB_URL", raising=False)
    monkeypatch.delenv("DOCKER_HOST", raising=False)
    assert cli.main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "run `codedrift images build`" in out and "run `codedrift init`" in out
    assert not (tmp_path / "data" / "codedrift.db").exists()  # the doctor changes nothing

    monkeypatch.delenv("DEEPSEEK_KEY", raising=False)
    assert cli.main(["agents", "add", "local", "--adapter", "openai-compatible",
                     "--setting", 'api_key_env="DEEPSEEK_KEY"']) == 0
    capsys.readouterr()
    cli.main(["doctor"])
    out = capsys.readouterr().out
    assert "ok   database" in out and "FAIL agent local: DEEPSEEK_KEY is not set" in out
    monkeypatch.setenv("DEEPSEEK_KEY", "k-1234567890")
    cli.main(["doctor"])
    out = capsys.readouterr().out
    assert "ok   agent local" in out and "k-1234567890" not in out
