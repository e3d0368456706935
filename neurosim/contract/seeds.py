"""One comparison's records over several seeds, merged by one rule."""

from __future__ import annotations

import math

import numpy as np

from neurosim.contract.rule import Rule
from neurosim.core.constraints import SEED, ListOf, MappingOf, param_error, validate

__all__ = ["INTERVAL_KIND", "STABLE_FRACTION", "combine_seeds"]

#: A claim's verdict counts only if at least this fraction of seeds agrees with it.
STABLE_FRACTION = 0.8

#: The interval reported for a claim measured over several seeds.
INTERVAL_KIND = "95% t-interval of the mean over seeds"


def _t_quantile(n: int) -> float:
    """Two-sided 95 % quantile of Student's t with ``n - 1`` degrees of freedom."""
    from scipy.stats import t

    return float(t.ppf(0.975, n - 1))


def _same(values: list) -> bool:
    """Whether every value is the same number (None and NaN count as one value)."""
    first = values[0]
    for v in values[1:]:
        if first is None or v is None:
            if first is not v:
                return False
        elif not (v == first or (math.isnan(v) and math.isnan(first))):
            return False
    return True


@validate(
    records=ListOf(MappingOf(required=("name", "claims"))),
    seeds=ListOf(SEED, distinct=True),
)
def combine_seeds(records: list[dict], seeds: list[int]) -> dict:
    """Merge one comparison's JSON records (one per seed, in seed order) into one.

    One rule decides what a reader sees (``docs/architecture.md``):

    * ``value`` is the **mean** over the seeds whose value is finite (None if no seed
      reached one), ``interval`` its 95 % t-interval (:data:`INTERVAL_KIND`; None with
      fewer than two finite values);
    * ``verdict`` and ``direction`` are the claim's rule applied to **that mean**, so
      the number shown is the number judged;
    * ``verdicts`` are each seed's own, ``stability`` the share of seeds whose own
      verdict is ``verdict``, and ``unstable`` is true below :data:`STABLE_FRACTION`
      (the scorecard then counts the claim neither way);
    * ``not_reached`` counts the seeds with no value (they fail on their own);
    * a ``deterministic`` claim must have the same value for every seed: its value is
      that value, without interval.

    The record's other fields are the first seed's (its figure is the one drawn).

    Raises
    ------
    ValueError
        If the seeds' claims are not the same list of statements, a claim's rule differs
        between seeds (the mean would be judged by one seed's thresholds), or a claim
        declared deterministic differs between seeds.
    """
    if len(records) != len(seeds):
        raise param_error(
            "records", "combine_seeds", f"one record per seed ({len(seeds)})", records
        )
    first = records[0]
    n_claims = len(first["claims"])
    for seed, record in zip(seeds, records):
        statements = [c["statement"] for c in record["claims"]]
        if statements != [c["statement"] for c in first["claims"]]:
            raise param_error(
                "records",
                "combine_seeds",
                f"the same {n_claims} claim statements for every seed of {first['name']!r}",
                f"different statements for seed {seed}",
                "A statement must not contain a measured number; put it in the value.",
            )
    for k, claim in enumerate(first["claims"]):
        for seed, record in zip(seeds, records):
            if record["claims"][k]["rule"] != claim["rule"]:
                raise param_error(
                    "records",
                    "combine_seeds",
                    f"one rule for every seed of the claim {claim['statement']!r}",
                    f"a different rule for seed {seed}",
                    "A rule computed from the run's data would judge the mean by one seed's "
                    "thresholds; derive it from the parameters.",
                )
    merged = dict(first)
    merged["settings"] = dict(first.get("settings", {}), seeds=list(seeds))
    claims = []
    for k, claim in enumerate(first["claims"]):
        rule = Rule.from_dict(claim["rule"])
        values = [r["claims"][k]["value"] for r in records]
        values = [None if v is None or not math.isfinite(v) else float(v) for v in values]
        verdicts = [r["claims"][k]["verdict"] for r in records]
        deterministic = bool(claim.get("deterministic"))
        if deterministic and not _same(values):
            raise param_error(
                "records",
                "combine_seeds",
                f"one value for every seed of the deterministic claim {claim['statement']!r}",
                values,
                "A claim whose value depends on the seed must not be declared deterministic.",
            )
        finite = np.array([v for v in values if v is not None], dtype=float)
        value = float(finite.mean()) if finite.size else None
        interval = None
        if finite.size >= 2 and not deterministic:
            half = _t_quantile(finite.size) * float(finite.std(ddof=1)) / math.sqrt(finite.size)
            interval = [value - half, value + half]
        judged = math.nan if value is None else value
        verdict = rule.verdict(judged)
        stability = sum(v == verdict for v in verdicts) / len(verdicts)
        claims.append(
            {
                **claim,
                "value": value,
                "verdict": verdict,
                "direction": rule.direction(judged),
                "seeds": list(seeds),
                "values": values,
                "verdicts": verdicts,
                "interval": interval,
                "interval_kind": INTERVAL_KIND,
                "stability": stability,
                "unstable": stability < STABLE_FRACTION,
                "not_reached": sum(v is None for v in values),
            }
        )
    merged["claims"] = claims
    return merged
