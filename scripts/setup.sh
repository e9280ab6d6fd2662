#!/usr/bin/env bash
# Sets up everything watwerkt needs on a fresh machine: Debian packages (when root), a virtual
# environment in .venv with the exact versions of requirements.lock, and watwerkt itself.
# Safe to run again: it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
# Debian packages: WeasyPrint's Pango, fonts for PDFs, poppler-utils (pdftoppm) for PDF tests,
# chromium for the browser tests (driven by Playwright, which never downloads a browser here),
# nginx and openssl for the test of the example configuration behind nginx (tests/browser/test_nginx.py;
# the test runs nginx as its own child process; Debian enables the system service on install,
# which the tests neither need nor touch).
APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils chromium nginx openssl)

missing=()
# The interpreter may not be Debian's own; only ask for python3-venv when venv is unusable.
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "watwerkt setup: Debian-pakketten installeren: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "watwerkt setup: installeer eerst (als root): apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# --- axe-core for the accessibility tests (tests/browser/) --------------------------------
# Pinned; installed from the npm registry into the git-ignored .cache/node. Placed before the
# virtual-environment step because that step ends the script early when nothing changed.
AXE_CORE_VERSION=4.14.1
axe_pkg=.cache/node/node_modules/axe-core/package.json
if ! grep -q "\"version\": \"$AXE_CORE_VERSION\"" "$axe_pkg" 2>/dev/null; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      echo "watwerkt setup: Debian-pakketten installeren: nodejs npm"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    else
      echo "watwerkt setup: npm ontbreekt; installeer Node.js met npm (nodig voor axe-core in de browsertests)" >&2
      exit 1
    fi
  fi
  echo "watwerkt setup: axe-core $AXE_CORE_VERSION installeren in .cache/node"
  mkdir -p .cache/node
  npm install --prefix .cache/node "axe-core@$AXE_CORE_VERSION" --save-exact --no-audit --no-fund --loglevel=error >/dev/null
fi
# --- end axe-core ---------------------------------------------------------------------------

# --- floor versions (`scripts/setup.sh floor`): the oldest versions pyproject.toml allows ----------
if [ "${1:-}" = floor ]; then
  FLOOR=.venv-floor
  fstamp="$FLOOR/.watwerkt-setup"
  fwant=$(cat requirements.floor.txt pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$fstamp" ] && [ "$(cat "$fstamp")" = "$fwant" ]; then
    exit 0
  fi
  echo "watwerkt setup: virtuele omgeving $FLOOR met de laagste ondersteunde versies klaarzetten"
  [ -x "$FLOOR/bin/python" ] || python3 -m venv "$FLOOR"
  "$FLOOR/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r requirements.floor.txt
  "$FLOOR/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps -e .
  echo "$fwant" > "$fstamp"
  exit 0
fi

stamp="$VENV/.watwerkt-setup"
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/watwerkt" ]; then
  exit 0
fi
echo "watwerkt setup: virtuele omgeving $VENV klaarzetten"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r requirements.lock
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps -e .
echo "$want" > "$stamp"

