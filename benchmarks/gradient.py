"""Cost of one log-density-and-gradient evaluation of the shipped model, with the fused pass/fail
likelihood (analysis/likelihood.py) against the tensor expression it replaced, on the same data and the
same random points, in the same run. Size L = 3 agents x 365 days x 200 tasks x 3 attempts.

    python benchmarks/gradient.py [--rounds 7] [--evals 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pytensor.tensor as pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import model
from analysis.simulate import simulate


def tensor_expression(level, b, group, y, n):
    eta = level[:, :, group] - b[None, None, :]
    return pt.sum(y * eta - n * pt.softplus(eta))


def evaluator(cells, fused: bool):
    original = model.binomial_logit
    model.binomial_logit = original if fused else tensor_expression
    try:
        m = model.build(cells)
    finally:
        model.binomial_logit = original
    f = m.logp_dlogp_function(mode="NUMBA", ravel_inputs=True)
    f.set_extra_values({})
    return f, sum(int(np.prod(m.initial_point()[v.name].shape)) for v in f._grad_vars)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--evals", type=int, default=200)
    args = ap.parse_args()
    h = simulate(agents=3, days=365, tasks=200, repeats=3, seed=1)
    cells = model.to_cells(h.attempts)
    funcs = {name: evaluator(cells, fused) for name, fused in (("fused", True), ("tensor", False))}
    dim = funcs["fused"][1]
    points = np.random.default_rng(0).normal(0, 0.3, (args.evals, dim))
    a, b = funcs["fused"][0](points[0]), funcs["tensor"][0](points[0])
    assert np.isclose(a[0], b[0], rtol=1e-10) and np.allclose(a[1], b[1], rtol=1e-8, atol=1e-8)
    ms = {name: [] for name in funcs}
    for _ in range(args.rounds):  # interleaved, so load on this noisy machine hits both alike
        for name, (f, _) in funcs.items():
            t0 = time.perf_counter()
            for x in points:
                f(x)
            ms[name].append((time.perf_counter() - t0) / args.evals * 1000)
    ratio = np.array(ms["tensor"]) / np.array(ms["fused"])
    for name, v in ms.items():
        print(f"{name:<7} ms per evaluation: median {np.median(v):.2f} [min {min(v):.2f}, max {max(v):.2f}]")
    print(f"tensor / fused, paired per round: median {np.median(ratio):.2f}x "
          f"[min {ratio.min():.2f}, max {ratio.max():.2f}] over {args.rounds} rounds of {args.evals} evaluations")


if __name__ == "__main__":
    main()
