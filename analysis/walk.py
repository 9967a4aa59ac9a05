"""A Gaussian random walk over calendar days, parameterised so NUTS mixes at every data volume.

The walk's deviations from its own mean level are written in the eigenbasis of the walk's prior
precision (a path-graph Laplacian: its eigenvectors are the DCT-II cosines, its eigenvalues
lam_k = 2 - 2 cos(pi k / D)). Mode k has prior sd sigma / sqrt(lam_k), and because the data
inform every day about equally, the posterior is close to independent across modes too, so a
diagonal mass matrix fits it.

Each mode is then *partially* non-centred (Papaspiliopoulos, Roberts & Skold 2007): with
s_k = sigma / sqrt(lam_k), the sampled variable is u_k ~ Normal(0, s_k^w_k) and the coefficient is
c_k = s_k^(1 - w_k) u_k. w_k = kappa_k / (1 + kappa_k), where kappa_k is how many times more the data
say about mode k than its prior does: smooth modes the data pin down are centred (w -> 1), rough
modes only the prior shapes are non-centred (w -> 0). This removes the funnel between sigma and the
walk that made the fully centred walk mix slowly at 50 tasks a day and the fully non-centred one
slowly at 600 attempts a day. The prior is exactly the intrinsic random walk's; only the
coordinates change.
"""

from __future__ import annotations

import numpy as np
import pymc as pm
import pytensor.tensor as pt

# Where the centring weights are judged: a small but typical walk scale, at the prior's median
# (0.02), because a walk centred where the step is really smaller funnels while a walk non-centred
# where it is larger only mixes a little slower. Only efficiency depends on it, never the model.
SIGMA_REF = 0.02


def dct_basis(days: int) -> tuple[np.ndarray, np.ndarray]:
    """(days, days - 1) orthonormal cosine modes without the constant, and their eigenvalues."""
    k, d = np.arange(1, days), np.arange(days)
    phi = np.cos(np.pi * np.outer(d + 0.5, k) / days)
    return phi / np.linalg.norm(phi, axis=0), 2 - 2 * np.cos(np.pi * k / days)


def centring(info_per_day: np.ndarray, days: int, sigma_ref: float = SIGMA_REF) -> np.ndarray:
    """Weights w in [0, 1] per (walk, mode) from each walk's Fisher information per day (logit scale)."""
    _, lam = dct_basis(days)
    kappa = np.asarray(info_per_day, dtype=float)[..., None] * sigma_ref**2 / lam
    return kappa / (1 + kappa)


def deviations(name: str, sigma, weights, dims: tuple[str, str], days: int):
    """Zero-mean walk deviations, shape (walks, days). `weights` may be a pm.Data (swappable)."""
    phi, lam = dct_basis(days)
    s = sigma[:, None] / np.sqrt(lam)[None, :]
    u = pm.Normal(f"{name}_modes", 0.0, s**weights, dims=dims)
    return pt.dot(s ** (1 - weights) * u, phi.T)
