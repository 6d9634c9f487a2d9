"""accord serve under load and under kill -9: 8 concurrent clients x 200 stance writes,
every acknowledged write present afterwards; then a server killed with SIGKILL while 8
clients write, 3 times: after a restart the record passes integrity_check and holds
every write that was acknowledged (an answer 200 is sent only after the commit)."""
import http.client
import json
import sqlite3
import sys
import threading
import time

from serve_common import Record, check, finish, request

CLIENTS, WRITES = 8, 200
def writer(port, token, party, tag, n, acked, stop=None):
    """n stance writes on one keep-alive connection; acked gets (id, note) of each 200."""
    c = None
    for i in range(n):
        if stop is not None and stop.is_set():
            break
        note = "%s-%d" % (tag, i)
        body = json.dumps({"stance": ["agree", "criticise", "reject"][i % 3], "note": note})
        try:
            if c is None:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("PUT", "/api/v1/stances/%s/%s" % (party, "donbas" if i % 2 else "army"), body=body,
                      headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            r = c.getresponse()
            text = r.read()
            if r.status == 200:
                acked.append((json.loads(text)["id"], note))
            else:
                acked.append((None, "status %d" % r.status))
        except (OSError, http.client.HTTPException):
            if stop is None:
                acked.append((None, "connection failed"))
            c = None
            if stop is not None:
                break
    if c:
        c.close()


def stored(db):
    con = sqlite3.connect(db, timeout=30)
    rows = dict(con.execute("SELECT id, note FROM stance"))
    ic = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    return rows, ic


rec = Record(sys.argv[1])
try:
    tok = {"ua": rec.token("ua"), "ru": rec.token("ru")}
    port = rec.start()
    results = [[] for _ in range(CLIENTS)]
    threads = [threading.Thread(target=writer, args=(port, tok["ua" if k % 2 else "ru"], "ua" if k % 2 else "ru",
                                                    "c%d" % k, WRITES, results[k])) for k in range(CLIENTS)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    acked = [a for r in results for a in r]
    bad = [a for a in acked if a[0] is None]
    check(not bad, "%d writes failed: %s" % (len(bad), bad[:3]))
    rows, ic = stored(rec.db)
    missing = [a for a in acked if a[0] is not None and rows.get(a[0]) != a[1]]
    check(len(acked) == CLIENTS * WRITES and not missing,
          "%d of %d acknowledged writes missing" % (len(missing), len(acked)))
    check(ic == "ok", "integrity_check: %s" % ic)
    print("load: %d clients x %d writes, all %d acknowledged and present (%.0f writes/s)"
          % (CLIENTS, WRITES, len(acked), len(acked) / elapsed))

    # kill -9 during writes
    total = 0
    for round_ in range(3):
        stop = threading.Event()
        results = [[] for _ in range(CLIENTS)]
        threads = [threading.Thread(target=writer, args=(port, tok["ua" if k % 2 else "ru"], "ua" if k % 2 else "ru",
                                                        "k%d-%d" % (round_, k), 100000, results[k], stop))
                   for k in range(CLIENTS)]
        for t in threads:
            t.start()
        # kill once some writes are in (counted, not timed)
        while sum(len(r) for r in results) < 50 * (round_ + 1):
            time.sleep(0.005)
        rec.stop(kill=True)
        stop.set()
        for t in threads:
            t.join()
        acked = [a for r in results for a in r if a[0] is not None]
        total += len(acked)
        rows, ic = stored(rec.db)
        missing = [a for a in acked if rows.get(a[0]) != a[1]]
        check(ic == "ok", "integrity_check after kill -9: %s" % ic)
        check(not missing, "round %d: %d of %d acknowledged writes lost" % (round_, len(missing), len(acked)))
        port = rec.start()
        st, _, _ = request(port, "GET", "/api/v1/stances/ua", token=tok["ua"])
        check(st == 200, "the restarted server answers: %d" % st)
    print("kill -9: 3 rounds, %d acknowledged writes, none lost" % total)
finally:
    rec.close()

finish()
