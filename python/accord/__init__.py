"""accord: exact analysis, mediation and simulation of multi-party, multi-issue
negotiations, from Python, over the C library libaccord.

Every function takes a model as a path (a YAML model, a GENIUS or GeniusWeb scenario
folder or file), "@default" (the embedded model), YAML text (any string with a line
break), a dict in the model format (docs/model-format.md), or a Model built here, and
returns the dict of the command's --json output: accord.analyze(m) equals
json.loads(`accord analyze m --json`).

    >>> import accord
    >>> r = accord.analyze("@default")
    >>> r["pareto"]["count"], r["nash"]["utility"]
"""
import json
import os

from . import _lib
from .errors import AccordError, ModelError, OptionError, Problem
from .model import Model, from_negmas

__all__ = ["analyze", "mediate", "simulate", "sweep", "forecast", "version", "Model", "from_negmas",
           "AccordError", "ModelError", "OptionError", "Problem", "frontier"]


def version():
    """The version of the libaccord in use, e.g. "0.2.0"."""
    return _lib.version()


def _source(model):
    """(text or path, is_text, name) for any accepted kind of model."""
    if isinstance(model, Model):
        model = model.to_dict()
    if isinstance(model, dict):
        # JSON is YAML: one line per key, so positions in errors stay readable.
        return json.dumps(model, indent=2, ensure_ascii=False) + "\n", True, "<dict>"
    if isinstance(model, os.PathLike):
        return os.fspath(model), False, None
    if isinstance(model, bytes):
        model = model.decode("utf-8")
    if not isinstance(model, str):
        raise TypeError("a model is a path, '@default', YAML text, a dict or an accord.Model, "
                        "not %s" % type(model).__name__)
    if "\n" in model:
        return model, True, "<text>"
    return model, False, None


def _call(what, model, options):
    options = {k: v for k, v in options.items() if v is not None}
    text, is_text, name = _source(model)
    out = _lib.run(what, text, is_text, name, json.dumps(options) if options else None)
    return json.loads(out)


def analyze(model, *, method=None, threads=None, feasible=None, limit=None, agree_within=None):
    """Outcome count, ZOPA, Pareto frontier, Nash / Kalai-Smorodinsky / welfare points and
    the draft's stances and progress: the dict of `accord analyze --json`.

    method: "auto" (default), "enumerate" or "dp"; threads: 0 = one per core; feasible:
    the frontier over the ZOPA only; limit: frontier points listed at most; agree_within:
    the stance threshold (default 0.1)."""
    return _call("analyze", model, dict(method=method, threads=threads, feasible=feasible,
                                        limit=limit, agree_within=agree_within))


def mediate(model, *, top=None, trades=None, agree_within=None):
    """Stances, progress, impasses, the smallest revisions every party accepts, the no-deal
    diagnosis and package trades: the dict of `accord mediate --json`. The model needs a
    draft plan."""
    return _call("mediate", model, dict(top=top, trades=trades, agree_within=agree_within))


def simulate(model, **options):
    """One simulated talk: the dict of `accord simulate --json`.

    Options: protocol ("mediated", "shuttle", "alternating"), variant ("hill", "veto",
    "anneal"), rounds, seed, strategies ({party id: "boulware:0.2", ...})."""
    return _call("simulate", model, options)


def sweep(model, runs, **options):
    """A Monte Carlo sweep of `runs` simulated talks over the model's uncertainty: the
    dict of `accord sweep --json`. Options as for simulate, plus threads (the result is
    the same for any thread count)."""
    options["runs"] = runs
    return _call("sweep", model, options)


def forecast(model, *, model_kind=None, turns=None, dim=None, **options):
    """Where the talks are likely to land: the dict of `accord forecast --json`.

    model: as elsewhere, or a KTAB .csv path; model_kind: "smp" (default) or "eu"
    (the command's --model); turns; dim and variant ("issue" or "scholz") for eu; the SMP
    variants vote_rule, victory, risk_range, risk_adjust, commit, interp, bargain, pce,
    state_trans, seed, stop_on_cycle."""
    return _call("forecast", model, dict(options, model=model_kind, turns=turns, dim=dim))


def frontier(result):
    """The Pareto frontier of an analyze() result as (parties, rows): rows of utilities,
    one per point, in the order of parties."""
    parties = result["parties"]
    rows = [[p["utility"][q] for q in parties] for p in result["pareto"]["points"]]
    return parties, rows
