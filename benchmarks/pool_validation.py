"""Validate a large sample of the generated pool: counts valid / discarded / flaky per family, and what
generating and validating an instance costs.

    .venv/bin/python benchmarks/pool_validation.py --backend bwrap --per-language 500 --repeat 2

For each language (JavaScript and TypeScript together, as the corpus counts them), the language's
families share `--per-language` instances, seeds `--first-seed` upward. Each instance is materialized
(timed: generation) and then validated in the sandbox the way a daily plan does it (timed: validation):
the reference must pass and the untouched workspace fail on every repeat. The results are merged into
`--json` under the backend's name, so the two backends can run separately. `--report` only prints the
stored results as a table, with a 90% Clopper-Pearson interval on each language's discard rate.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from runner import pool, sandbox
from runner.difficulty import TIERS
from runner.families import all_families
from runner.validate import by_family, validate

CORPUS_LANGUAGE = {"typescript": "javascript"}  # the corpus counts TypeScript with JavaScript


def language_families() -> dict[str, list]:
    out: dict[str, list] = {}
    for fam in all_families().values():
        out.setdefault(CORPUS_LANGUAGE.get(fam.language, fam.language), []).append(fam)
    return out


def run_language(fams: list, per_language: int, first_seed: int, root: Path, backend: str, repeat: int,
                 workers: int) -> dict:
    per_family = -(-per_language // len(fams))  # ceil: every family gets the same count
    seeds = range(first_seed, first_seed + per_family)
    t0 = time.monotonic()
    suite = pool.family_suite(fams, seeds, root)
    gen_s = time.monotonic() - t0
    t0 = time.monotonic()
    checks = validate(suite, sandbox.backend(backend), repeat=repeat, workers=workers)
    val_s = time.monotonic() - t0
    families = by_family(suite, checks)
    ref_s = [r.duration_s for c in checks for r in c.reference]
    n = len(checks)
    return {"instances": n, "seeds": f"{seeds.start}-{seeds.stop - 1}", "families": families,
            "generate_s_per_instance": gen_s / n, "validate_s_per_instance": val_s / n,
            "reference_attempt_s_median": statistics.median(ref_s), "workers": workers}


def merged(old: dict, new: dict) -> dict:
    """Two samples of one language on one backend (disjoint seeds, same repeats) as one."""
    if old["repeat"] != new["repeat"]:
        raise SystemExit(f"--add: the stored sample has {old['repeat']} repeat(s), this one {new['repeat']}")
    n = old["instances"] + new["instances"]
    out = dict(new, instances=n, seeds=f"{old['seeds']},{new['seeds']}")
    for key in ("generate_s_per_instance", "validate_s_per_instance"):
        out[key] = (old[key] * old["instances"] + new[key] * new["instances"]) / n
    out["reference_attempt_s_median"] = None  # a median of medians would be another statistic
    out["families"] = {}
    for fam, row in new["families"].items():
        prev = old["families"][fam]
        out["families"][fam] = {k: prev[k] + row[k] for k in ("valid", "discarded", "flaky", "problems")}
        out["families"][fam]["tiers"] = {t: prev["tiers"][t] + row["tiers"][t] for t in TIERS}
    return out


def discard_interval(discarded: int, n: int) -> tuple[float, float]:
    """90% Clopper-Pearson interval of the share of instances discarded."""
    from scipy.stats import beta

    lo = beta.ppf(0.05, discarded, n - discarded + 1) if discarded else 0.0
    hi = beta.ppf(0.95, discarded + 1, n - discarded) if discarded < n else 1.0
    return float(lo), float(hi)


def report(results: dict) -> None:
    print("| backend | language | instances (repeats) | valid | discarded | flaky | discard rate, 90% interval "
          "| validation s / instance |\n|---|---|---|---|---|---|---|---|")
    for backend, langs in sorted(results.items()):
        for lang, r in sorted(langs.items()):
            fam = r["families"].values()
            valid, disc, flaky = (sum(f[k] for f in fam) for k in ("valid", "discarded", "flaky"))
            lo, hi = discard_interval(disc, r["instances"])
            print(f"| {backend} | {lang} | {r['instances']} ({r['repeat']}) | {valid} | {disc} | {flaky} "
                  f"| {lo:.1%} - {hi:.1%} | {r['validate_s_per_instance']:.2f} |")
    backends = sorted(results)
    print("\n| family | " + " | ".join(f"{b}: valid / discarded / flaky (repeats)" for b in backends)
          + " | measured tiers (easy / medium / hard) |")
    print("|---" * (len(backends) + 2) + "|")
    families = sorted({f for langs in results.values() for r in langs.values() for f in r["families"]})
    for fam in families:
        cells, tiers = [], "-"
        for b in backends:
            r = next((r for r in results[b].values() if fam in r["families"]), None)
            if r is None:
                cells.append("-")
                continue
            row = r["families"][fam]
            cells.append(f"{row['valid']} / {row['discarded']} / {row['flaky']} ({r['repeat']})")
            if "tiers" in row:
                tiers = " / ".join(str(row["tiers"][t]) for t in TIERS)
        print(f"| {fam} | " + " | ".join(cells) + f" | {tiers} |")

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["bwrap", "docker"], default="bwrap")
    ap.add_argument("--per-language", type=int, default=500)
    ap.add_argument("--first-seed", type=int, default=1000, help="seeds used: from here upward")
    ap.add_argument("--repeat", type=int, default=2, help="reference and untouched runs per instance")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--language", action="append", help="only these languages (repeatable)")
    ap.add_argument("--json", type=Path, default=Path("benchmarks/results/pool_validation.json"))
    ap.add_argument("--add", action="store_true",
                    help="add to the stored sample of each language (use seeds it does not have)")
    ap.add_argument("--report", action="store_true", help="print the stored results as a table; run nothing")
    args = ap.parse_args()
    results = json.loads(args.json.read_text()) if args.json.exists() else {}
    if args.report:
        report(results)
        return 0
    per_backend = results.setdefault(args.backend, {})
    with tempfile.TemporaryDirectory(prefix="codedrift-poolbench-") as tmp:
        for lang, fams in sorted(language_families().items()):
            if args.language and lang not in args.language:
                continue
            r = run_language(fams, args.per_language, args.first_seed, Path(tmp), args.backend, args.repeat,
                             args.workers)
            r["repeat"] = args.repeat
            r["cpus"] = os.cpu_count()
            if args.add and lang in per_backend:
                r = merged(per_backend[lang], r)
            per_backend[lang] = r
            for fam, row in r["families"].items():
                print(f"{args.backend:<6} {lang:<10} {fam:<22} valid {row['valid']:>4}  discarded "
                      f"{row['discarded']:>3}  flaky {row['flaky']:>3}  tiers "
                      + " ".join(f"{t} {row['tiers'][t]}" for t in TIERS), flush=True)
            print(f"{args.backend:<6} {lang:<10} {r['instances']} instances: generate "
                  f"{r['generate_s_per_instance']:.3f} s, validate {r['validate_s_per_instance']:.2f} s "
                  f"per instance ({args.workers} workers, repeat {args.repeat})", flush=True)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
