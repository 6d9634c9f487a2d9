#!/usr/bin/env bash
# accord serve in headless chromium: sign in, a stance, the mediator's view and new
# version, the party's view of it; screenshots checked (tests/serve/browser_test.py).
# Debian's python3 carries python3-selenium; another python3 first on PATH may not.
set -u
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
exec "$PY" "$(dirname "$0")/../serve/browser_test.py" "$1"
