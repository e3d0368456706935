"""Networks of sigmoid units of growing depth, fitted to a neuron's input-output map.

How many layers of artificial units does it take to mimic one neuron? Beniaguev, Segev &
London (2021, Neuron 109:2727) fitted networks of growing depth to a cortical neuron; a
point neuron is one unit, and Poirazi, Brannon & Mel (2003, Neuron 37:989) found that a
pyramidal cell behaves like a two-layer network with one sigmoid per dendritic branch.
A :class:`SigmoidNetwork` covers all of these: layers of sigmoid units whose
connections are given by boolean masks, and a scaled sigmoid output unit::

    h_0 = (x - mean) / std                     (inputs standardised on the training set)
    h_l = sigmoid(h_{l-1} @ (W_l * M_l) + b_l) (l = 1 .. L; M_l the connection mask)
    y   = a * h_L + c                          (the last layer is one unit; a, c fitted)

- :meth:`SigmoidNetwork.point_neuron`: one unit on all inputs (depth 1), the logistic
  unit of the lecture with its output scaled to the neuron's units;
- :meth:`SigmoidNetwork.branch_subunits`: one sigmoid per branch, each seeing only its
  branch's inputs, then one unit (depth 2, Poirazi et al.'s two-layer model), or
  deeper subunits (``hidden=(2,)``: two layers per branch, depth 3);
- :meth:`SigmoidNetwork.fully_connected`: hidden layers that see every unit below.

:meth:`SigmoidNetwork.fit` minimises the mean squared error divided by the variance of
the targets (1 - R^2 on the training set) by Levenberg-Marquardt on the exact Jacobian
(:meth:`SigmoidNetwork.residuals_and_jacobian`, checked against finite differences in
the tests), from several seeded starts, keeping the best. numpy only.
"""

from __future__ import annotations

import numpy as np

from neurosim._validation import check_array, check_int, check_seed, param_error

__all__ = ["SigmoidNetwork", "variance_explained"]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function as 0.5 (1 + tanh(z / 2)): exact, never overflows, fast."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def variance_explained(y, y_hat) -> float:
    """R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean y)^2 (1: perfect; 0: the mean)."""
    y = check_array(y, "y", "variance_explained", ndim=1)
    y_hat = check_array(y_hat, "y_hat", "variance_explained", ndim=1)
    if y.shape != y_hat.shape:
        raise param_error("y_hat", "variance_explained", f"shape {y.shape} like y", y_hat.shape)
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0:
        raise param_error("y", "variance_explained", "values that are not all equal", y[:5])
    return 1.0 - float(np.sum((y - y_hat) ** 2)) / total


class SigmoidNetwork:
    """Layers of sigmoid units wired by masks; the last layer is one scaled unit.

    Parameters
    ----------
    masks : sequence of 2-D boolean arrays
        ``masks[l]`` of shape ``(n_in_l, n_out_l)`` says which inputs of layer ``l`` reach
        which of its units; the first takes the network's inputs, the last has one column.
    name : str, default ""
        A label for figures and reprs.
    """

    def __init__(self, masks, *, name: str = ""):
        owner = "SigmoidNetwork"
        masks = [np.asarray(m, dtype=bool) for m in masks]
        if not masks or any(m.ndim != 2 or 0 in m.shape for m in masks):
            raise param_error("masks", owner, "a non-empty list of 2-D boolean arrays", masks)
        for k in range(1, len(masks)):
            if masks[k].shape[0] != masks[k - 1].shape[1]:
                raise param_error(
                    f"masks[{k}]",
                    owner,
                    f"{masks[k - 1].shape[1]} rows (the units of the layer below)",
                    masks[k].shape,
                )
        if masks[-1].shape[1] != 1:
            raise param_error("masks[-1]", owner, "one column (one output unit)", masks[-1].shape)
        if any(not m.any(axis=0).all() for m in masks):
            raise param_error("masks", owner, "every unit with at least one input", masks)
        self.masks = masks
        self.name = str(name)
        self.n_inputs = masks[0].shape[0]
        self._mean = np.zeros(self.n_inputs)
        self._std = np.ones(self.n_inputs)
        self._theta = None

    # -- the architectures of the lecture -----------------------------------------------
    @classmethod
    def point_neuron(cls, n_inputs: int, **kwargs) -> SigmoidNetwork:
        """One sigmoid unit on all inputs (depth 1)."""
        n = check_int(n_inputs, "n_inputs", "SigmoidNetwork.point_neuron", low=1)
        return cls([np.ones((n, 1), dtype=bool)], **{"name": "one unit", **kwargs})

    @classmethod
    def branch_subunits(cls, branch_of_input, hidden=(), **kwargs) -> SigmoidNetwork:
        """Sigmoid subunits per branch on that branch's inputs only, then one unit.

        ``branch_of_input[i]`` is the branch (0 .. B-1) input ``i`` belongs to. Each
        branch has hidden layers of the widths ``hidden`` (its own units, seeing only
        that branch), then one sigmoid: depth ``len(hidden) + 2``. With ``hidden=()``
        this is Poirazi, Brannon & Mel's (2003) two-layer model, one sigmoid per branch.
        """
        owner = "SigmoidNetwork.branch_subunits"
        groups = check_array(branch_of_input, "branch_of_input", owner, ndim=1, dtype=float)
        if np.any(groups != np.round(groups)) or groups.min() < 0:
            raise param_error("branch_of_input", owner, "branch indices 0, 1, ...", groups)
        groups = groups.astype(np.int64)
        n_branches = int(groups.max()) + 1
        if set(groups.tolist()) != set(range(n_branches)):
            raise param_error("branch_of_input", owner, "every branch 0..B-1 with an input", groups)
        widths = [check_int(h, "hidden", owner, low=1) for h in hidden] + [1]
        masks, below = [], groups  # the branch of each unit of the layer below
        for width in widths:
            above = np.repeat(np.arange(n_branches), width)
            masks.append(below[:, None] == above[None, :])
            below = above
        masks.append(np.ones((n_branches, 1), dtype=bool))
        name = (
            "one sigmoid per branch, then a unit"
            if not hidden
            else f"{len(widths)} layers per branch, then a unit"
        )
        return cls(masks, **{"name": name, **kwargs})

    @classmethod
    def fully_connected(cls, n_inputs: int, hidden, **kwargs) -> SigmoidNetwork:
        """Hidden layers of the given widths, each unit seeing every unit below, then a unit."""
        owner = "SigmoidNetwork.fully_connected"
        sizes = [check_int(n_inputs, "n_inputs", owner, low=1)]
        sizes += [check_int(h, "hidden", owner, low=1) for h in hidden]
        masks = [np.ones((a, b), dtype=bool) for a, b in zip(sizes, [*sizes[1:], 1])]
        return cls(masks, **{"name": f"{len(sizes) - 1} hidden layers, then a unit", **kwargs})

    # -- shape -------------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """Layers of sigmoid units, the output unit included (a point neuron: 1)."""
        return len(self.masks)

    @property
    def n_parameters(self) -> int:
        """Free parameters: connections allowed by the masks, biases, output scale and offset."""
        return int(sum(m.sum() + m.shape[1] for m in self.masks)) + 2

    def __repr__(self) -> str:
        widths = " -> ".join(str(m.shape[1]) for m in self.masks)
        return (
            f"SigmoidNetwork({self.name!r}, {self.n_inputs} inputs -> {widths}, "
            f"{self.n_parameters} parameters)"
        )

    # -- parameters as one vector --------------------------------------------------------
    def _unpack(self, theta):
        weights, biases, at = [], [], 0
        for m in self.masks:
            w = np.zeros(m.shape)
            k = int(m.sum())
            w[m] = theta[at : at + k]
            at += k
            weights.append(w)
        for m in self.masks:
            biases.append(theta[at : at + m.shape[1]])
            at += m.shape[1]
        return weights, biases, theta[at], theta[at + 1]

    def _initial(self, rng: np.random.Generator, scale: float, offset: float) -> np.ndarray:
        parts = [rng.normal(0.0, 1.0 / np.sqrt(m.sum(axis=0)), size=m.shape)[m] for m in self.masks]
        parts += [np.zeros(m.shape[1]) for m in self.masks]
        return np.concatenate([*parts, [scale, offset]])

    # -- forward and backward ------------------------------------------------------------
    def _forward(self, theta, X):
        weights, biases, a, c = self._unpack(theta)
        hs = [X]
        for w, b in zip(weights, biases):
            hs.append(_sigmoid(hs[-1] @ w + b))
        return hs, weights, a, c

    def residuals_and_jacobian(self, theta, X, y) -> tuple[np.ndarray, np.ndarray]:
        """Scaled residuals ``r = (y_hat - y) / sqrt(n var(y))`` and their exact Jacobian.

        ``sum(r**2)`` is the mean squared error over the variance of ``y``: 1 - R^2 on
        ``(X, y)``. ``X`` are the standardised inputs; ``theta`` the parameter vector
        (the weights the masks allow, layer by layer, then the biases, then the output
        scale ``a`` and offset ``c``). Backpropagation per sample: the derivative of the
        output with respect to layer ``l``'s pre-activation is ``delta_l`` (one row per
        sample), and d y_hat / d W_l[i, j] = h_{l-1}[:, i] delta_l[:, j].
        """
        hs, weights, a, c = self._forward(theta, X)
        out = hs[-1][:, 0]
        norm = 1.0 / np.sqrt(y.size * max(float(np.var(y)), 1e-300))
        residuals = norm * (a * out + c - y)
        delta = (norm * a) * hs[-1] * (1 - hs[-1])  # (n, 1): d r / d z of the output unit
        blocks_w, blocks_b = [None] * self.depth, [None] * self.depth
        for layer in range(self.depth - 1, -1, -1):
            m = self.masks[layer]
            rows, cols = np.nonzero(m)  # the order of w[m] (row-major)
            blocks_w[layer] = hs[layer][:, rows] * delta[:, cols]
            blocks_b[layer] = delta
            if layer:
                delta = (delta @ weights[layer].T) * hs[layer] * (1 - hs[layer])
        jac = np.concatenate(
            [*blocks_w, *blocks_b, norm * out[:, None], np.full((y.size, 1), norm)], axis=1
        )
        return residuals, jac

    # -- fit and predict ------------------------------------------------------------------
    def fit(self, X, y, *, seed: int = 0, restarts: int = 2, max_iter: int = 400):
        """Least squares by Levenberg-Marquardt from ``restarts`` seeded starts; keep the best.

        Returns ``self``. The inputs are standardised with the training set's mean and
        standard deviation (a constant input is left as it is). ``training_loss`` is the
        best start's mean squared error over the variance of ``y`` (1 - R^2 on the
        training set). See :func:`_levenberg_marquardt` for the steps and the stopping rule.
        """
        owner = "SigmoidNetwork.fit"
        X = check_array(X, "X", owner, ndim=2)
        y = check_array(y, "y", owner, ndim=1)
        if X.shape != (y.size, self.n_inputs):
            raise param_error("X", owner, f"shape ({y.size}, {self.n_inputs})", X.shape)
        if y.size < self.n_parameters:
            raise param_error(
                "y", owner, f"at least {self.n_parameters} samples (one per parameter)", y.size
            )
        if np.var(y) == 0:
            raise param_error("y", owner, "targets that are not all equal", y[:5])
        seed = check_seed(seed, "seed", owner)
        restarts = check_int(restarts, "restarts", owner, low=1)
        max_iter = check_int(max_iter, "max_iter", owner, low=1)
        self._mean = X.mean(axis=0)
        std = X.std(axis=0)
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

    def predict(self, X) -> np.ndarray:
        """The network's output for each row of ``X``."""
        if self._theta is None:
            raise RuntimeError(f"{self!r} is not fitted: call fit(X, y) first")
        X = check_array(X, "X", "SigmoidNetwork.predict", ndim=2)
        if X.shape[1] != self.n_inputs:
            raise param_error("X", "SigmoidNetwork.predict", f"{self.n_inputs} columns", X.shape)
        hs, _, a, c = self._forward(self._theta, (X - self._mean) / self._std)
        return a * hs[-1][:, 0] + c

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
