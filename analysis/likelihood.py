"""The pass/fail log-likelihood over the (agent, day, task) grid as one fused PyTensor Op.

    log L = sum over cells with attempts of  y * eta - n * softplus(eta),   eta = level[a, d, g(t)] - b[t]

`level` is the agent's ability on the day, plus its group's deviation when tasks are grouped (one group
otherwise). Written out as tensor algebra, PyTensor evaluates the broadcast, the softplus, its
derivative and the two reductions as separate passes over every cell of the grid; this kernel makes
one pass, shares exp(-|eta|) between the value and the gradient, and skips cells without an attempt
(most of them under a rotating plan, where each generated instance runs on one day). It is exact: the
same sum, in the same floating point, as the tensor expression (`tests/test_likelihood.py` compares both).
NUTS (nutpie, numba backend) calls it through the numba dispatch below; other backends call `perform`.
"""

from __future__ import annotations

import numba
import numpy as np
import pytensor.tensor as pt
from pytensor.gradient import grad_undefined
from pytensor.graph.basic import Apply
from pytensor.graph.op import Op
from pytensor.link.numba.dispatch.basic import register_funcify_default_op_cache_key

KERNEL_VERSION = 2  # part of numba's cache key for the compiled graph: raise it when the kernel changes


@numba.njit(cache=True)
def _kernel(level, b, group, y, n):
    agents, days, _ = level.shape
    logp = 0.0
    d_level, d_b = np.zeros_like(level), np.zeros_like(b)
    for a in range(agents):
        for d in range(days):
            for t in range(b.shape[0]):
                trials = n[a, d, t]
                if trials == 0:
                    continue
                g = group[t]
                eta = level[a, d, g] - b[t]
                e = np.exp(-abs(eta))
                softplus = max(eta, 0.0) + np.log1p(e)
                sigmoid = 1.0 / (1.0 + e) if eta >= 0 else e / (1.0 + e)
                passed = y[a, d, t]
                logp += passed * eta - trials * softplus
                r = passed - trials * sigmoid  # d logp / d eta
                d_level[a, d, g] += r
                d_b[t] -= r
    return logp, d_level, d_b


class BinomialLogitGrid(Op):
    """(level (A, D, G), b (T,), group (T,) int, passed (A, D, T), attempts (A, D, T)) ->
    (log-likelihood, its gradient in level, its gradient in b)."""

    __props__ = ()

    def make_node(self, level, b, group, passed, attempts):
        inputs = [pt.as_tensor_variable(v) for v in (level, b, group, passed, attempts)]
        outputs = [pt.dscalar(), pt.tensor(dtype="float64", shape=(None,) * 3), pt.dvector()]
        return Apply(self, inputs, outputs)

    def perform(self, node, inputs, output_storage):
        level, b, group, y, n = inputs
        for out, value in zip(output_storage, _kernel(np.asarray(level, dtype=float), np.asarray(b, dtype=float),
                                                      group, y, n), strict=True):
            out[0] = np.asarray(value)

    def pullback(self, inputs, outputs, output_grads):
        g = output_grads[0]  # only the log-likelihood is differentiated (first order is all NUTS needs)
        return [g * outputs[1], g * outputs[2]] + [grad_undefined(self, i, inputs[i]) for i in (2, 3, 4)]


@register_funcify_default_op_cache_key(BinomialLogitGrid)
def _numba_binomial_logit_grid(op, node=None, **kwargs):
    @numba.njit
    def binomial_logit_grid(level, b, group, y, n):
        logp, d_level, d_b = _kernel(level, b, group, y, n)
        scalar = np.empty((), dtype=np.float64)  # a 0-d tensor is a 0-d array in numba's calling convention
        scalar[()] = logp
        return scalar, d_level, d_b

    return binomial_logit_grid, KERNEL_VERSION


def binomial_logit(level, b, group: np.ndarray, passed, attempts):
    """The log-likelihood (a scalar tensor); `group` maps each task to level's last axis."""
    return BinomialLogitGrid()(level, b, np.asarray(group, dtype="int64"), passed, attempts)[0]
