"""Daily plans: which tasks an agent gets on a given day.

A plan (TOML, see tasks/plans/daily.toml) names an anchor suite whose tasks run every day, how many
rotating instances each generated family contributes per day, and how many attempts each task gets.
The day's seed is derived from the plan's name and the date, so a day's tasks are reproducible; with
`CODEDRIFT_PLAN_SECRET` set, it is an HMAC under that secret, so nobody can compute a future day's
tasks in advance (the secret is read from the environment only; the day's seed, not the secret, is
stored with the run, which makes a past day reproducible without revealing a future one).

Rotating instances are drawn per family from that family's seeds with the day's random stream; an
instance the sandbox finds invalid is discarded, counted, and the next draw takes its place.

An *adaptive* plan (`adaptive = true`) keeps the anchors and draws `uniform_share` of each family's
instances uniformly as before; the rest of the rotating budget goes to the candidate instances (the
day's stream draws `CANDIDATES` per pick, across all families) that carry the most expected
information about the agent's ability, at most `CAP_SHARE` of them from one family. The expected
information comes from the agent's latest analysis (core/design.py; read from the database by the
caller). Every pick is stored with its reason, predicted pass probability and information.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import math
import os
import random
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.design import CAP_SHARE, UNIFORM_SHARE, information, knob_value, slope_divisor
from runner import pool
from runner.families import Family, all_families, family
from runner.tasks import SuiteSpec, TaskSpec, load_suite

SECRET_ENV = "CODEDRIFT_PLAN_SECRET"
MAX_DRAWS_PER_PICK = 5  # a family that keeps producing invalid instances gives up after this many tries per pick
CANDIDATES = 4  # instances generated (in memory; cheap) per informative pick, to choose from


class PlanError(ValueError):
    """A plan file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Plan:
    name: str
    suite: str = "core"
    anchors: tuple[str, ...] | None = None  # None: every task of the suite
    repeats: int = 1
    per_family: int = 2
    families: tuple[str, ...] | None = None  # None: every registered family
    per_family_override: dict[str, int] = field(default_factory=dict)
    adaptive: bool = False
    uniform_share: float = UNIFORM_SHARE
    source: str = ""  # the TOML text, stored with each run

    def count(self, fam: str) -> int:
        return self.per_family_override.get(fam, self.per_family)


def load_plan(path: Path) -> Plan:
    def fail(msg: str) -> PlanError:
        return PlanError(f"plan {path}: {msg}")

    try:
        text = path.read_text()
        data = tomllib.loads(text)
    except OSError as e:
        raise fail(f"cannot read it ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise fail(f"not valid TOML: {e}") from None
    known = {"name", "suite", "anchors", "repeats", "per_family", "families", "per_family_override", "adaptive",
             "uniform_share"}
    if unknown := sorted(set(data) - known):
        raise fail(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    for key in ("repeats", "per_family"):
        if key in data and (type(data[key]) is not int or data[key] < (1 if key == "repeats" else 0)):
            raise fail(f"{key} must be a whole number{' >= 1' if key == 'repeats' else ' >= 0'}, not {data[key]!r}")
    if type(data.get("adaptive", False)) is not bool:
        raise fail(f"adaptive must be true or false, not {data['adaptive']!r}")
    share = data.get("uniform_share", UNIFORM_SHARE)
    if type(share) not in (int, float) or not 0 <= share <= 1:
        raise fail(f"uniform_share must be a number from 0 to 1, not {share!r}")
    override = data.get("per_family_override", {})
    if not all(type(v) is int and v >= 0 for v in override.values()):
        raise fail("per_family_override values must be whole numbers >= 0")

    def names(key: str) -> tuple[str, ...] | None:
        value = data.get(key, "all")
        if value == "all":
            return None
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise fail(f"{key} must be \"all\" or a list of names, not {value!r}")
        return tuple(value)

    plan = Plan(name=str(data.get("name", path.stem)), suite=str(data.get("suite", "core")), anchors=names("anchors"),
                repeats=data.get("repeats", 1), per_family=data.get("per_family", 2), families=names("families"),
                per_family_override=dict(override), adaptive=data.get("adaptive", False), uniform_share=float(share),
                source=text)
    for fam in (plan.families or ()) + tuple(override):
        try:
            family(fam)
        except KeyError as e:
            raise fail(e.args[0]) from None
    return plan


def day_seed(plan_name: str, date: dt.date, environ=os.environ) -> tuple[int, bool]:
    """(seed, whether a secret keyed it)."""
    msg = f"{plan_name}/{date.isoformat()}".encode()
    secret = environ.get(SECRET_ENV)
    digest = hmac.new(secret.encode(), msg, hashlib.sha256).digest() if secret else hashlib.sha256(msg).digest()
    return int.from_bytes(digest[:8], "big"), bool(secret)


@dataclass(frozen=True)
class Pick:
    task: TaskSpec
    validity: pool.Validity | None  # None: not validated yet
    reason: str = "uniform"  # or "information" (an adaptive plan's choice)
    p_pass: float | None = None  # predicted, when the plan had the agent's analysis
    information: float | None = None


@dataclass
class DayPlan:
    plan: Plan
    date: dt.date
    seed: int
    keyed: bool
    anchors: tuple[TaskSpec, ...]
    rotating: list[Pick]
    discarded: dict[str, int]
    design: dict | None = None  # the agent's analysis an adaptive plan used (core/design.py)

    @property
    def tasks(self) -> tuple[TaskSpec, ...]:
        return self.anchors + tuple(p.task for p in self.rotating)

    def suite(self, anchor_suite: SuiteSpec) -> SuiteSpec:
        """The day's tasks as one suite under the anchor suite's name: generated instances become
        tasks of that suite, so the anchors keep their rows and a day has one run per agent."""
        return SuiteSpec(anchor_suite.name, anchor_suite.description, self.tasks)

    def record(self) -> dict:
        """What is stored with the run: enough to rebuild the day's tasks and to know each one's family."""
        return {
            "name": self.plan.name, "date": self.date.isoformat(), "day_seed": self.seed, "keyed": self.keyed,
            "repeats": self.plan.repeats, "anchors": [t.name for t in self.anchors],
            "rotating": [{"task": p.task.name, "family": p.task.family, "seed": p.task.seed, "knobs": p.task.knobs,
                          "reason": p.reason, "p_pass": p.p_pass, "information": p.information}
                         for p in self.rotating],
            "discarded": self.discarded, "source": self.plan.source, "design": self.design,
        }


Validator = Callable[[list[TaskSpec]], list[list[str]]]  # tasks -> each task's problems


def resolve(plan: Plan, date: dt.date, tasks_dir: Path, data_dir: Path, validate: Validator | None = None,
            environ=os.environ, design: dict | None = None) -> DayPlan:
    """The day's tasks. With `validate`, every rotating instance is validated (once: results are kept)
    and invalid ones replaced; without, stored validations are used and the rest shown as unvalidated.
    `design`: the agent's latest analysis (`Verdict.task_model`), which an adaptive plan needs; without
    it an adaptive plan draws uniformly, as the first days must."""
    anchor_suite = load_suite(tasks_dir / plan.suite)
    by_name = {t.name: t for t in anchor_suite.tasks}
    if plan.anchors is None:
        anchors = anchor_suite.tasks
    else:
        if missing := [n for n in plan.anchors if n not in by_name]:
            raise PlanError(f"plan {plan.name!r}: anchor task(s) {', '.join(missing)} not in suite {plan.suite!r}")
        anchors = tuple(by_name[n] for n in plan.anchors)
    seed, keyed = day_seed(plan.name, date, environ)
    fams = [family(n) for n in plan.families] if plan.families is not None else list(all_families().values())
    root = pool.instances_dir(data_dir)
    rotating: list[Pick] = []
    discarded: dict[str, int] = {}
    fams = sorted(fams, key=lambda f: f.name)
    adaptive = plan.adaptive and design is not None
    informed = [f for f in fams if adaptive and f.name in design["families"]]
    uniform = _uniform_counts(plan, fams, informed, random.Random(f"{seed}/uniform"))
    tried: dict[str, set[int]] = {f.name: set() for f in fams}
    for fam in fams:
        rng = random.Random(f"{seed}/{fam.name}")
        picks, bad = _draw(fam, uniform[fam.name], _random_seeds(rng), tried[fam.name], root, validate)
        rotating += picks
        discarded[fam.name] = bad
    if informed:
        budget = sum(plan.count(f.name) - uniform[f.name] for f in informed)
        for name, ranked in _informative(informed, budget, design, random.Random(f"{seed}/adaptive")).items():
            fam = family(name)
            scores = dict(ranked)
            # The chosen candidates first; should some prove invalid, fresh draws replace them.
            seeds = itertools.chain((s for s, _ in ranked), _random_seeds(random.Random(f"{seed}/adaptive/{name}")))
            picks, bad = _draw(fam, len(ranked), seeds, tried[fam.name], root, validate)
            rotating += [Pick(p.task, p.validity, "information", *scores.get(p.task.seed, _score(fam, p.task.seed,
                                                                                                design)))
                         for p in picks]
            discarded[fam.name] += bad
    if adaptive:  # every pick, uniform ones too, carries what the plan predicted for it
        rotating = [p if p.reason == "information" or p.task.family not in design["families"]
                    else Pick(p.task, p.validity, p.reason, *_score(family(p.task.family), p.task.seed, design))
                    for p in rotating]
    return DayPlan(plan, date, seed, keyed, tuple(anchors), rotating, {f: n for f, n in discarded.items() if n},
                   design if adaptive else None)


def _uniform_counts(plan: Plan, fams: list[Family], informed: list[Family], rng: random.Random) -> dict[str, int]:
    """Instances drawn uniformly per family: all of an uninformed family's; of the informed families'
    budget, `uniform_share` in total, spread evenly and the remainder to families the day's stream picks."""
    counts = {f.name: plan.count(f.name) for f in fams}
    share = {f.name: plan.count(f.name) * plan.uniform_share for f in informed}
    counts |= {name: math.floor(x) for name, x in share.items()}
    extra = round(sum(share.values())) - sum(math.floor(x) for x in share.values())
    for name in rng.sample(sorted(n for n in share if counts[n] < plan.count(n)), extra):
        counts[name] += 1
    return counts


def _random_seeds(rng: random.Random) -> Iterator[int]:
    while True:
        yield rng.randrange(pool.SEEDS_PER_FAMILY)


def _score(fam: Family, seed: int, design: dict) -> tuple[float, float]:
    """(predicted pass probability, information) of an instance for the agent `design` describes."""
    mu, beta = design["families"][fam.name]
    return information(design["ability"], mu + beta * knob_value(fam.generate(seed).knobs),
                       slope_divisor(design["within_sd"]))


def _informative(fams: list[Family], budget: int, design: dict, rng: random.Random) -> dict[str, list]:
    """Per family, the candidate seeds chosen for the informative budget: the most informative of
    `CANDIDATES` per pick across all families, at most `CAP_SHARE` of the budget from one family."""
    candidates = []
    for fam in fams:
        for s in {rng.randrange(pool.SEEDS_PER_FAMILY) for _ in range(CANDIDATES * max(budget // len(fams), 1))}:
            candidates.append((_score(fam, s, design), fam, s))
    cap = max(math.ceil(budget * CAP_SHARE), 1)
    chosen: dict[str, list] = {}
    for score, fam, s in sorted(candidates, key=lambda c: (-c[0][1], c[1].name, c[2])):
        if sum(map(len, chosen.values())) >= budget:
            break
        if len(chosen.setdefault(fam.name, [])) < cap:
            chosen[fam.name].append((s, score))
    return {f: picks for f, picks in chosen.items() if picks}


def _draw(fam: Family, want: int, seeds: Iterator[int], tried: set[int], root: Path,
          validate: Validator | None) -> tuple[list[Pick], int]:
    picks: list[Pick] = []
    bad, limit = 0, len(tried) + want * MAX_DRAWS_PER_PICK
    while len(picks) < want and len(tried) < limit:
        batch = []
        while len(batch) < want - len(picks):
            s = next(seeds)
            if s not in tried:
                tried.add(s)
                batch.append(pool.instance_task(fam, s, root))
        known = {t.name: pool.recorded(t) for t in batch}
        if validate is not None:
            unknown = [t for t in batch if known[t.name] is None]
            for t, problems in zip(unknown, validate(unknown) if unknown else [], strict=True):
                known[t.name] = pool.record(t, problems)
        for t in batch:
            v = known[t.name]
            if v is not None and not v.valid:
                bad += 1
            else:
                picks.append(Pick(t, v))
    return picks, bad
