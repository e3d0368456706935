# %% [markdown]
# # What does deep learning have to do with the brain?
#
# A deep-learning lecture usually says: a logistic unit (a weighted sum passed through
# a sigmoid) is a cartoon of a neuron, which receives signals, does a thresholded
# computation and sends a pulse down its axon; a single real neuron is far more
# complex; nobody knows whether the brain learns by anything like backprop; deep
# learning learns flexible X -> Y mappings; computer vision took a little more
# inspiration from the brain.
#
# This notebook walks through that argument one question at a time. Each question is a
# neurosim comparison: the same input fed to an artificial model and to a spiking
# model, one figure, and measured claims. Every verdict comes from the measured value
# and a rule declared with the claim, and answers one of two questions, in its words:
#
# - **the analogy holds / partly holds / fails** (✓ ~ ✗): does the neuron behave like
#   the logistic unit here? In brackets, which way it breaks.
# - **check passed / failed**: a claim about one model alone, tested against its
#   reference (a closed form, a published value). It never counts for the analogy.
#
# Values are means over seeds with their 95 % interval, and the verdict judges that
# mean; "k/n seeds agree" counts the seeds whose own verdict is the same;
# "deterministic" means no random input enters the claim (it was run once);
# "by construction" means the model's construction fixes the value (never counted).
#
# By default the notebook shows the figures and claims of the committed gallery
# (`gallery/`, written by `neurosim figures --seeds 10 --out gallery`). Set `LIVE = True` to re-run
# every comparison here instead (quick settings, about a minute), and use
# `neurosim.explore("NAME")` to change a comparison's parameters with sliders. Every
# abbreviation and term is in the glossary: `docs/glossary.md`, or run
# `neurosim.kit.glossary.terms()`.

# %%
import io
import json
from pathlib import Path

from IPython.display import HTML, Image, Markdown, display
from PIL import Image as Picture

from neurosim.contract import agreement_text, measured_text, registry, short_label, verdict_text

LIVE = False
# the committed gallery, at the project's root; Jupyter runs a notebook in its own
# folder (notebooks/), a script runs wherever it is started
FIGURES = next(
    (p for p in (Path("gallery"), Path("..") / "gallery") if (p / "scorecard.json").exists()),
    Path("gallery"),
)
# the gallery's PNGs are drawn for print (3200 pixels wide, several hundred kB each);
# on a lecture screen 1000 pixels are enough, and 256 colours lose nothing in a figure
SCREEN_WIDTH = 1000


def screen_png(path: Path, width: int = SCREEN_WIDTH) -> bytes:
    """A figure at a lecture screen's width, as a PNG of at most 256 colours."""
    with Picture.open(path) as picture:
        picture = picture.convert("RGB")
        height = round(picture.height * width / picture.width)
        small = picture.resize((width, height), Picture.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.quantize(256, method=Picture.Quantize.FASTOCTREE).save(buffer, "PNG")
    return buffer.getvalue()


def show(name: str) -> None:
    """The question, the figure and the claims of one comparison."""
    if LIVE:
        module = registry.load(name)
        findings = module.run(quick=True)
        display(module.plot(findings))
        record = findings.to_dict()
    elif not (FIGURES / f"{name}.json").exists():
        display(Markdown(f"*`{name}` has no figure yet: run `neurosim figures {name}`.*"))
        return
    else:
        record = json.loads((FIGURES / f"{name}.json").read_text())
        display(Image(data=screen_png(FIGURES / f"{name}.png"), width=SCREEN_WIDTH))
    rows = []
    for claim in record["claims"]:
        whose = (
            ""
            if claim.get("about", "analogy") == "analogy"
            else f" <i>({claim['about']} model alone)</i>"
        )
        agree = agreement_text(claim)
        rows.append(
            f"<tr><td style='text-align:left'><b>{short_label(claim)}</b>: "
            f"{claim['statement']}{whose}</td>"
            f"<td>{measured_text(claim)}</td><td>{agree}</td>"
            f"<td><b>{verdict_text(claim)}</b></td></tr>"
        )
    display(Markdown(f"**{record['question']}**"))
    display(
        HTML(
            "<table><tr><th>claim</th><th>measured</th><th>seeds</th>"
            "<th>verdict: the analogy, or a check of one model</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    )


# %% [markdown]
# ## 1. What deep learning does
# A network of logistic units trained by backprop learns flexible mappings from X to Y;
# one unit alone draws a single line.

# %%
show("flexible_mappings")

# %%
show("logistic_unit_limits")

# %% [markdown]
# ## 2. What a neuron does
# A spiking neuron integrates its input over time and fires once its membrane crosses a
# threshold; a real action potential is a pulse that travels down the axon at a finite
# speed.

# %%
show("lif_neuron")

# %%
show("pulse_down_the_axon")

# %% [markdown]
# ## 3. Where the analogy holds
# Inputs are summed (linearly through current synapses, sublinearly through conductances);
# noise rounds the threshold into a sigmoid-like curve; a firing rate can carry the
# unit's number, if it is counted long enough; a trained deep network still works when
# its units become spiking neurons; and spiking networks can be trained by backprop
# themselves, once a smooth surrogate stands in for the spike's zero derivative.

# %%
for name in (
    "weighted_sum_and_squash",
    "noise_makes_a_sigmoid",
    "rate_code_needs_time",
    "deep_network_as_spikes",
    "surrogate_gradients",
):
    show(name)

# %% [markdown]
# ## 4. Where it fails
# Spike timing carries information a rate misses: synchrony, and the order in which
# inputs arrive along a dendrite; one neuron with an active dendrite computes XOR, and
# NMDA synapses make every thin branch a unit of its own, so that it
# takes a layer of units per branch to mimic one neuron; neurons remember their
# history; the same input does not give the same spikes; learning in the brain is not
# (known to be) backprop, though local predictive coding computes its gradient if every
# example settles first; counted honestly (memory reads and neuron updates included),
# spikes cost about what a matched network of units costs, and an 8-bit network of
# units costs less; and backprop learns V1-like filters from natural images too: the
# filters come from the data.

# %%
for name in (
    "spike_timing_matters",
    "input_order",
    "single_neuron_xor",
    "how_deep_is_a_neuron",
    "neurons_have_memory",
    "neurons_are_noisy",
    "learning_rules",
    "predictive_coding",
    "receptive_fields",
    "cost_of_spikes",
    "spikes_can_be_cheap",
):
    show(name)

# %% [markdown]
# ## 5. The scorecard
# Each row is one aspect of "a logistic unit is like a neuron", decided by the headline
# measurements of the comparisons above (claims about one model alone do not count).

# %%
show("scorecard")
