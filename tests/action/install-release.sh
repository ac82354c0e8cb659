#!/usr/bin/env bash
# Tests .github/scripts/install-release.sh (the Action's binary download)
# against a fake release served on 127.0.0.1: a good archive installs, a
# wrong checksum fails the step, a missing binary or version falls back to
# building, and a malformed version is refused.
# Usage: tests/action/install-release.sh PATH/TO/decide
set -euo pipefail
cd "$(dirname "$0")/../.."
binary="$(realpath "$1")"
script="$PWD/.github/scripts/install-release.sh"

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The release: one Linux x86-64 archive and its checksum.
mkdir -p "$work/release/v0.1.0" "$work/pack"
cp "$binary" "$work/pack/decide"
tar -czf "$work/release/v0.1.0/decide-x86_64-unknown-linux-musl.tar.gz" -C "$work/pack" decide
(cd "$work/release/v0.1.0" && sha256sum decide-x86_64-unknown-linux-musl.tar.gz > decide-x86_64-unknown-linux-musl.tar.gz.sha256)

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$work/release" "$port" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    curl --silent --max-time 1 "http://127.0.0.1:$port/" > /dev/null && break
    sleep 0.1
done

passed=0
failures=0
# run NAME EXPECTED_STATUS EXPECTED_INSTALLED [VAR=VALUE...]: runs the script in a clean runner.
run() {
    local name="$1" want_status="$2" want_installed="$3"
    shift 3
    local runner="$work/runner-$name"
    mkdir -p "$runner"
    : > "$runner/output"
    : > "$runner/path"
    local status=0
    env -i PATH="$PATH" HOME="$HOME" RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$runner" \
        GITHUB_OUTPUT="$runner/output" GITHUB_PATH="$runner/path" \
        DECIDE_RELEASE_URL="http://127.0.0.1:$port/v0.1.0" "$@" \
        bash "$script" > "$runner/log" 2>&1 || status=$?
    local installed
    installed="$(sed -n 's/^installed=//p' "$runner/output")"
    if [ "$status" != "$want_status" ] || [ "$installed" != "$want_installed" ]; then
        echo "FAIL $name: status $status (want $want_status), installed '$installed' (want '$want_installed')"
        sed 's/^/    /' "$runner/log"
        failures=$((failures + 1))
        return 0
    fi
    echo "ok   $name"
    passed=$((passed + 1))
}

run installs 0 true DECIDE_VERSION=0.1.0
installed_bin="$(cat "$work/runner-installs/path")"
if ! "$installed_bin/decide" --version | grep -q '^decide '; then
    echo "FAIL installs: $installed_bin/decide does not run"
    failures=$((failures + 1))
fi
run no-version 0 false DECIDE_VERSION=
run no-binary-for-the-runner 0 false DECIDE_VERSION=0.1.0 RUNNER_ARCH=ARM64
run unknown-platform 0 false DECIDE_VERSION=0.1.0 RUNNER_OS=Plan9
run local-checkout 0 false DECIDE_VERSION=0.1.0 DECIDE_RELEASE_URL= DECIDE_REPOSITORY=
run bad-version 2 "" 'DECIDE_VERSION=1; touch pwned'
echo "0000000000000000000000000000000000000000000000000000000000000000  decide-x86_64-unknown-linux-musl.tar.gz" \
    > "$work/release/v0.1.0/decide-x86_64-unknown-linux-musl.tar.gz.sha256"
run wrong-checksum 1 "" DECIDE_VERSION=v0.1.0
if ! grep -q "does not match its published SHA-256" "$work/runner-wrong-checksum/log"; then
    echo "FAIL wrong-checksum: no message"
    failures=$((failures + 1))
fi
if [ -e "$work/runner-wrong-checksum/decide-v0.1.0-x86_64-unknown-linux-musl/bin/decide" ]; then
    echo "FAIL wrong-checksum: the archive was unpacked"
    failures=$((failures + 1))
fi

echo "install-release: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
