"""Networks of sigmoid units of growing depth, shaped like a neuron with identical branches.

How many layers of artificial units does it take to mimic one neuron? Beniaguev, Segev &
London (2021, Neuron 109:2727) fitted networks of growing depth to a cortical neuron; a
point neuron is one unit on the sum of its inputs; Poirazi, Brannon & Mel (2003, Neuron
37:989) found that a pyramidal cell behaves like a two-layer network: one sigmoid per
thin branch on that branch's input, the branches' outputs summed and squashed. A
:class:`SubunitNetwork` is that family, with one subunit (a stack of sigmoid layers)
shared by every branch, as the branches of the cell it mimics are alike::

    h_0[k]  = (x[k] - mean) / std                    (inputs of branch k, standardised)
    h_l[k]  = sigmoid(h_{l-1}[k] @ W_l + b_l)        (l = 1 .. L: the subunit, shared)
    y       = a * sigmoid(v . sum_k h_L[k] + b) + c  (the output unit; a, c scale it)

Its depth, the layers of sigmoid units a signal crosses, is ``L + 1``:

- ``SubunitNetwork(())``: no subunit, one unit on the summed input (depth 1): the point
  neuron, the logistic unit of the lecture with its output scaled to the neuron's units;
- ``SubunitNetwork((1,))``: one sigmoid per branch, then a unit (depth 2, Poirazi et al.);
- ``SubunitNetwork((2, 1))``: two layers per branch, then a unit (depth 3).

:meth:`SubunitNetwork.fit` minimises the mean squared error over the variance of the
targets (1 - R^2 on the training set) by Levenberg-Marquardt on the exact Jacobian
(:meth:`SubunitNetwork.residuals_and_jacobian`, checked against finite differences in
the tests), from several seeded starts, keeping the best. numpy only.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from neurosim.core.constraints import COUNT, SEED, TEXT, ArrayOf, ListOf, param_error, validate

#: Samples: one input per branch ``(n, B)``, or ``F`` per branch ``(n, B, F)``.
_INPUTS = ArrayOf((2, 3))
#: Targets or predictions: one number per sample.
_VALUES = ArrayOf(1)

__all__ = ["SubunitNetwork", "variance_explained"]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function as 0.5 (1 + tanh(z / 2)): exact, never overflows, fast."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@validate(y=_VALUES, y_hat=_VALUES)
def variance_explained(y, y_hat) -> float:
    """R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean y)^2 (1: perfect; 0: the mean).

    Targets that are all equal have no variance to explain: refused, naming ``y``.
    """
    if y.shape != y_hat.shape:
        raise param_error("y_hat", "variance_explained", f"shape {y.shape} like y", y_hat.shape)
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0:
        raise param_error("y", "variance_explained", "values that are not all equal", y[:5])
    return 1.0 - float(np.sum((y - y_hat) ** 2)) / total


@validate(subunit=ListOf(COUNT, min_len=0), n_features=COUNT, name=[TEXT, None])
class SubunitNetwork:
    """One subunit per branch (shared weights), the subunits' outputs summed, one unit.

    Parameters
    ----------
    subunit : sequence of int, default ()
        Widths of the subunit's sigmoid layers, from the branch's inputs up; ``()`` for
        none (the output unit then reads the summed inputs: a point neuron).
    n_features : int, default 1
        Inputs per branch (e.g. 1: the number of active synapses on it).
    name : str, optional
        A label for figures and reprs (default: the architecture in words).
    """

    def __init__(self, subunit=(), *, n_features: int = 1, name: str | None = None):
        self.widths = tuple(subunit)
        self.n_features = n_features
        sizes = (self.n_features, *self.widths)
        self.shapes = list(pairwise(sizes))  # (in, out) of each subunit layer
        self.n_summed = sizes[-1]
        if name is None:
            name = {
                0: "one unit on the summed input",
                1: "one sigmoid per branch, then a unit",
            }.get(len(self.widths), f"{len(self.widths)} layers per branch, then a unit")
        self.name = name
        self._mean, self._std, self._theta = 0.0, 1.0, None

    # -- shape -------------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """Layers of sigmoid units a signal crosses, the output unit included (point: 1)."""
        return len(self.widths) + 1

    @property
    def n_parameters(self) -> int:
        """Weights and biases of the subunit and the output unit, and the output's a, c."""
        return sum(i * o + o for i, o in self.shapes) + self.n_summed + 1 + 2

    def __repr__(self) -> str:
        layers = " -> ".join(str(w) for w in (self.n_features, *self.widths))
        return (
            f"SubunitNetwork({self.name!r}: per branch {layers}, summed, one unit; "
            f"{self.n_parameters} parameters)"
        )

    # -- parameters as one vector --------------------------------------------------------
    def _unpack(self, theta):
        layers, at = [], 0
        for i, o in self.shapes:
            w = theta[at : at + i * o].reshape(i, o)
            b = theta[at + i * o : at + i * o + o]
            layers.append((w, b))
            at += i * o + o
        v = theta[at : at + self.n_summed]
        b_out, a, c = theta[at + self.n_summed :]
        return layers, v, b_out, a, c

    def _initial(self, rng: np.random.Generator, scale: float, offset: float) -> np.ndarray:
        parts = []
        for i, o in self.shapes:
            parts += [rng.normal(0.0, 1.0 / np.sqrt(i), size=i * o), np.zeros(o)]
        parts += [rng.normal(0.0, 1.0 / np.sqrt(self.n_summed), size=self.n_summed)]
        return np.concatenate([*parts, [0.0, scale, offset]])

    # -- forward and backward ------------------------------------------------------------
    def _forward(self, theta, Z):
        """Z: standardised inputs (n, B, F). Returns subunit activations, summed, output."""
        layers, v, b_out, a, c = self._unpack(theta)
        n, branches, _ = Z.shape
        hs = [Z.reshape(n * branches, self.n_features)]
        for w, b in layers:
            hs.append(_sigmoid(hs[-1] @ w + b))
        summed = hs[-1].reshape(n, branches, self.n_summed).sum(axis=1)
        out = _sigmoid(summed @ v + b_out)
        return hs, summed, out, layers, v, a, c

    def residuals_and_jacobian(self, theta, Z, y) -> tuple[np.ndarray, np.ndarray]:
        """Scaled residuals ``r = (y_hat - y) / sqrt(n var(y))`` and their exact Jacobian.

        ``sum(r**2)`` is the mean squared error over the variance of ``y``: 1 - R^2 on
        ``(Z, y)``. ``Z`` are the standardised inputs, shape ``(n, B, F)``; ``theta`` the
        parameter vector (each subunit layer's weights then biases, the output unit's
        weights and bias, then ``a`` and ``c``). A shared weight's derivative is the sum
        over the branches of its derivative in each branch.
        """
        hs, summed, out, layers, v, a, c = self._forward(theta, Z)
        n, branches, _ = Z.shape
        norm = 1.0 / np.sqrt(y.size * max(float(np.var(y)), 1e-300))
        residuals = norm * (a * out + c - y)
        g = norm * a * out * (1 - out)  # d r / d (output unit's pre-activation), (n,)
        cols_out = [g[:, None] * summed, g[:, None], (norm * out)[:, None], np.full((n, 1), norm)]
        blocks = []
        # d r / d (pre-activation of the subunit's top layer), per sample and branch
        top = hs[-1]
        delta = np.repeat(g, branches)[:, None] * v[None, :] * top * (1 - top)
        for layer in range(len(layers) - 1, -1, -1):
            below = hs[layer]
            d_w = (below[:, :, None] * delta[:, None, :]).reshape(n * branches, -1)
            per_sample = np.concatenate([d_w, delta], axis=1)
            blocks.insert(0, per_sample.reshape(n, branches, -1).sum(axis=1))
            if layer:
                delta = (delta @ layers[layer][0].T) * below * (1 - below)
        return residuals, np.concatenate([*blocks, *cols_out], axis=1)

    # -- fit and predict ------------------------------------------------------------------
    def _inputs(self, X: np.ndarray, owner: str) -> np.ndarray:
        """``X`` (already a 2-D or 3-D array) as ``(n, B, F)``, ``F`` inputs per branch."""
        if X.ndim == 2:
            X = X[:, :, None]
        if X.shape[2] != self.n_features:
            raise param_error(
                "X", owner, f"{self.n_features} input(s) per branch (shape (n, B, F))", X.shape
            )
        return X

    @validate(X=_INPUTS, y=_VALUES, seed=SEED, restarts=COUNT, max_iter=COUNT)
    def fit(self, X, y, *, seed: int = 0, restarts: int = 2, max_iter: int = 400):
        """Least squares by Levenberg-Marquardt from ``restarts`` seeded starts; keep the best.

        ``X`` has shape ``(n, B)`` (one input per branch) or ``(n, B, F)``. The inputs are
        standardised with the mean and standard deviation of all branches' training
        inputs (one scale: the branches share the subunit). Returns ``self``;
        ``training_loss`` is the best start's mean squared error over the variance of
        ``y`` (1 - R^2 on the training set).
        """
        owner = "SubunitNetwork.fit"
        X = self._inputs(X, owner)
        if X.shape[0] != y.size:
            raise param_error("X", owner, f"{y.size} rows like y", X.shape)
        if y.size < self.n_parameters:
            raise param_error(
                "y", owner, f"at least {self.n_parameters} samples (one per parameter)", y.size
            )
        if np.var(y) == 0:
            raise param_error("y", owner, "targets that are not all equal", y[:5])
        self._mean = X.mean(axis=(0, 1))
        std = X.std(axis=(0, 1))
        self._std = np.where(std > 0, std, 1.0)
        Z = (X - self._mean) / self._std
        rng = np.random.default_rng(seed)
        span = float(y.max() - y.min())
        best, best_cost = None, np.inf
        for _ in range(restarts):
            theta0 = self._initial(rng, span, float(y.min()))
            theta, cost = _levenberg_marquardt(
                lambda t: self.residuals_and_jacobian(t, Z, y), theta0, max_iter=max_iter
            )
            if cost < best_cost:
                best, best_cost = theta, cost
        self._theta = best
        self.training_loss = float(best_cost)
        return self

    @validate(X=_INPUTS)
    def predict(self, X) -> np.ndarray:
        """The network's output for each sample of ``X`` (``(n, B)`` or ``(n, B, F)``)."""
        if self._theta is None:
            raise RuntimeError(f"{self!r} is not fitted: call fit(X, y) first")
        Z = (self._inputs(X, "SubunitNetwork.predict") - self._mean) / self._std
        _, _, out, _, _, a, c = self._forward(self._theta, Z)
        return a * out + c

    @validate(X=_INPUTS, y=_VALUES)
    def score(self, X, y) -> float:
        """Variance of ``y`` explained by the network's prediction (R^2)."""
        return variance_explained(y, self.predict(X))


#: Levenberg-Marquardt settings: the first steps are short, gradient-descent-like ones
#: (damping 100 times the curvature), so that no sigmoid is thrown into saturation
#: before the others have moved; the damping of a direction with no curvature is at least
#: 1e-3 of the largest; the fit stops when an accepted step lowers the cost by less
#: than FTOL of itself (1 - R^2 then changes in its fifth significant digit at most).
LM_DAMPING = 100.0
LM_FLOOR = 1e-3
FTOL = 1e-5


def _levenberg_marquardt(fun, theta, *, max_iter: int) -> tuple[np.ndarray, float]:
    """Minimise ``sum(r**2)`` for ``r, J = fun(theta)`` (Marquardt 1963, diagonal scaling).

    Each step solves ``(J'J + lam D) step = -J'r`` with ``D`` the diagonal of ``J'J``
    (floored at ``LM_FLOOR`` of its largest entry); a step that lowers the cost is taken
    and ``lam`` divided by 3, a step that does not is refused and ``lam`` multiplied by 4.
    """
    r, J = fun(theta)
    cost, lam = float(r @ r), LM_DAMPING
    for _ in range(max_iter):
        A = J.T @ J
        d = np.diag(A).copy()
        d = np.maximum(d, LM_FLOOR * max(float(d.max()), 1e-300))
        try:
            step = np.linalg.solve(A + lam * np.diag(d), -(J.T @ r))
        except np.linalg.LinAlgError:
            lam *= 4.0
            continue
        r_new, J_new = fun(theta + step)
        cost_new = float(r_new @ r_new)
        if cost_new < cost:
            done = cost - cost_new < FTOL * cost
            theta, r, J, cost = theta + step, r_new, J_new, cost_new
            lam = max(lam / 3.0, 1e-12)
            if done:
                break
        else:
            lam *= 4.0
            if lam > 1e12:
                break
    return theta, cost
