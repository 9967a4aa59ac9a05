import json

from sqlmodel import select

from core import db
from codedrift import cli
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
