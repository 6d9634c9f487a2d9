"""Building accord models in Python, and from NegMAS-style scenarios.

A Model collects parties, issues and linear additive utilities (a weight per issue and a
value per option) and turns into a dict in the model format (docs/model-format.md),
which every accord function accepts. from_negmas() builds one from issues with values
and linear additive utility functions given as weights and value tables, the way NegMAS
describes a scenario.
"""
import re

_ID = re.compile(r"[^A-Za-z0-9_.-]")


def _make_id(text, taken):
    """An accord id for any value: unsafe characters become '_', at most 64 characters,
    made unique within taken."""
    base = _ID.sub("_", str(text))[:64] or "_"
    ident, n = base, 1
    while ident in taken:
        n += 1
        suffix = "_%d" % n
        ident = base[:64 - len(suffix)] + suffix
    taken.add(ident)
    return ident


class Model:
    """A model under construction.

        m = accord.Model("Laptop sale")
        m.party("buyer", reservation=0.3)
        m.party("seller", reservation=0.2)
        m.issue("price", ["low", "mid", "high"])
        m.issue("warranty", ["none", "1y", "3y"])
        m.utility("buyer", weights={"price": 0.7, "warranty": 0.3},
                  values={"price": {"low": 1, "mid": 0.6, "high": 0},
                          "warranty": {"none": 0, "1y": 0.5, "3y": 1}})
        ...
        accord.analyze(m)
    """

    def __init__(self, title=None, description=None):
        self.title = title
        self.description = description
        self._parties = []
        self._issues = []
        self._prefs = {}
        self._plan = {}
        self._events = []
        self._uncertainty = []
        self._dimensions = []

    def party(self, id, name=None, reservation=None, role="party", discount=None,
              influence=None):
        p = {"id": id}
        if name is not None:
            p["name"] = name
        if role != "party":
            p["role"] = role
        if reservation is not None:
            p["reservation"] = float(reservation)
        if discount is not None:
            p["discount"] = float(discount)
        if influence is not None:
            p["influence"] = float(influence)
        self._parties.append(p)
        return self

    def mediator(self, id, name=None):
        return self.party(id, name=name, role="mediator")

    def issue(self, id, options, title=None, description=None):
        """options: ids, or (id, title) pairs, or {"id": .., "title": ..} mappings."""
        opts = []
        for o in options:
            if isinstance(o, dict):
                opts.append(dict(o))
            elif isinstance(o, (tuple, list)):
                opts.append({"id": o[0], "title": o[1]})
            else:
                opts.append(o)
        i = {"id": id, "options": opts}
        if title is not None:
            i["title"] = title
        if description is not None:
            i["description"] = description
        self._issues.append(i)
        return self

    def utility(self, party, weights, values, red_lines=None):
        """A linear additive utility: weights {issue: w >= 0} (normalised by accord) and
        values {issue: {option: v in [0, 1]}}; red_lines {issue: [options]}."""
        pref = {"weights": {k: float(w) for k, w in weights.items()},
                "values": {k: {o: float(v) for o, v in t.items()} for k, t in values.items()}}
        if red_lines:
            pref["red_lines"] = [{"issue": k, "options": list(v)} for k, v in red_lines.items()]
        self._prefs[party] = pref
        return self

    def plan(self, draft, locked=()):
        """The draft: {issue: option}; issues in locked stay as drafted in revisions."""
        self._plan = {k: ({"option": v, "locked": True} if k in locked else v)
                      for k, v in draft.items()}
        return self

    def event(self, at, party, reservation=None, weights=None, note=None):
        e = {"at": float(at), "party": party}
        if reservation is not None:
            e["reservation"] = float(reservation)
        if weights:
            e["weights"] = {k: float(v) for k, v in weights.items()}
        if note is not None:
            e["note"] = note
        self._events.append(e)
        return self

    def uncertain(self, party, sd, weight=None, value=None, reservation=False):
        u = {"party": party, "sd": float(sd)}
        if weight is not None:
            u["weight"] = weight
        elif value is not None:
            u["value"] = value
        elif reservation:
            u["reservation"] = True
        self._uncertainty.append(u)
        return self

    def dimension(self, id, actors):
        """A forecast dimension (for accord forecast): actors {party: {"position": P,
        "salience": S, "capability": C}} with P and S in [0, 100]."""
        self._dimensions.append({"id": id, "actors": {k: dict(v) for k, v in actors.items()}})
        return self

    def to_dict(self):
        d = {"accord": 1}
        if self.title is not None:
            d["title"] = self.title
        if self.description is not None:
            d["description"] = self.description
        d["parties"] = [dict(p) for p in self._parties]
        d["issues"] = [dict(i) for i in self._issues]
        d["preferences"] = {k: dict(v) for k, v in self._prefs.items()}
        if self._plan:
            d["plan"] = dict(self._plan)
        if self._events:
            d["events"] = list(self._events)
        if self._uncertainty:
            d["uncertainty"] = list(self._uncertainty)
        if self._dimensions:
            d["dimensions"] = list(self._dimensions)
        return d


def _issue_parts(issue):
    """(name, values) of a NegMAS issue object, a (name, values) pair or a mapping."""
    if isinstance(issue, dict):
        return issue["name"], list(issue["values"])
    if isinstance(issue, (tuple, list)):
        return issue[0], list(issue[1])
    values = issue.values
    return issue.name, list(values() if callable(values) else values)


def _table(fn, values):
    """{value: number} from a dict, a callable, or an object with a .mapping (NegMAS's
    TableFun)."""
    if hasattr(fn, "mapping"):
        fn = fn.mapping
    if isinstance(fn, dict):
        return {v: float(fn[v]) for v in values}
    if callable(fn):
        return {v: float(fn(v)) for v in values}
    raise TypeError("a value table is a dict, a callable or has .mapping")


def _ufun_parts(ufun, names):
    """(weights {issue: w}, tables {issue: fn}, reservation or None)."""
    if isinstance(ufun, dict):
        w, v, r = ufun.get("weights"), ufun["values"], ufun.get("reserved_value",
                                                                  ufun.get("reservation"))
    else:
        w, v, r = getattr(ufun, "weights", None), ufun.values, getattr(ufun, "reserved_value", None)
    if w is None:
        w = [1.0] * len(names)
    if not isinstance(w, dict):
        w = dict(zip(names, w))
    if not isinstance(v, dict):
        v = dict(zip(names, v))
    if r is not None and r != r:  # NaN: NegMAS's "no reserved value"
        r = None
    return w, v, r


def from_negmas(issues, ufuns, names=None, title=None, normalize=True, mediator=None):
    """A Model from NegMAS-style inputs.

    issues: a list of issues, each an object with .name and .values (NegMAS's
        CategoricalIssue), a (name, values) pair or {"name": .., "values": [..]}.
    ufuns: one linear additive utility function per party (a list, or a dict party name ->
        ufun), each an object with .weights and .values (NegMAS's
        LinearAdditiveUtilityFunction; reserved_value is read when present) or a dict
        {"weights": .., "values": .., "reserved_value": ..}. weights: a list in issue
        order or a dict by issue name; values: per issue a dict value -> utility, a
        callable, or an object with .mapping.
    names: party names when ufuns is a list (default "party1", "party2", ...).
    normalize: rescale each party's utility to [0, 1] exactly (an affine map: the
        reservation moves with it), since accord needs values in [0, 1]; with False,
        values outside [0, 1] are an error of the model.
    mediator: a name to add a mediator party under.
    Ids are made from names and values ([A-Za-z0-9_.-], unique); titles keep the text.
    """
    if isinstance(ufuns, dict):
        names, ufuns = list(ufuns.keys()), list(ufuns.values())
    names = list(names) if names is not None else ["party%d" % (i + 1) for i in range(len(ufuns))]
    if len(names) != len(ufuns):
        raise ValueError("one name per utility function")
    m = Model(title)
    taken = set()
    if mediator:
        m.mediator(_make_id(mediator, taken), name=str(mediator))
    issue_names, issue_values, issue_ids, option_ids = [], [], [], []
    itaken = set()
    for issue in issues:
        name, values = _issue_parts(issue)
        iid = _make_id(name, itaken)
        otaken, oids = set(), []
        for v in values:
            oids.append(_make_id(v, otaken))
        opts = [{"id": o, "title": str(v)} if o != str(v) else o for o, v in zip(oids, values)]
        m.issue(iid, opts, title=str(name) if iid != str(name) else None)
        issue_names.append(name)
        issue_values.append(values)
        issue_ids.append(iid)
        option_ids.append(oids)
    for pname, ufun in zip(names, ufuns):
        w, tables, r = _ufun_parts(ufun, issue_names)
        weights, vals = {}, {}
        shift, scale = 0.0, 0.0
        for name, values, iid, oids in zip(issue_names, issue_values, issue_ids, option_ids):
            wk = float(w.get(name, 0.0))
            t = _table(tables[name], values) if name in tables else {v: 0.0 for v in values}
            lo, hi = min(t.values()), max(t.values())
            if normalize and wk > 0:
                span = hi - lo
                shift += wk * lo
                wk = wk * span
                t = {v: ((x - lo) / span if span > 0 else 0.0) for v, x in t.items()}
            scale += wk
            weights[iid] = wk
            vals[iid] = {o: t[v] for o, v in zip(oids, values)}
        pid = _make_id(pname, taken)
        reservation = None
        if r is not None:
            reservation = float(r)
            if normalize:
                # u' = (u - shift) / scale maps the party's utilities onto [0, 1]
                reservation = (reservation - shift) / scale if scale > 0 else 0.0
                reservation = min(1.0, max(0.0, reservation))
        if normalize and scale == 0:
            weights = {iid: 1.0 for iid in issue_ids}  # indifferent: any positive weights
        m.party(pid, name=str(pname) if pid != str(pname) else None, reservation=reservation)
        m.utility(pid, weights, vals)
    return m
