"""The Python binding against the command: accord.analyze / mediate / simulate / sweep
give the dict of `accord ... --json` on the embedded model, the examples, a GENIUS
scenario and random models; bad models raise ModelError with file, line and column; bad
options raise OptionError; the NegMAS-style builder gives the utilities it was handed.

Run with ACCORD_LIBRARY (the shared library) and ACCORD_BIN (the command) set, as CTest
does; without them the test is skipped (exit code 77)."""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import accord  # noqa: E402

BIN = os.environ.get("ACCORD_BIN")
ROOT = os.path.dirname(os.path.dirname(HERE))
GENIUS = os.path.join(ROOT, "..", "shared", "data", "genius", "Laptop")


def cli(*args):
    out = subprocess.run([BIN, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def random_model(rng, mediator=True):
    """A random valid model: 2-4 parties, 1-5 issues of 1-4 options, red lines, a plan."""
    m = accord.Model("random %d" % rng.randrange(10**6))
    if mediator:
        m.mediator("med")
    parties = ["p%d" % i for i in range(rng.randint(2, 4))]
    issues = {"i%d" % k: ["o%d" % j for j in range(rng.randint(1, 4))]
              for k in range(rng.randint(1, 5))}
    for p in parties:
        m.party(p, reservation=round(rng.uniform(0, 0.6), 3))
    for k, opts in issues.items():
        m.issue(k, opts)
    for p in parties:
        weights = {k: round(rng.uniform(0, 1), 3) for k in issues}
        weights[rng.choice(list(issues))] += 0.1
        values = {k: {o: round(rng.random(), 3) for o in opts} for k, opts in issues.items()}
        red = {}
        k = rng.choice(list(issues))
        if len(issues[k]) > 1 and rng.random() < 0.5:
            red[k] = [rng.choice(issues[k])]
        m.utility(p, weights, values, red_lines=red)
    m.plan({k: rng.choice(opts) for k, opts in issues.items()})
    return m


@unittest.skipUnless(BIN and os.environ.get("ACCORD_LIBRARY"), "ACCORD_BIN / ACCORD_LIBRARY unset")
class AgainstTheCommand(unittest.TestCase):
    def test_default(self):
        self.assertEqual(accord.analyze("@default"), cli("analyze", "@default", "--json"))
        self.assertEqual(accord.mediate("@default", top=2, trades=3),
                         cli("mediate", "@default", "--json", "--top", "2", "--trades", "3"))
        # simulate analyses the model first: on the small example, with every option kind
        ex = os.path.join(ROOT, "data", "examples", "donbas-army.yaml")
        self.assertEqual(accord.simulate(ex, seed=4, protocol="alternating",
                                         strategies={"ua": "conceder:3"}),
                         cli("simulate", ex, "--json", "--seed", "4", "--protocol",
                             "alternating", "--strategy", "ua=conceder:3"))
        self.assertEqual(accord.analyze(ex, feasible=True, limit=5, method="enumerate"),
                         cli("analyze", ex, "--json", "--feasible", "--limit", "5",
                             "--method", "enumerate"))
        self.assertEqual(accord.sweep("@default", 200, seed=9, variant="veto", threads=2),
                         cli("sweep", "@default", "--json", "--runs", "200", "--seed", "9",
                             "--variant", "veto"))

    def test_forecast(self):
        ktab = os.path.join(ROOT, "tests", "forecast", "ktab-dummy-3dim.csv")
        if os.path.exists(ktab):
            self.assertEqual(accord.forecast(ktab), cli("forecast", ktab, "--json"))
            self.assertEqual(accord.forecast(ktab, model_kind="eu", dim=2, turns=4),
                             cli("forecast", ktab, "--model", "eu", "--dim", "2", "--turns",
                                 "4", "--json"))
        self.assertEqual(accord.forecast("@default", vote_rule="binary", turns=20),
                         cli("forecast", "@default", "--vote-rule", "binary", "--turns", "20",
                             "--json"))
        with self.assertRaises(accord.OptionError):
            accord.forecast("@default", dim=1)  # the SMP takes every dimension
        em = os.path.join(ROOT, "tests", "forecast", "emissions.csv")
        if os.path.exists(em):
            self.assertEqual(accord.forecast(em, model_kind="eu", variant="scholz"),
                             cli("forecast", em, "--model", "eu", "--variant", "scholz",
                                 "--json"))
        self.assertEqual(accord.forecast("@default", pce="markov-incentive",
                                         state_trans="stochastic", seed=3, turns=5,
                                         stop_on_cycle=True),
                         cli("forecast", "@default", "--pce", "markov-incentive",
                             "--state-trans", "stochastic", "--seed", "3", "--turns", "5",
                             "--stop-on-cycle", "--json"))
        with self.assertRaises(accord.OptionError):
            accord.forecast("@default", variant="scholz")  # the EU model's option

    def test_files_text_and_dict(self):
        path = os.path.join(ROOT, "data", "examples", "donbas-army.yaml")
        want = cli("analyze", path, "--json")
        self.assertEqual(accord.analyze(path), want)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(accord.analyze(text), want)
        if os.path.isdir(GENIUS):
            self.assertEqual(accord.analyze(GENIUS), cli("analyze", GENIUS, "--json"))

    def test_random_models(self):
        rng = random.Random(20251120)
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(12):
                m = random_model(rng, mediator=n % 2 == 0)
                path = os.path.join(tmp, "m%d.yaml" % n)
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(m.to_dict(), f)
                self.assertEqual(accord.analyze(m), cli("analyze", path, "--json"), path)
                self.assertEqual(accord.mediate(m.to_dict()), cli("mediate", path, "--json"))
                self.assertEqual(accord.simulate(m, seed=n), cli("simulate", path, "--json",
                                                                 "--seed", str(n)))
                self.assertEqual(accord.sweep(m, 50, seed=n),
                                 cli("sweep", path, "--json", "--runs", "50", "--seed", str(n)))


@unittest.skipUnless(os.environ.get("ACCORD_LIBRARY"), "ACCORD_LIBRARY unset")
class Errors(unittest.TestCase):
    def test_bad_yaml_has_a_position(self):
        with self.assertRaises(accord.ModelError) as c:
            accord.analyze("accord: 1\nparties: [\n")
        e = c.exception
        self.assertEqual((e.file, e.line), ("<text>", 3))
        self.assertGreater(e.column, 0)
        self.assertIn("syntax error", e.message)

    def test_every_problem_listed(self):
        m = random_model(random.Random(1)).to_dict()
        m["bogus"] = 1
        m["parties"][1]["reservation"] = 7
        with self.assertRaises(accord.ModelError) as c:
            accord.analyze(m)
        e = c.exception
        self.assertEqual(e.file, "<dict>")
        self.assertGreaterEqual(len(e.problems), 2)
        lines = [p.line for p in e.problems]
        self.assertEqual(lines, sorted(lines))
        self.assertTrue(all(p.line > 0 and p.column > 0 for p in e.problems))
        self.assertTrue(any("bogus" in p.message for p in e.problems))

    def test_missing_file(self):
        with self.assertRaises(accord.ModelError) as c:
            accord.analyze("/nonexistent/model.yaml")
        self.assertIn("/nonexistent/model.yaml", str(c.exception))

    def test_options(self):
        with self.assertRaises(accord.OptionError):
            accord.simulate("@default", protocol="telepathy")
        with self.assertRaises(accord.OptionError):
            accord.simulate("@default", strategies={"nobody": "linear"})
        with self.assertRaises(accord.OptionError):
            accord.sweep("@default", 0)
        with self.assertRaises(accord.OptionError):
            accord.analyze("@default", agree_within=2)
        with self.assertRaises(TypeError):
            accord.analyze(42)

    def test_no_plan(self):
        m = random_model(random.Random(2)).to_dict()
        del m["plan"]
        with self.assertRaises(accord.ModelError) as c:
            accord.mediate(m)
        self.assertIn("draft", c.exception.message)


@unittest.skipUnless(os.environ.get("ACCORD_LIBRARY"), "ACCORD_LIBRARY unset")
class Example(unittest.TestCase):
    def test_frontier_example_runs(self):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "frontier.png")
            env = dict(os.environ, PYTHONPATH=os.path.dirname(HERE))
            out = subprocess.run([sys.executable, "-B", os.path.join(os.path.dirname(HERE),
                                  "examples", "frontier.py"), png], env=env, check=True,
                                 capture_output=True, text=True).stdout
            self.assertIn("Pareto frontier (", out)
            self.assertIn("nash", out)
            try:
                import matplotlib  # noqa: F401
            except ImportError:
                return
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


class Builder(unittest.TestCase):
    def test_negmas_style(self):
        class Issue:
            def __init__(self, name, values):
                self.name, self.values = name, values

        class Table:
            def __init__(self, mapping):
                self.mapping = mapping

        class Ufun:
            def __init__(self, weights, values, reserved_value):
                self.weights, self.values, self.reserved_value = weights, values, reserved_value

        issues = [Issue("price", [100, 200, 300]), Issue("delivery time", ["1 week", "1 month"])]
        buyer = Ufun([2.0, 1.0], [Table({100: 10, 200: 5, 300: 0}), lambda v: 1.0 if v == "1 week" else 0.0], 4.0)
        seller = {"weights": {"price": 1, "delivery time": 1},
                  "values": {"price": {100: 0, 200: 0.5, 300: 1}, "delivery time": {"1 week": 0, "1 month": 1}},
                  "reserved_value": 0.25}
        m = accord.from_negmas(issues, {"Buyer Co": buyer, "seller": seller}, title="Sale")
        d = m.to_dict()
        self.assertEqual([i["id"] for i in d["issues"]], ["price", "delivery_time"])
        self.assertEqual(d["parties"][0]["id"], "Buyer_Co")
        self.assertEqual(d["parties"][0]["name"], "Buyer Co")

        def raw(ufun_w, tables, outcome):
            return sum(w * t[v] for w, t, v in zip(ufun_w, tables, outcome))

        # normalisation is affine: u' = (u - min) / (max - min) for the buyer (2*10 + 1*1 = 21)
        bt = [{100: 10, 200: 5, 300: 0}, {"1 week": 1.0, "1 month": 0.0}]
        if os.environ.get("ACCORD_LIBRARY"):
            r = accord.analyze(m)
            self.assertAlmostEqual(r["reservation"]["Buyer_Co"], 4.0 / 21.0, places=12)
            ids = {"100": 100, "200": 200, "300": 300, "1_week": "1 week", "1_month": "1 month"}
            for p in r["pareto"]["points"]:
                o = (ids[p["outcome"]["price"]], ids[p["outcome"]["delivery_time"]])
                self.assertAlmostEqual(p["utility"]["Buyer_Co"], raw([2, 1], bt, o) / 21.0, places=9)


if __name__ == "__main__":
    unittest.main()
