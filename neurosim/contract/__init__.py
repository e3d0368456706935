"""The comparison contract: what a comparison declares, measures and claims.

Its modules: :mod:`~neurosim.contract.rule`, :mod:`~neurosim.contract.claim`,
:mod:`~neurosim.contract.seeds` and :mod:`~neurosim.contract.reading` (claims, their
rules and how a reader sees them; imported here, numpy only);
:mod:`~neurosim.contract.parameters` (declared, explorable parameters);
:mod:`~neurosim.contract.module` (``begin()`` and the checks every comparison passes);
:mod:`~neurosim.contract.registry` (the comparisons by name, in lecture order).

What a comparison measures: plain arrays, and claims whose verdicts follow from rules.

A comparison's ``run()`` returns :class:`Findings`; its ``plot()`` draws from them
alone; :mod:`neurosim.run.pipeline` writes their claims next to the figure as JSON.

A :class:`Claim` is one measured sentence of the lecture. Its verdict is never typed:
it is computed from the measured value by the :class:`Rule` declared with the claim,
an interval of values for which the claim **holds**, optionally one for **partly**,
and the reason for those thresholds; any other value (or NaN) **fails**. A rule also
says what a value *below* or *above* its "holds" interval means (``"spikes cheaper"``),
so that a failure says which way it breaks.

Every verdict answers one of two questions, and is worded so (:func:`verdict_words`):

* a claim about the analogy (``about="analogy"``, one of :data:`ASPECTS`): *does the
  logistic-unit analogy hold here?* -- "the analogy holds / partly holds / fails";
* a claim about one model alone (``about="artificial"`` or ``"spiking"``: the ANN's
  accuracy, an f-I curve against its closed form): *does the model match its
  reference?* -- "check passed / check passed loosely / check failed". It never wears
  the analogy's words or marks, and the scorecard never counts it.

A claim true by construction (``by_construction="why"``: a linear membrane sums
currents exactly) is shown as such and never counted. A claim whose value cannot
depend on the seed is ``deterministic`` (a comparison with no random input declares
``DETERMINISTIC = True`` and runs once).

:func:`combine_seeds` merges the records of one comparison run with several seeds,
by one rule (``docs/architecture.md``): the value shown is the **mean over the seeds**
(with its 95 % interval), the verdict is the rule applied to **that mean**, and the
stability is the share of seeds whose own verdict agrees with it; below 80 % the claim
is **unstable** and counts neither way.
"""

from neurosim.contract.claim import (
    ABOUT,
    ANALOGY_WORDS,
    ASPECTS,
    CHECK_WORDS,
    LABEL_LIMIT,
    MARKS,
    Claim,
    Findings,
    verdict_words,
)
from neurosim.contract.reading import (
    OUTCOMES,
    READING_GUIDE,
    agreement_text,
    headline,
    measured_text,
    short_label,
    verdict_text,
)
from neurosim.contract.rule import VERDICTS, Rule, format_interval, format_value
from neurosim.contract.seeds import INTERVAL_KIND, STABLE_FRACTION, combine_seeds

__all__ = [
    "ABOUT",
    "ANALOGY_WORDS",
    "ASPECTS",
    "CHECK_WORDS",
    "INTERVAL_KIND",
    "LABEL_LIMIT",
    "MARKS",
    "OUTCOMES",
    "READING_GUIDE",
    "STABLE_FRACTION",
    "VERDICTS",
    "Claim",
    "Findings",
    "Rule",
    "agreement_text",
    "combine_seeds",
    "format_interval",
    "format_value",
    "headline",
    "measured_text",
    "short_label",
    "verdict_text",
    "verdict_words",
]
