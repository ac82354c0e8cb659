#!/usr/bin/env bash
# Installs a prebuilt `decide` from a GitHub release for this runner's OS and
# architecture, after checking the archive against its published SHA-256.
# Used by action.yml. Says `installed=true` in $GITHUB_OUTPUT on success;
# `installed=false` (the action then builds from source) when no version is
# asked for, the action runs from a local checkout, or no binary exists for
# the runner. A checksum that does not match fails the step: the download
# was tampered with or broken, and building instead would hide that.
#
# Environment: DECIDE_VERSION (`0.2.0`, `v0.2.0` or `latest`),
# DECIDE_REPOSITORY (owner/name of the action), and optionally
# DECIDE_RELEASE_URL, a mirror holding the release's files.
set -euo pipefail

out="${GITHUB_OUTPUT:-/dev/null}"
skip() {
    echo "$1: building decide from source instead."
    echo "installed=false" >> "$out"
    exit 0
}

version="${DECIDE_VERSION:-}"
[ -n "$version" ] || skip "No version asked for"
case "$version" in
    latest | v*) ;;
    *) version="v$version" ;;
esac
if ! [[ "$version" =~ ^(latest|v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?)$ ]]; then
    echo "::error::version must look like 0.2.0, v0.2.0 or latest" >&2
    exit 2
fi

base="${DECIDE_RELEASE_URL:-}"
protocols="=https,http"
if [ -z "$base" ]; then
    repo="${DECIDE_REPOSITORY:-}"
    [ -n "$repo" ] || skip "The action runs from a local checkout, which has no releases"
    protocols="=https"
    if [ "$version" = latest ]; then
        base="https://github.com/$repo/releases/latest/download"
    else
        base="https://github.com/$repo/releases/download/$version"
    fi
fi

os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
    Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64) target=aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
    Windows/X64) target=x86_64-pc-windows-msvc ;;
    *) skip "No prebuilt decide for $os/$arch" ;;
esac
case "$target" in
    *windows*) archive="decide-$target.zip" exe=decide.exe ;;
    *) archive="decide-$target.tar.gz" exe=decide ;;
esac

dest="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/decide-$version-$target"
rm -rf "$dest"
mkdir -p "$dest/bin"
fetch() {
    curl --fail --silent --show-error --location --retry 3 --max-time 120 \
        --proto "$protocols" --output "$2" "$1"
}
fetch "$base/$archive" "$dest/$archive" || skip "No $archive in release $version"
fetch "$base/$archive.sha256" "$dest/$archive.sha256" || skip "No checksum for $archive in release $version"

expected="$(awk '{ print $1; exit }' "$dest/$archive.sha256")"
if command -v sha256sum > /dev/null; then
    actual="$(sha256sum "$dest/$archive" | awk '{ print $1 }')"
else
    actual="$(shasum -a 256 "$dest/$archive" | awk '{ print $1 }')"
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::error::$archive does not match its published SHA-256 (expected ${expected:-nothing}, got $actual)" >&2
    exit 1
fi

case "$archive" in
    *.zip) unzip -q -o "$dest/$archive" "$exe" -d "$dest/bin" ;;
    *) tar -xzf "$dest/$archive" -C "$dest/bin" "$exe" ;;
esac
chmod +x "$dest/bin/$exe"
"$dest/bin/$exe" --version
echo "$dest/bin" >> "${GITHUB_PATH:-/dev/null}"
echo "installed=true" >> "$out"
