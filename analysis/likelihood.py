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

KERNEL_VERSION = 4  # part of numba's cache key for the compiled graph: raise it when the kernel changes


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


# One-off instances, their difficulty integrated out. A generated instance runs on one day, so its
# difficulty b ~ Normal(mu, sd) touches only that day's attempts; sampling it adds a dimension that
# one or two outcomes barely inform, and those dimensions and sd mix slowly together (ESS of sigma_b
# 350-900 in benchmarks/sbc.py's 120-day window). Integrated out, an instance contributes
#
#     log L_i = log integral prod_a Binomial(y_a | n_a, logistic(eta_a - sd z)) phi(z) dz,   eta_a = level - mu
#
# by the trapezoid rule in z on [-Z_MAX, Z_MAX]. The integrand is analytic in the strip |Im z| < pi / sd
# (the logistic's poles), where |phi| grows by exp(y^2 / 2), so a step h errs by about
# exp(a^2 / 2 - 2 pi a / h), a = min(STRIP * pi / sd, 2 pi / h): `step` picks the widest h that keeps this
# below exp(-TRAPEZOID_LOG_ERROR). STRIP keeps a margin from the poles, near which the integrand grows
# with every attempt; with it the rule errs by under 1e-6 in log L_i for six attempts at sd 0.2-4
# (1e-4 for data less likely than e^-8, in the prior's far tail). That is 23 nodes at sd 1, 39 at sd 2;
# tests/test_instances.py checks it, and a 48-node Gauss-Hermite rule's 2e-3 error at sd 5, against
# adaptive quadrature.
Z_MAX, TRAPEZOID_LOG_ERROR, STRIP = 7.0, 20.0, 0.8
SD_RATE = 5.0  # fixed nodes for an expected pass rate (not differentiated): those of this spread, accurate below it


@numba.njit(cache=True)
def step(sd):
    """The trapezoid step in z for difficulty spread `sd` (see above)."""
    gaussian = np.pi * np.sqrt(2.0 / TRAPEZOID_LOG_ERROR)  # the limit from phi alone: exp(-2 pi^2 / h^2)
    a = STRIP * np.pi / max(sd, 1e-12)
    if a >= 2 * np.pi / gaussian:  # the strip reaches beyond 2 pi / h: phi's own limit binds
        return gaussian
    return min(gaussian, 2 * np.pi * a / (TRAPEZOID_LOG_ERROR + a * a / 2))


@numba.njit(cache=True)
def nodes(sd):
    """(z, log weight) of the rule for spread `sd`: symmetric, weights phi(z) normalised on the nodes."""
    h = step(sd)
    half = int(np.ceil(Z_MAX / h))
    z = np.arange(-half, half + 1) * h
    log_w = -0.5 * z * z
    return z, log_w - np.log(np.sum(np.exp(log_w)))


@numba.njit(cache=True)
def _node_terms(eta, sd, y, n, z, ll, r):
    """For one instance at nodes z: ll (holding the log weights on entry) += log prod_a Binomial kernel,
    and r[j, a] = the derivative in eta_a at node j (y - n * sigmoid)."""
    for j in range(z.shape[0]):
        for a in range(eta.shape[0]):
            r[j, a] = 0.0
            if n[a] == 0:
                continue
            e = eta[a] - sd * z[j]
            x = np.exp(-abs(e))
            ll[j] += y[a] * e - n[a] * (max(e, 0.0) + np.log1p(x))
            r[j, a] = y[a] - n[a] * (1.0 / (1.0 + x) if e >= 0 else x / (1.0 + x))


@numba.njit(cache=True)
def _marginal_kernel(eta, sd, y, n):
    agents, instances = eta.shape
    logp, d_eta, d_sd = 0.0, np.zeros_like(eta), np.zeros_like(sd)
    current = -1.0
    for i in range(instances):
        if sd[i] != current:  # the rule depends on sd only, which the instances usually share
            current = sd[i]
            z, log_w = nodes(current)
            r = np.empty((z.shape[0], agents))
        ll = log_w.copy()
        _node_terms(eta[:, i], sd[i], y[:, i], n[:, i], z, ll, r)
        top = ll.max()
        post = np.exp(ll - top)
        total = post.sum()
        logp += top + np.log(total)
        post /= total  # the instance's posterior over nodes: the derivatives are expectations under it
        for j in range(z.shape[0]):
            for a in range(agents):
                d_eta[a, i] += post[j] * r[j, a]
                d_sd[i] -= post[j] * r[j, a] * z[j]
    return logp, d_eta, d_sd


class MarginalInstances(Op):
    """(eta (A, I): level minus the instance's prior mean, sd (I,), passed (A, I), attempts (A, I)) ->
    (log-likelihood, its gradient in eta, its gradient in sd)."""

    __props__ = ()

    def make_node(self, eta, sd, passed, attempts):
        inputs = [pt.as_tensor_variable(v) for v in (eta, sd, passed, attempts)]
        return Apply(self, inputs, [pt.dscalar(), pt.dmatrix(), pt.dvector()])

    def perform(self, node, inputs, output_storage):
        eta, sd, y, n = inputs
        values = _marginal_kernel(np.asarray(eta, dtype=float), np.asarray(sd, dtype=float), y, n)
        for out, value in zip(output_storage, values, strict=True):
            out[0] = np.asarray(value)

    def pullback(self, inputs, outputs, output_grads):
        g = output_grads[0]
        return [g * outputs[1], g * outputs[2]] + [grad_undefined(self, i, inputs[i]) for i in (2, 3)]


@register_funcify_default_op_cache_key(MarginalInstances)
def _numba_marginal_instances(op, node=None, **kwargs):
    @numba.njit
    def marginal_instances(eta, sd, y, n):
        logp, d_eta, d_sd = _marginal_kernel(eta, sd, y, n)
        scalar = np.empty((), dtype=np.float64)
        scalar[()] = logp
        return scalar, d_eta, d_sd

    return marginal_instances, KERNEL_VERSION


def marginal_instances(eta, sd, passed, attempts):
    """The one-off instances' log-likelihood with their difficulties integrated out (a scalar tensor)."""
    return MarginalInstances()(eta, sd, passed, attempts)[0]


PROPOSALS = 100_000  # per instance and draw: one whose likelihood is below ~1e-4 takes the grid's most likely node


@numba.njit(cache=True)
def _log_kernel(y, n, e):
    """log of the Binomial kernel p^y (1 - p)^(n - y), p = logistic(e)."""
    return y * e - n * (max(e, 0.0) + np.log1p(np.exp(-abs(e))))


@numba.njit(cache=True)
def _posterior_z(eta, sd, y, n, seed):
    np.random.seed(seed)
    out = np.empty(eta.shape[1])
    for i in range(eta.shape[1]):
        for _ in range(PROPOSALS):
            z = np.random.standard_normal()
            ll = 0.0
            for a in range(eta.shape[0]):
                ll += _log_kernel(y[a, i], n[a, i], eta[a, i] - sd[i] * z)
            if np.log(np.random.random()) < ll:
                out[i] = z
                break
        else:
            nodes_z, ll_z = nodes(sd[i])
            _node_terms(eta[:, i], sd[i], y[:, i], n[:, i], nodes_z, ll_z, np.empty((len(nodes_z), eta.shape[0])))
            out[i] = nodes_z[np.argmax(ll_z)]
    return out


def instance_posterior(eta: np.ndarray, sd: np.ndarray, passed: np.ndarray, attempts: np.ndarray,
                       rng: np.random.Generator) -> np.ndarray:
    """One draw of each instance's standardised difficulty z (b = mu + sd z) from its conditional
    posterior given eta (A, I) and sd (I,), exactly: by rejection from its Normal(0, 1) prior with
    acceptance probability its likelihood (at most 1), so on average 1 / L_i proposals."""
    return _posterior_z(np.ascontiguousarray(eta, dtype=float), np.asarray(sd, dtype=float), passed, attempts,
                        int(rng.integers(2**31)))
