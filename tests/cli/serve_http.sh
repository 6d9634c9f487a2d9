#!/usr/bin/env bash
# accord serve over HTTP: the access table, sessions and CSRF, bad requests, slow
# clients, revocation (tests/serve/http_test.py, Python standard library only).
set -u
exec python3 "$(dirname "$0")/../serve/http_test.py" "$1"
