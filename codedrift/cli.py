"""The `codedrift` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from importlib.resources import files
from pathlib import Path

from core import db, settings

# The Streamlit app and its config ship as package data of `dashboard`.
DASHBOARD_DIR = Path(str(files("dashboard")))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    from runner.agents.install import InstallError
    from runner.lock import RunLocked
    from runner.sandbox import SandboxUnavailable
    from runner.store import UnknownAgent
    from runner.tasks import TaskError

    try:
        return args.func(args, settings.load()) or 0
    except (SandboxUnavailable, TaskError, RunLocked, UnknownAgent, InstallError, ValueError) as e:
        print(f"codedrift: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("codedrift: interrupted; completed attempts are saved, rerun to finish", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="codedrift", description=__doc__)
    p.add_argument("--sandbox", choices=["auto", "docker", "bwrap"], help="sandbox backend (default: auto)")
    sub = p.add_subparsers(metavar="COMMAND")

    sub.add_parser("init", help="create the database and its tables").set_defaults(func=cmd_init)

    r = sub.add_parser("run", help="run today's attempts (idempotent, resumable)")
    r.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    r.add_argument("--agent", default="oracle")
    r.add_argument("--suite", default="core")
    r.add_argument("--attempts", type=int, default=1, help="attempts per task")
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--retries", type=int, default=None,
                   help="retries of an infrastructure error, with backoff (default: CODEDRIFT_RETRIES or 2)")
    r.set_defaults(func=cmd_run)

    f = sub.add_parser("fit", help="fit the ability model to the graded attempts")
    f.add_argument("--agent", action="append", default=[], help="agent name (repeatable; default: all)")
    f.add_argument("--since", type=dt.date.fromisoformat, default=None)
    f.add_argument("--window-days", type=int, default=None,
                   help="fit at most this many days; earlier fits carry in as priors (default 365)")
    f.add_argument("--likelihood", choices=["binary", "partial"], default="binary",
                   help="pass/fail (default) or tests passed of tests run")
    f.add_argument("--group-by", choices=["language", "kind"], default=None, help="per-group ability walks")
    f.add_argument("--delta", type=float, default=None, help="practical drop threshold, points (default 2)")
    f.add_argument("--baseline", type=_period, default=None, metavar="START:END",
                   help="pin the baseline period (e.g. a release), instead of the 30 days before each window")
    f.add_argument("--draws", type=int, default=1000)
    f.add_argument("--tune", type=int, default=500)
    f.add_argument("--chains", type=int, default=2)
    f.add_argument("--seed", type=int, default=0)
    f.add_argument("--sampler", choices=["nutpie", "pymc"], default="nutpie")
    f.set_defaults(func=cmd_fit)

    dm = sub.add_parser("demo", help="simulated history + today's real run + fit, then the dashboard")
    dm.add_argument("--no-serve", action="store_true", help="prepare the demo database, do not start the dashboard")
    dm.add_argument("--port", type=int, default=8501)
    dm.set_defaults(func=cmd_demo)

    ds = sub.add_parser("dashboard", help="serve the public dashboard (read-only) on the database")
    ds.add_argument("--port", type=int, default=8501)
    ds.add_argument("--address", default="127.0.0.1", help="listen address (0.0.0.0 to publish)")
    ds.set_defaults(func=cmd_dashboard)

    e = sub.add_parser("export", help="posterior summaries of a fit as files (schema: docs/export.md)")
    e.add_argument("--format", choices=["csv", "parquet", "json", "netcdf"], default="csv")
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--fit", type=int, default=None, help="fit id (default: the latest)")
    e.set_defaults(func=cmd_export)

    tasks = sub.add_parser("tasks", help="task suites").add_subparsers(metavar="ACTION")
    ls = tasks.add_parser("list", help="list a suite's tasks")
    ls.add_argument("--suite", default="core")
    ls.set_defaults(func=cmd_tasks_list)
    v = tasks.add_parser("validate", help="reference passes, untouched workspace fails, on every repeat")
    v.add_argument("--suite", default="core")
    v.add_argument("--repeat", type=int, default=1)
    v.add_argument("--workers", type=int, default=2)
    v.set_defaults(func=cmd_tasks_validate)

    images = sub.add_parser("images", help="local base images").add_subparsers(metavar="ACTION")
    b = images.add_parser("build", help="build base images offline (debootstrap + docker import)")
    b.add_argument("--no-docker", action="store_true", help="only the root filesystem (for bwrap)")
    b.set_defaults(func=cmd_images_build)
    images.add_parser("status", help="which images are built").set_defaults(func=cmd_images_status)

    ag = sub.add_parser("agents", help="tracked agents").add_subparsers(metavar="ACTION")
    load = ag.add_parser("load", help="register every agent of a TOML file ([agents.NAME] adapter, model, settings)")
    load.add_argument("file")
    load.set_defaults(func=cmd_agents_load)
    add = ag.add_parser("add", help="register an agent")
    add.add_argument("name")
    add.add_argument("--adapter", required=True)
    add.add_argument("--model")
    add.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE")
    add.add_argument("--control", action="store_true",
                     help="a pinned control (fixed CLI version or open-weights model) the others are compared with")
    add.set_defaults(func=cmd_agents_add)
    ag.add_parser("list", help="list agents").set_defaults(func=cmd_agents_list)
    inst = ag.add_parser("install", help="install an agent CLI from npm into the data dir")
    inst.add_argument("adapter")
    inst.add_argument("--version", default="latest")
    inst.set_defaults(func=cmd_agents_install)
    return p


def _cfg(args, cfg: settings.Settings) -> settings.Settings:
    if getattr(args, "sandbox", None):
        from dataclasses import replace

        return replace(cfg, sandbox=args.sandbox)
    return cfg


def cmd_init(args, cfg) -> int:
    db.init(cfg.db_url)
    print(f"database ready: {cfg.db_url}")
    return 0


def cmd_run(args, cfg) -> int:
    from runner.run import run

    rep = run(_cfg(args, cfg), date=args.date, agent_name=args.agent, suite_name=args.suite,
              attempts=args.attempts, workers=args.workers, retries=args.retries)
    print(f"\nrun {rep.run_id}: {rep.agent} on {rep.suite}, {rep.date}, sandbox {rep.backend}")
    print(f"{'task':<28} attempts")
    for name in sorted(rep.by_task):
        print(f"{name:<28} {' '.join(rep.by_task[name])}")
    counts = ", ".join(f"{n} {k}" for k, n in sorted(rep.new.items())) or "none"
    print(f"new attempts: {counts}; already recorded before this call: {rep.done_before}")
    return 0


def _period(text: str) -> tuple[dt.date, dt.date]:
    start, _, end = text.partition(":")
    try:
        period = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected START:END as YYYY-MM-DD:YYYY-MM-DD, got {text!r}") from None
    if period[1] < period[0]:
        raise argparse.ArgumentTypeError(f"the baseline ends before it starts: {text!r}")
    return period


def cmd_fit(args, cfg) -> int:
    from analysis.detect import Rule
    from analysis.fit import FitOptions, run_fit
    from analysis.model import Sampling
    from runner.store import agent_row

    with db.session(cfg.db_url) as s:
        ids = [agent_row(s, name).id for name in args.agent] or None
    delta = args.delta / 100 if args.delta is not None else cfg.delta
    opts = FitOptions(agent_ids=ids, since=args.since, window_days=args.window_days or cfg.fit_window_days,
                      likelihood=args.likelihood, group_by=args.group_by, baseline=args.baseline,
                      rule=Rule(delta=delta, watch=cfg.p_watch, degraded=cfg.p_degraded),
                      sampling=Sampling(draws=args.draws, tune=args.tune, chains=args.chains, seed=args.seed,
                                        sampler=args.sampler))
    fit = run_fit(cfg, opts)
    verdict = "ok" if fit.diagnostics_ok else "NOT TRUSTED (diagnostics failed)"
    print(f"fit {fit.id}: {fit.first_day}..{fit.last_day}, {fit.attempts_used} attempts, {fit.duration_s:.1f}s; "
          f"R-hat max {fit.rhat_max:.3f}, bulk ESS min {fit.ess_bulk_min:.0f}, tail ESS min {fit.ess_tail_min:.0f}, "
          f"divergences {fit.divergences}, BFMI min {fit.bfmi_min:.2f}: {verdict}\nposterior: {fit.netcdf_path}")
    _print_verdicts(cfg, fit)
    return 0


def _print_verdicts(cfg, fit) -> None:
    from sqlmodel import select

    from core.schema import Agent, Verdict

    with db.session(cfg.db_url) as s:
        names = {a.id: a.name for a in s.exec(select(Agent))}
        rows = s.exec(select(Verdict).where(Verdict.fit_id == fit.id, Verdict.method == "bayes")).all()
    for r in rows:
        print(f"{names[r.agent_id]:<20} {r.window:<6} P(drop > {100 * fit.rule['delta']:g} points) = {r.p_drop:.2f}"
              f"  drop {100 * r.drop:+.1f} points [{100 * r.drop_low:+.1f}, {100 * r.drop_high:+.1f}]  {r.status}")
    for agent, mdd in (fit.min_detectable_drop or {}).items():
        print(f"{names[int(agent)]:<20} smallest drop seen within 7 days (80% power): {mdd['points']:.1f} points")


def cmd_demo(args, cfg) -> int:
    from codedrift.demo import run_demo

    demo = run_demo(_cfg(args, cfg))
    if args.no_serve:
        print(f"demo database ready: {demo.db_url}\nserve it with: CODEDRIFT_DB_URL={demo.db_url} codedrift dashboard")
        return 0
    return serve(demo.db_url, args.port, "127.0.0.1")


def cmd_dashboard(args, cfg) -> int:
    return serve(cfg.db_url, args.port, args.address)


def serve(db_url: str, port: int, address: str) -> int:
    """Hand this process over to Streamlit (exec): a signal to `codedrift dashboard` or `codedrift demo`
    reaches the server itself, and nothing is left serving after they are stopped."""
    from dashboard.env import dashboard_env

    app = DASHBOARD_DIR / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
           "--server.address", address, "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    print(f"dashboard: http://{'localhost' if address in ('127.0.0.1', '0.0.0.0') else address}:{port}  "
          "(Ctrl-C to stop)", flush=True)
    env = dashboard_env(db_url)  # the public process gets no provider keys: an allow-list, not os.environ
    os.chdir(DASHBOARD_DIR)  # Streamlit reads .streamlit/config.toml (the page's look) from the working directory
    os.execve(sys.executable, cmd, env)


def cmd_export(args, cfg) -> int:
    from core.export import export, latest_fit_id

    with db.session(cfg.db_url) as s:
        fit_id = args.fit or latest_fit_id(s)
        if fit_id is None:
            raise ValueError("no fit to export yet; run `codedrift fit` first")
        for path in export(s, fit_id, args.format, args.out):
            print(path)
    return 0


def cmd_tasks_list(args, cfg) -> int:
    from runner.tasks import load_suite

    suite = load_suite(cfg.tasks_dir / args.suite)
    print(f"{'task':<28} {'language':<11} {'kind':<12} {'tests':>5}  tags")
    for t in suite.tasks:
        print(f"{t.name:<28} {t.language:<11} {t.kind:<12} {t.expected_tests or '?':>5}  {','.join(t.tags)}")
    return 0


def cmd_tasks_validate(args, cfg) -> int:
    from runner import sandbox
    from runner.tasks import load_suite
    from runner.validate import validate

    cfg = _cfg(args, cfg)
    suite = load_suite(cfg.tasks_dir / args.suite)
    name = sandbox.detect(cfg.sandbox)
    checks = validate(suite, sandbox.backend(name), repeat=args.repeat, workers=args.workers)
    bad = [c for c in checks if c.problems]
    for c in checks:
        ref = c.reference[0]
        mark = "ok  " if not c.problems else "FAIL"
        print(f"{mark} {c.task:<28} reference {ref.tests_passed}/{ref.tests_total}, untouched "
              f"{c.untouched[0].status.value}" + "".join(f"\n       - {p}" for p in c.problems))
    print(f"\n{len(checks) - len(bad)}/{len(checks)} tasks valid with sandbox {name}, {args.repeat} repeat(s)")
    return 1 if bad else 0


def cmd_images_build(args, cfg) -> int:
    from runner import images

    images.build(docker=not args.no_docker)
    return 0


def cmd_images_status(args, cfg) -> int:
    from runner import images

    for name, rootfs, docker in images.status():
        state = {None: "no daemon", True: "present", False: "missing"}[docker]
        print(f"{name}: root filesystem {'present' if rootfs else 'missing'}, docker image {state}")
    return 0


def cmd_agents_add(args, cfg) -> int:
    from runner.agents.config import parse_value

    bad = [kv for kv in args.setting if "=" not in kv]
    if bad:
        raise ValueError(f"--setting {bad[0]!r}: expected KEY=VALUE")
    opts = {k: parse_value(v) for k, v in (kv.split("=", 1) for kv in args.setting)}
    _upsert_agent(cfg, args.name, args.adapter, args.model, opts, args.control)
    return 0


def cmd_agents_load(args, cfg) -> int:
    import tomllib

    try:
        data = tomllib.loads(Path(args.file).read_text())
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"cannot read agents from {args.file}: {e}") from None
    for name, spec in (data.get("agents") or {}).items():
        if not isinstance(spec, dict) or "adapter" not in spec:
            raise ValueError(f"{args.file}: agent {name!r} has no adapter")
        for key, kind in (("adapter", str), ("model", str), ("control", bool), ("settings", dict)):
            if key in spec and not isinstance(spec[key], kind):
                raise ValueError(f"{args.file}: agent {name!r}: {key!r} must be {kind.__name__}, "
                                 f"not {type(spec[key]).__name__} {spec[key]!r}")
        _upsert_agent(cfg, name, spec["adapter"], spec.get("model"), spec.get("settings", {}),
                      spec.get("control", False), where=args.file)
    return 0


def _upsert_agent(cfg, name: str, adapter: str, model: str | None, opts: dict, control: bool = False,
                  where: str = "") -> None:
    from sqlmodel import select

    from core.schema import Agent
    from core.secrets import secret_values
    from runner import agents
    from runner.agents.config import check_settings

    if adapter not in agents.ADAPTERS:
        raise ValueError(f"unknown adapter {adapter!r}; known: {', '.join(sorted(agents.ADAPTERS))}")
    if any(v in json.dumps(opts) for v in secret_values()):  # keys belong in the environment only
        raise ValueError(f"agent {name!r}: a setting holds a secret; name its environment variable instead")
    check_settings(name, agents.ADAPTERS[adapter], opts, where)
    with db.session(cfg.db_url) as s:
        row = s.exec(select(Agent).where(Agent.name == name)).first() or Agent(name=name, adapter="")
        row.adapter, row.model, row.settings, row.control = adapter, model, opts, control
        s.add(row)
        s.commit()
    role = " (control)" if control else ""
    print(f"agent {name}{role}: adapter {adapter}, model {model}, settings {json.dumps(opts)}")


def cmd_agents_install(args, cfg) -> int:
    from runner.agents.install import install

    path = install(cfg, args.adapter, args.version)
    print(f"installed {args.adapter} at {path}\nuse it with: codedrift agents add NAME --adapter {args.adapter} "
          f"--model MODEL --setting cli_dir={path}")
    return 0


def cmd_agents_list(args, cfg) -> int:
    from sqlmodel import select

    from core.schema import Agent

    with db.session(cfg.db_url) as s:
        for a in s.exec(select(Agent)).all():
            print(f"{a.name:<20} {a.adapter:<12} {a.model or '-':<24} {json.dumps(a.settings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
