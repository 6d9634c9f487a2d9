#!/usr/bin/env bash
# accord serve: 8 concurrent clients x 200 writes with nothing lost, and kill -9 during
# writes with nothing acknowledged lost (tests/serve/load_test.py).
set -u
exec python3 "$(dirname "$0")/../serve/load_test.py" "$1"
