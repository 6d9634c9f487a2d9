"""accord serve over HTTP: the access table (role x endpoint x status, for no token, a
forged one, a revoked one and every party's), the pages' sessions and CSRF tokens,
oversized and malformed requests, slow clients, and what the answers contain."""
import json
import re
import socket
import sqlite3
import sys

from serve_common import Record, check, finish, request, sign_in

rec = Record(sys.argv[1])
try:
    tok = {"ua": rec.token("ua"), "ru": rec.token("ru"), "med": rec.token("mediator")}
    old = rec.token("ru")
    rec.revoke("ru")                     # every ru token so far is revoked ...
    tok["ru"] = rec.token("ru")          # ... and ru gets a new one
    tok["none"] = None
    tok["forged"] = "0" * 64
    tok["revoked"] = old
    # only hashes are stored
    db = sqlite3.connect(rec.db)
    stored = [r[0] for r in db.execute("SELECT hash FROM token")]
    db.close()
    check(all(t not in stored for t in (tok["ua"], tok["ru"], tok["med"])), "a token is stored in clear")
    check(len(tok["ua"]) == 64 and re.fullmatch("[0-9a-f]{64}", tok["ua"]), "token is 256 bits as hex")
    port = rec.start()

    stance = {"stance": "criticise", "note": "table", "suggest": "ukraine"}
    prefs = {"reservation": 0.35, "points": {"donbas": {"weight": 2, "values": {"ukraine": 1, "dmz": 0.6, "russia": 0},
                                                     "red_lines": ["russia"]},
                                          "army": {"weight": 1, "values": {"none": 1, "800k": 0.6, "600k": 0.2}}}}
    ru_prefs = {"reservation": 0.3, "points": {"donbas": {"weight": 3, "values": {"ukraine": 0, "dmz": 0.6, "russia": 1}},
                                             "army": {"weight": 1, "values": {"none": 0, "800k": 0.5, "600k": 1}}}}
    ANY = {"ua": 200, "ru": 200, "med": 200}
    endpoints = [
        ("GET", "/api/v1/whoami", None, ANY),
        ("GET", "/api/v1/draft", None, ANY),
        ("GET", "/api/v1/versions", None, ANY),
        ("GET", "/api/v1/versions/1", None, ANY),
        ("GET", "/api/v1/draft?version=1", None, ANY),
        ("GET", "/api/v1/status", None, {"ua": 403, "ru": 403, "med": 200}),
        ("GET", "/api/v1/preferences/ua", None, {"ua": 200, "ru": 403, "med": 403}),
        ("PUT", "/api/v1/preferences/ua", prefs, {"ua": 200, "ru": 403, "med": 403}),
        ("GET", "/api/v1/preferences/ru", None, {"ua": 403, "ru": 200, "med": 403}),
        ("PUT", "/api/v1/preferences/ru", ru_prefs, {"ua": 403, "ru": 200, "med": 403}),
        ("GET", "/api/v1/preferences/nobody", None, {"ua": 403, "ru": 403, "med": 403}),
        ("GET", "/api/v1/analysis/ua", None, {"ua": 200, "ru": 403, "med": 403}),
        ("GET", "/api/v1/analysis/ru", None, {"ua": 403, "ru": 200, "med": 403}),
        ("GET", "/api/v1/stances/ua", None, {"ua": 200, "ru": 403, "med": 200}),
        ("GET", "/api/v1/stances/ru", None, {"ua": 403, "ru": 200, "med": 200}),
        ("GET", "/api/v1/stances/ua?version=1&party=ru", None, {"ua": 200, "ru": 403, "med": 200}),
        ("PUT", "/api/v1/stances/ua/donbas", stance, {"ua": 200, "ru": 403, "med": 403}),
        ("PUT", "/api/v1/stances/ru/army", stance | {"suggest": "none"}, {"ua": 403, "ru": 200, "med": 403}),
        ("POST", "/api/v1/versions", {"note": "table", "set": {"army": "600k"}}, {"ua": 403, "ru": 403, "med": 201}),
        ("GET", "/api/v1/nothing", None, {"ua": 404, "ru": 404, "med": 404}),
        ("DELETE", "/api/v1/draft", None, {"ua": 405, "ru": 405, "med": 405}),
    ]
    rows = 0
    for method, path, body, want in endpoints:
        for who in ("none", "forged", "revoked", "ua", "ru", "med"):
            expect = want.get(who, 401)
            st, h, text = request(port, method, path, body=body, token=tok[who])
            rows += 1
            check(st == expect, "%s %s as %s: %d, wanted %d (%s)" % (method, path, who, st, expect, text[:120]))
            if st == 401:
                check(h.get("www-authenticate", "").startswith("Bearer"), "401 without WWW-Authenticate")
            if st >= 400:
                check("error" in json.loads(text), "error body of %s %s" % (method, path))
    print("access table: %d rows" % rows)

    # the pages: the same rules with sessions
    sess = {w: sign_in(port, tok[w]) for w in ("ua", "ru", "med")}
    pages = [
        ("/party/ua", {"ua": 200, "ru": 403, "med": 403}),
        ("/party/ua/preferences", {"ua": 200, "ru": 403, "med": 403}),
        ("/party/ru", {"ua": 403, "ru": 200, "med": 403}),
        ("/mediator", {"ua": 403, "ru": 403, "med": 200}),
        ("/history", {"ua": 200, "ru": 200, "med": 200}),
        ("/history/1", {"ua": 200, "ru": 200, "med": 200}),
    ]
    for path, want in pages:
        for who in ("none", "forged", "ua", "ru", "med"):
            cookies = sess[who][0] if who in sess else ({"accord_session": "f" * 64} if who == "forged" else None)
            st, h, text = request(port, "GET", path, cookies=cookies)
            check(st == want.get(who, 401), "page %s as %s: %d" % (path, who, st))
    st, h, _ = request(port, "GET", "/", cookies=sess["ua"][0])
    check(st == 303 and h.get("location") == "/party/ua", "/ sends a party to its page")
    st, h, _ = request(port, "GET", "/")
    check(st == 303 and h.get("location") == "/signin", "/ sends a stranger to sign in")
    st, _, text = request(port, "GET", "/party/ua", token=tok["ua"])
    check(st == 401, "a Bearer token does not open the pages (cookies only): %d" % st)

    # what the answers hold
    _, _, text = request(port, "GET", "/api/v1/draft", token=tok["ua"])
    d = json.loads(text)
    check(d["version"] == 2 and d["points"][1]["option"] == "600k", "draft after the mediator's version")
    _, _, text = request(port, "GET", "/api/v1/preferences/ua", token=tok["ua"])
    p = json.loads(text)
    check(p["confidential"] and abs(p["reservation"] - 0.35) < 1e-12 and p["points"]["donbas"]["red_lines"] == ["russia"],
          "preferences read back: %s" % text[:200])
    _, _, text = request(port, "GET", "/api/v1/status", token=tok["med"])
    s = json.loads(text)
    check(sorted(s["mediation"]["own_preferences"]) == ["ru", "ua"], "status names who set own preferences")
    check("0.35" not in text and "reservation" not in text and '"weight"' not in text,
          "the mediator's status shows no preference numbers")
    _, _, text = request(port, "GET", "/mediator", cookies=sess["med"][0])
    check("0.35" not in text and "Reservation" not in text, "the mediator's page shows no preference numbers")
    _, _, text = request(port, "GET", "/api/v1/stances/ua?version=1", token=tok["med"])
    st1 = json.loads(text)
    check(st1["stances"]["donbas"]["note"] == "table" and st1["stances"]["donbas"]["suggest"] == "ukraine",
          "the mediator reads a party's note and suggestion")

    # CSRF on the forms
    cookies, csrf = sess["ua"]
    form = {"point": "donbas", "stance": "agree", "note": "via form", "suggest": ""}
    st, _, _ = request(port, "POST", "/party/ua/stance", form=form, cookies=cookies)
    check(st == 403, "a form without a CSRF token: %d" % st)
    st, _, _ = request(port, "POST", "/party/ua/stance", form=form | {"csrf": "0" * 64}, cookies=cookies)
    check(st == 403, "a form with a wrong CSRF token: %d" % st)
    st, _, _ = request(port, "POST", "/party/ua/stance", form=form | {"csrf": sess["ru"][1]}, cookies=cookies)
    check(st == 403, "a form with another session's CSRF token: %d" % st)
    st, h, _ = request(port, "POST", "/party/ua/stance", form=form | {"csrf": csrf}, cookies=cookies)
    check(st == 303, "a form with the session's CSRF token: %d" % st)
    _, _, text = request(port, "GET", "/api/v1/stances/ua", token=tok["ua"])
    check(json.loads(text)["stances"].get("donbas", {}).get("note") == "via form", "the form's stance is recorded")
    st, _, _ = request(port, "POST", "/mediator/publish", form={"csrf": csrf, "note": "x"}, cookies=sess["ua"][0])
    check(st == 403, "a party cannot publish through the form: %d" % st)
    st, _, _ = request(port, "POST", "/signin", form={"csrf": "a" * 64, "token": tok["ua"]})
    check(st == 403, "sign-in without its cookie-bound CSRF token: %d" % st)
    st, _, _ = request(port, "POST", "/signout", form={}, cookies=sess["ru"][0])
    check(st == 403, "sign-out without CSRF: %d" % st)

    # oversized, malformed and odd requests
    big = {"stance": "agree", "note": "x" * 70000}
    st, _, _ = request(port, "PUT", "/api/v1/stances/ua/army", body=big, token=tok["ua"])
    check(st == 413, "a body over the limit: %d" % st)
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(("PUT /api/v1/stances/ua/army HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
               "Transfer-Encoding: chunked\r\n\r\n" % tok["ua"]).encode())
    status = b""
    try:
        for _ in range(40):
            s.sendall(b"1000\r\n" + b"a" * 4096 + b"\r\n")
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass
    try:
        status = s.recv(200)
    except OSError:
        pass
    s.close()
    check(b" 413 " in status, "a chunked body over the limit: %r" % status[:40])
    for body, what in [(b"{", "truncated JSON"), (b"[1,2]", "an array"), (b'{"stance": 3}', "a number stance"),
                       (b'{"stance": "maybe"}', "an unknown stance"), (b'{"stance": "agree"} x', "trailing bytes"),
                       (b'{"stance": "agree", "note": "\xff\xfe"}', "invalid UTF-8"),
                       (b'{"stance": "agree", "x": 1}', "an unknown member"),
                       (b'{"stance": "agree", "suggest": "nowhere"}', "an unknown option"),
                       (b"[" * 5000 + b"]" * 5000, "deep nesting"), (b"", "no body")]:
        st, _, text = request(port, "PUT", "/api/v1/stances/ua/army", body=body, token=tok["ua"])
        check(st == 400, "%s: %d %s" % (what, st, text[:100]))
    st, _, _ = request(port, "PUT", "/api/v1/stances/ua/nato", body={"stance": "agree"}, token=tok["ua"])
    check(st == 404, "an unknown point: %d" % st)
    for body, what in [({"reservation": 2, "points": {}}, "reservation out of range"),
                       ({"reservation": 0.3, "points": {"donbas": {"weight": 1, "values": {"ukraine": 7}}}}, "value > 1"),
                       ({"reservation": 0.3, "points": {"donbas": {"weight": 0}}}, "all weights 0"),
                       ({"reservation": 0.3, "points": {"donbas": {"weight": 1, "red_lines": ["dmz"]}}}, "red line without value"),
                       ({"points": {}}, "no reservation")]:
        st, _, text = request(port, "PUT", "/api/v1/preferences/ua", body=body, token=tok["ua"])
        check(st == 400, "preferences with %s: %d %s" % (what, st, text[:100]))
    _, _, text = request(port, "GET", "/api/v1/preferences/ua", token=tok["ua"])
    check(abs(json.loads(text)["reservation"] - 0.35) < 1e-12, "bad preferences changed nothing")
    st, _, _ = request(port, "POST", "/party/ua/stance", body=b"point=%zz&csrf=" + csrf.encode(), cookies=cookies,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(st == 400, "a malformed form body: %d" % st)
    many = {"X-H%d" % i: "v" for i in range(100)}
    st, _, _ = request(port, "GET", "/api/v1/draft", token=tok["ua"], headers=many)
    check(st == 431, "too many header lines: %d" % st)
    st, _, _ = request(port, "GET", "/api/v1/draft", token=tok["ua"], headers={"X-Big": "y" * 40000})
    check(st in (413, 431), "a header over the memory limit: %d" % st)
    st, _, _ = request(port, "GET", "/api/v1/draft?version=abc", token=tok["ua"])
    check(st == 400, "a bad version parameter: %d" % st)
    st, _, _ = request(port, "GET", "/api/v1/versions/99", token=tok["ua"])
    check(st == 404, "an unknown version: %d" % st)
    st, h, _ = request(port, "GET", "/party/ua", cookies=cookies)
    check("default-src 'none'" in h.get("content-security-policy", ""), "pages forbid scripts")

    # slow clients hold no worker: 20 connections that never finish their headers
    slow = []
    for _ in range(20):
        c = socket.create_connection(("127.0.0.1", port), timeout=30)
        c.sendall(b"GET /api/v1/draft HTTP/1.1\r\nHost: x\r\n")
        slow.append(c)
    ok = all(request(port, "GET", "/api/v1/draft", token=tok["ua"])[0] == 200 for _ in range(10))
    check(ok, "requests are served while slow clients hang")
    for c in slow:
        c.close()

    # revoking a token ends its API access and its sessions
    rec.revoke("ua")
    st, _, _ = request(port, "GET", "/api/v1/draft", token=tok["ua"])
    check(st == 401, "a token revoked while the server runs: %d" % st)
    st, _, _ = request(port, "GET", "/party/ua", cookies=cookies)
    check(st == 401, "a session of a revoked token: %d" % st)
    # sign-out ends a session
    mc, mcsrf = sess["med"]
    st, _, _ = request(port, "POST", "/signout", form={"csrf": mcsrf}, cookies=mc)
    check(st == 303, "sign-out: %d" % st)
    st, _, _ = request(port, "GET", "/mediator", cookies=mc)
    check(st == 401, "a signed-out session: %d" % st)
finally:
    rec.close()

finish()
