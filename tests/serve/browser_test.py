"""accord serve in a real browser (Debian's chromium, headless, through chromedriver and
python3-selenium; nothing downloaded): a party signs in and sets its stance on a point,
the mediator sees it and publishes a new version, the party sees the new version. Every
page visited is screenshot and the PNG checked as not blank (decoded here)."""
import os
import shutil
import struct
import sys
import tempfile
import zlib

from serve_common import Record, check, finish

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed (scripts/deps.sh installs it)")
    sys.exit(0)

DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not os.path.exists(DRIVER) or not os.path.exists("/usr/bin/chromium"):
    print("SKIP: chromium or chromium-driver is not installed (scripts/deps.sh installs them)")
    sys.exit(0)


def png_stats(path):
    """(width, height, distinct colours among sampled pixels, share of non-white samples)"""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, ihdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", data[pos + 8:pos + 8 + 13])
        elif kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + n])
        pos += n + 12
    w, h, depth, ctype = ihdr[:4]
    assert depth == 8 and ctype in (2, 6)
    px = 3 if ctype == 2 else 4
    raw, row_len = zlib.decompress(b"".join(chunks)), w * px
    prev, seen, samples, dark = bytearray(row_len), set(), 0, 0
    for y in range(h):
        kind, line = raw[y * (row_len + 1)], bytearray(raw[y * (row_len + 1) + 1:(y + 1) * (row_len + 1)])
        for i in range(row_len):
            left = line[i - px] if i >= px else 0
            up, ul = prev[i], prev[i - px] if i >= px else 0
            if kind == 1:
                line[i] = (line[i] + left) % 256
            elif kind == 2:
                line[i] = (line[i] + up) % 256
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) % 256
            elif kind == 4:
                est = left + up - ul
                best = min((abs(est - left), 0, left), (abs(est - up), 1, up), (abs(est - ul), 2, ul))[2]
                line[i] = (line[i] + best) % 256
        if y % 4 == 0:
            for x in range(0, row_len, px * 4):
                c = bytes(line[x:x + 3])
                seen.add(c)
                samples += 1
                dark += c != b"\xff\xff\xff" and c != b"\xfa\xfa\xfa"
        prev = line
    return w, h, len(seen), dark / max(samples, 1)


rec = Record(sys.argv[1])
shots = tempfile.mkdtemp(prefix="accord-shots-")
profile = tempfile.mkdtemp(prefix="accord-chromium-")
driver = None
try:
    ua, med = rec.token("ua"), rec.token("mediator")
    port = rec.start()
    base = "http://127.0.0.1:%d" % port
    o = Options()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--user-data-dir=" + profile, "--window-size=420,1600"):  # a phone's width
        o.add_argument(a)
    driver = webdriver.Chrome(service=Service(DRIVER), options=o)
    driver.set_page_load_timeout(120)

    def shot(name):
        path = os.path.join(shots, name + ".png")
        driver.save_screenshot(path)
        w, h, colours, ink = png_stats(path)
        print("%s: %dx%d, %d colours, %.0f%% ink" % (name, w, h, colours, 100 * ink))
        check(colours >= 8 and ink > 0.03, "screenshot %s looks blank" % name)

    def wait_h1(text):
        """after a click that loads a page: wait for that page (bounded by count of polls)"""
        def ready(d):
            try:
                return text in d.find_element(By.TAG_NAME, "h1").text
            except Exception:
                return False
        try:
            WebDriverWait(driver, 60, poll_frequency=0.1).until(ready)
            return True
        except Exception:
            return False

    def sign_in(token):
        driver.delete_all_cookies()
        driver.get(base + "/signin")
        shot("signin")
        driver.find_element(By.NAME, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "form[action='/signin'] button").click()

    sign_in(ua)
    check(wait_h1("version 1"), "the party sees version 1")
    check(driver.current_url.endswith("/party/ua"), "the party lands on its page: " + driver.current_url)
    Select(driver.find_element(By.ID, "stance-donbas")).select_by_value("reject")
    form = driver.find_element(By.ID, "p-donbas")
    Select(form.find_element(By.NAME, "suggest")).select_by_value("ukraine")
    form.find_element(By.NAME, "note").send_keys("not a square metre")
    driver.find_element(By.ID, "save-donbas").click()
    wait_h1("version 1")
    check("/party/ua" in driver.current_url, "back on the party page after saving")
    shot("party")
    check("not a square metre" in driver.page_source, "the note is on the party's page")
    driver.get(base + "/party/ua/preferences")
    wait_h1("preferences")
    shot("preferences")
    check("Reservation" in driver.page_source, "the preferences form")

    sign_in(med)
    check(wait_h1("Mediator"), "the mediator lands on its page: " + driver.current_url)
    cell = driver.find_element(By.ID, "s-ua-donbas").text
    check("reject" in cell and "not a square metre" in cell, "the mediator sees the party's stance: " + cell)
    shot("mediator")
    Select(driver.find_element(By.ID, "set-army")).select_by_value("600k")
    driver.find_element(By.ID, "publish-note").send_keys("second draft")
    driver.find_element(By.ID, "publish").click()
    check(wait_h1("version 2"), "the mediator published version 2")
    driver.get(base + "/history")
    shot("history")

    sign_in(ua)
    check(wait_h1("version 2"), "the party sees the new version")
    check("second draft" in driver.page_source, "with its note")
    shot("party-v2")
finally:
    if driver:
        driver.quit()
    rec.close()
    shutil.rmtree(profile, ignore_errors=True)
    if os.environ.get("ACCORD_KEEP_SHOTS"):
        print("screenshots in", shots)
    else:
        shutil.rmtree(shots, ignore_errors=True)

finish()
