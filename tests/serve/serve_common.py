"""Shared by the review server's tests: a record built with the accord binary, tokens,
a server started on a free loopback port (port 0, read back from its first line), and
small HTTP helpers on http.client (standard library only)."""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

MODEL = """accord: 1
title: Test talks
parties:
  - {id: med, name: Mediator Office, role: mediator}
  - {id: ua, name: Ukraine, reservation: 0.3}
  - {id: ru, name: Russia, reservation: 0.3}
issues:
  - id: donbas
    title: Donbas
    options: [{id: ukraine, title: Ukrainian control}, {id: dmz, title: Demilitarised zone}, {id: russia, title: Russian control}]
  - id: army
    title: Army ceiling
    options: [{id: none, title: No ceiling}, {id: 800k, title: 800k}, {id: 600k, title: 600k}]
preferences:
  ua:
    weights: {donbas: 0.7, army: 0.3}
    values:
      donbas: {ukraine: 1.0, dmz: 0.55, russia: 0.0}
      army: {none: 1.0, 800k: 0.7, 600k: 0.3}
    red_lines: [{issue: donbas, options: [russia]}]
  ru:
    weights: {donbas: 0.8, army: 0.2}
    values:
      donbas: {ukraine: 0.0, dmz: 0.5, russia: 1.0}
      army: {none: 0.0, 800k: 0.5, 600k: 1.0}
plan: {donbas: dmz, army: 800k}
"""


class Record:
    def __init__(self, accord):
        self.accord = accord
        self.dir = tempfile.mkdtemp(prefix="accord-serve-")
        self.db = os.path.join(self.dir, "talks.db")
        model = os.path.join(self.dir, "m.yaml")
        with open(model, "w") as f:
            f.write(MODEL)
        self.run("plan", "init", self.db, "--model", model)
        self.run("plan", "draft", self.db, "--from", model, "--date", "2025-11-20", "--note", "first")
        self.server = None

    def run(self, *args):
        p = subprocess.run([self.accord, *args], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError("accord %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return p.stdout

    def token(self, who):
        return self.run("plan", "token", self.db, who).strip()

    def revoke(self, who):
        return self.run("plan", "token", self.db, who, "--revoke")

    def start(self, *extra):
        self.err = open(os.path.join(self.dir, "server.err"), "a")
        self.server = subprocess.Popen([self.accord, "serve", self.db, "--listen", "127.0.0.1:0", *extra],
                                       stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.server.stdout.readline()
        if not line:
            raise AssertionError("the server did not start: " + self.server_errors())
        self.port = int(line.rstrip().rstrip("/").rsplit(":", 1)[1])
        return self.port

    def stop(self, kill=False):
        if self.server:
            if kill:
                self.server.kill()
            else:
                self.server.terminate()
            self.server.wait(timeout=30)
            self.server.stdout.close()
            self.err.close()
            self.server = None

    def server_errors(self):
        """what the server wrote on stderr other than its start and stop lines"""
        try:
            with open(os.path.join(self.dir, "server.err")) as f:
                return "".join(l for l in f if not l.startswith("accord serve: stopped"))
        except OSError:
            return ""

    def close(self):
        self.stop()
        errors = self.server_errors()
        if errors:
            print("server stderr:\n" + errors[-4000:], file=sys.stderr)
        shutil.rmtree(self.dir, ignore_errors=True)


def request(port, method, path, body=None, token=None, headers=None, cookies=None, form=None):
    """(status, headers dict (lower-case), body text)"""
    h = dict(headers or {})
    if token is not None:
        h["Authorization"] = "Bearer " + token
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        hdrs = {}
        for k, v in r.getheaders():
            k = k.lower()
            hdrs[k] = hdrs[k] + "\n" + v if k in hdrs else v
        return r.status, hdrs, text
    finally:
        c.close()


def cookies_of(hdrs):
    out = {}
    for line in hdrs.get("set-cookie", "").split("\n"):
        if "=" in line:
            kv = line.split(";", 1)[0]
            k, v = kv.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def sign_in(port, token):
    """A page session: (cookies, csrf) after the sign-in form."""
    import re
    st, h, body = request(port, "GET", "/signin")
    assert st == 200, st
    pre = cookies_of(h)["accord_signin"]
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    st, h, body = request(port, "POST", "/signin", form={"csrf": csrf, "token": token},
                          cookies={"accord_signin": pre})
    assert st == 303, (st, body)
    sid = cookies_of(h)["accord_session"]
    assert "HttpOnly" in h["set-cookie"] and "SameSite=Strict" in h["set-cookie"], h["set-cookie"]
    st, h, body = request(port, "GET", "/history", cookies={"accord_session": sid})
    assert st == 200, st
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    return {"accord_session": sid}, csrf


failures = []


def check(cond, what):
    """a check that may fail without stopping the others"""
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def finish():
    if failures:
        print("%d checks failed" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all checks passed")
