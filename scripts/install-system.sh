#!/usr/bin/env bash
# Install the Debian packages the test-suite uses, when absent and when we can.
set -u
need=()
if [ "${1:-}" = venv ]; then
  # Debian's python3 needs python3-venv for `python3 -m venv`.
  rm -rf .venv
  need=(python3-venv)
else
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system: missing ${need[*]}; tests that need them will be skipped (run as root on Debian to install)" >&2
  exit 0
fi
echo "install-system: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null || {
  echo "install-system: apt-get failed; tests that need ${need[*]} will be skipped" >&2
}
exit 0
