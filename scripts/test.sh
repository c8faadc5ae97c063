#!/usr/bin/env bash
# The whole test suite, as README.md and CI run it: installs the real tools the tests use
# (when run as root; otherwise says what is missing), then `mvn verify`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/test-deps.sh
exec mvn -B verify "$@"
