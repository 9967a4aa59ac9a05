#!/usr/bin/env bash
# Idempotent set-up for a fresh clone: a Python >= 3.12 virtualenv with the project installed, a
# sandbox engine, and the local base images. On a machine that already has Docker it uses it and
# changes nothing system-wide; on a bare Debian host as root it installs and starts the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[setup] %s\n' "$*" >&2; }
export CODEDRIFT_DATA_DIR="${CODEDRIFT_DATA_DIR:-$PWD/data}"
mkdir -p "$CODEDRIFT_DATA_DIR"

find_python() {
  local c
  for c in python3.12 python3.13 python3.14 python3 python; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then  # pyenv shims fail unless PYENV_VERSION names them: use the binaries
    for c in $(ls -d "$(pyenv root)"/versions/3.1[2-9]*/bin/python3.1[2-9] 2>/dev/null | sort -V); do
      "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$c"; return 0; }
    done
  fi
  if command -v uv >/dev/null 2>&1 && uv python install 3.12 >&2; then
    uv python find 3.12; return 0
  fi
  return 1
}

setup_python() {
  local stamp=.venv/.codedrift-installed want
  want=$(cat pyproject.toml | sha256sum | cut -c1-16)
  if [ -x .venv/bin/python ] && .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
     && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  local py
  py=$(find_python) || { say "no Python >= 3.12 found (PATH, pyenv, uv); install one and rerun"; exit 1; }
  say "creating .venv with $py"
  rm -rf .venv
  "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e '.[dev]' >&2
  echo "$want" > "$stamp"
}

apt_install() {  # only as root on Debian/Ubuntu, only what is missing
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${missing[*]} and cannot install them here (not root on Debian)"; return 1
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

setup_engine() {
  if docker_ok; then
    say "using the running Docker engine"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt_install docker.io
    say "starting dockerd (no bridge: sandboxes never have network)"
    nohup dockerd --bridge=none --iptables=false >"$CODEDRIFT_DATA_DIR/dockerd.log" 2>&1 &
    for _ in $(seq 60); do docker_ok && break; sleep 1; done
    docker_ok || { say "dockerd did not start; see $CODEDRIFT_DATA_DIR/dockerd.log"; tail -5 "$CODEDRIFT_DATA_DIR/dockerd.log" >&2; }
  else
    say "no Docker engine: the bwrap backend will be used if bubblewrap is installed"
  fi
  if [ "$(id -u)" = 0 ]; then
    apt_install bubblewrap debootstrap || true
  fi
}

setup_browser() {  # the dashboard's real-browser test drives Debian's chromium through chromedriver
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then return 0; fi
  apt_install chromium chromium-driver || say "no chromium: the browser test will be skipped (fails under CI)"
}

setup_python
setup_engine
if [ "${CODEDRIFT_SETUP_BROWSER:-0}" = 1 ]; then
  setup_browser
fi
if [ "${CODEDRIFT_SKIP_IMAGES:-0}" != 1 ]; then
  .venv/bin/codedrift images build
fi
say "ready"
