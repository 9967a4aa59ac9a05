"""The dashboard renders every page from stored summaries: empty database, demo database, hostile output."""

import shutil
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from codedrift.cli import DASHBOARD_DIR

APP = str(DASHBOARD_DIR / "app.py")
PAGES = ["pages/overview.py", "pages/breakdown.py", "pages/tasks.py", "pages/runs.py", "pages/methodology.py",
         "pages/downloads.py"]

pytestmark = pytest.mark.slow


def render(monkeypatch, db_url: str, page: str) -> AppTest:
    monkeypatch.setenv("CODEDRIFT_DB_URL", db_url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_an_empty_database_says_there_is_no_data_yet(monkeypatch, tmp_path, page):
    at = render(monkeypatch, f"sqlite:///{tmp_path / 'missing.db'}", page)
    assert any("No data yet" in i.value for i in at.info)
    assert not (tmp_path / "missing.db").exists()  # a reader never creates the database


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_demo(monkeypatch, demo_db, page):
    at = render(monkeypatch, demo_db, page)
    assert any("SIMULATED" in w.value for w in at.warning)  # simulated rows are labelled on every page


def test_overview_headlines_are_the_stored_verdicts(monkeypatch, demo_db):
    at = render(monkeypatch, demo_db, PAGES[0])
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        rows = conn.execute("""SELECT v.window, v.p_drop, v.status FROM verdict v JOIN agent a ON a.id = v.agent_id
                               WHERE a.name = 'simulated-agent' AND v.method = 'bayes'
                               AND v.fit_id = (SELECT max(id) FROM fit)""").fetchall()
    assert {w for w, _, _ in rows} == {"today", "7d", "30d"}
    shown = {}
    for m in at.metric:  # one set of three per agent; the oracle ran only today, so it has no baseline
        shown.setdefault(m.label, []).append(m.value)
    for window, p, _ in rows:
        assert sorted(shown[f"P(drop > 2 pts) · {window}"]) == sorted([f"{p:.0%}", "—"])
    week = next(p for w, p, _ in rows if w == "7d")
    assert any(f"{week:.0%} probability" in m.value for m in at.markdown)
    # The status is the sequential alarm's: the demo's 8-point drop of 12 days ago is flagged and dated.
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        status, change = conn.execute("""SELECT v.status, v.change_day FROM verdict v JOIN agent a ON a.id = v.agent_id
                                         WHERE a.name = 'simulated-agent' AND v.method = 'sequential'
                                         AND v.window = 'all' AND v.fit_id = (SELECT max(id) FROM fit)""").fetchone()
    assert status in ("watch", "degraded")
    assert any(f"Status: {status}" in m.value for m in at.markdown)
    assert any(f"The evidence starts on {change}" in m.value for m in at.markdown)
    # The level chart dates the current level where the stored change-point posterior puts it: the demo's
    # drop began 12 days before its last day.
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        current = dict(conn.execute("""SELECT l.day, l.current FROM level_day l JOIN agent a ON a.id = l.agent_id
                                       WHERE a.name = 'simulated-agent' AND l.stream = 'all'
                                       AND l.fit_id = (SELECT max(id) FROM fit)""").fetchall())
    days = sorted(current)
    assert current[days[0]] < 0.5  # a change is more probable than none (the first day stands for none)
    began = max(days[1:], key=current.get)
    assert abs(days.index(began) - (len(days) - 12)) <= 2
    assert any(f"most probably began on **{began}** (probability {current[began]:.0%}" in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) >= 2


def test_agent_output_is_shown_as_escaped_text(monkeypatch, demo_db, tmp_path):
    """A final message full of markup must reach the page as text (st.code), never as markdown or HTML."""
    path = tmp_path / "hostile.db"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    hostile = "<script>alert(1)</script> **not bold** [link](http://example.invalid)"
    with sqlite3.connect(path) as conn:
        run_id = conn.execute("SELECT id FROM run ORDER BY date DESC, id LIMIT 1").fetchone()[0]
        conn.execute("UPDATE attempt SET final_message = ? WHERE run_id = ?", (hostile, run_id))
    at = render(monkeypatch, f"sqlite:///{path}", "pages/runs.py")
    at.selectbox(key="run").select(run_id).run()
    assert any(hostile in c.value for c in at.code)
    assert not any("<script>" in m.value for m in at.markdown)


def test_public_text_hides_host_paths_and_caps_length(monkeypatch, tmp_path):
    from dashboard.data import TEXT_CAP, public_text

    monkeypatch.setenv("CODEDRIFT_DATA_DIR", str(tmp_path / "data"))
    shown = public_text(f"no image root filesystem at {tmp_path / 'data'}/images/x/rootfs; run it")
    assert str(tmp_path) not in shown and shown.startswith("no image root filesystem at <host>/")
    assert shown.endswith("/x/rootfs; run it")
    long = public_text("x" * (TEXT_CAP + 50))
    assert long.startswith("x" * TEXT_CAP) and "50 more characters not shown" in long


def test_csv_downloads_carry_no_spreadsheet_formula(monkeypatch, tmp_path):
    """Agent, task and output named like formulas reach the downloaded CSVs quoted, numbers as numbers."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    from tests.test_data_integrity import HOSTILE, assert_no_formula, hostile_database

    storages = []

    class Recorded(MemoryMediaFileStorage):  # where the page's download payloads land
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            storages.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recorded)
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    hostile_database(url)
    at = render(monkeypatch, url, "pages/downloads.py")
    urls = [b.proto.url for b in at.download_button if b.proto.url.endswith(".csv")]
    assert len(urls) == 7  # six summary tables and the raw attempts
    texts = [storages[-1].get_file(url.rsplit("/", 1)[-1]).content.decode() for url in urls]
    for text in texts:
        if text.count("\n") > 1:  # group_day is empty: a header only
            assert_no_formula(text)
    attempts = next(t for t in texts if "tokens_in" in t)
    assert "'" + HOSTILE[0].replace('"', '""') in attempts and ",-0.5," in attempts


def test_methodology_shows_the_committed_detection_benchmark(monkeypatch, demo_db):
    """The page's detection figures are the committed benchmark's, false alarms with their intervals."""
    from dashboard.data import detection_figures, false_alarm_table

    figures = detection_figures()
    at = render(monkeypatch, demo_db, "pages/methodology.py")
    frames = [d.value for d in at.dataframe]
    delays = next(f for f in frames if "scenario" in f.columns)
    assert list(delays["scenario"]) == [r["scenario"] for r in figures["table"]]
    assert delays.iloc[0]["codedrift"] == figures["table"][0]["codedrift"]
    shown = next(f for f in frames if "false alarms per agent-year" in f.columns)
    assert shown.equals(false_alarm_table(figures)) and len(shown) == len(figures["false_alarms"])
    # The fit's posterior predictive checks, as stored.
    import json

    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        stored = json.loads(conn.execute("SELECT checks FROM fit ORDER BY id DESC LIMIT 1").fetchone()[0])
    checks = next(f for f in frames if "block" in f.columns)
    assert list(checks["block"]) == [c["name"] for c in stored] == ["day", "task and period", "walk steps"]  # 1 repeat
    assert list(checks["p"]) == [c["p_value"] for c in stored]
    # The priors in words are the ones the fit stored, which are the model's.
    from analysis.model import Priors

    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        rule = json.loads(conn.execute("SELECT rule FROM fit ORDER BY id DESC LIMIT 1").fetchone()[0])
    assert {k: rule["priors"][k] for k in ("walk_median", "walk_log_sd", "difficulty_sd", "level_sd")} == {
        k: getattr(Priors(), k) for k in ("walk_median", "walk_log_sd", "difficulty_sd", "level_sd")}
    text = " ".join(m.value for m in at.markdown)
    assert f"LogNormal(log {Priors().walk_median:g}, {Priors().walk_log_sd:g})" in text and "Gamma(shape 3" not in text
    # The demo's failed attempts count tests: the partial-credit channel, as the verdict stored it.
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        row = conn.execute("SELECT task_model FROM verdict WHERE method = 'sequential' AND window = 'all' "
                           "ORDER BY fit_id DESC LIMIT 1").fetchone()
    stored = json.loads(row[0])["partial_credit"]
    channel = next(f for f in frames if "used by the alarm" in f.columns)
    assert channel["used by the alarm"].tolist() == [stored["used"]]
    assert channel["failed attempts with 2+ tests"].tolist() == [stored["failed_attempts"]]
    assert stored["failed_attempts"] > 100


def test_breakdown_draws_each_languages_level(monkeypatch, demo_db):
    """The demo fits by language: the breakdown page draws the change-point level of every language stream."""
    at = render(monkeypatch, demo_db, "pages/breakdown.py")
    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        streams = {s for (s,) in conn.execute("SELECT DISTINCT stream FROM level_day WHERE stream LIKE 'language:%' "
                                              "AND fit_id = (SELECT max(id) FROM fit)")}
    assert len(streams) >= 2
    assert any("Level by language" in c.spec for c in at.get("vega_lite_chart"))
    from dashboard.data import group_levels

    with sqlite3.connect(demo_db.removeprefix("sqlite:///")) as conn:
        fit_id = conn.execute("SELECT max(id) FROM fit").fetchone()[0]
    drawn = group_levels(demo_db, fit_id)
    assert {f"language:{g}" for g in drawn["group"]} == streams and set(drawn["grouping"]) == {"language"}
