#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench, served to a browser) for the
# e2e tests, outside the repository: its postinstall compiles native modules and
# needs the workarounds below, which must not run on every `npm ci` of the project.
#
# usage: e2e/install-code-server.sh [PREFIX]
#   PREFIX defaults to $MIRAGE_CODE_SERVER_HOME or ~/.cache/mirage-lsp/code-server-$VERSION.
# The tests look in the same place (see e2e/support/paths.ts).
set -euo pipefail

VERSION=4.100.3 # the last release whose engines.node allows Node 20
PREFIX=${1:-${MIRAGE_CODE_SERVER_HOME:-$HOME/.cache/mirage-lsp/code-server-$VERSION}}

if [[ -x $PREFIX/node_modules/.bin/code-server ]] &&
  "$PREFIX/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$VERSION "; then
  echo "code-server $VERSION already in $PREFIX"
  exit 0
fi

for tool in rg gcc make python3; do
  command -v "$tool" >/dev/null || {
    echo "install-code-server: missing $tool (apt: ripgrep build-essential python3 libkrb5-dev)" >&2
    exit 1
  }
done

mkdir -p "$PREFIX"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this
# tarball in its cache under $TMPDIR; seed it with Debian's rg. The cache name
# follows the @vscode/ripgrep version that code-server $VERSION pins.
RG_PKG_VERSION=1.15.11
mkdir -p "$work/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$work/vscode-ripgrep-cache-$RG_PKG_VERSION/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
  -C "$(dirname "$(command -v rg)")" rg

cd "$PREFIX"
[[ -f package.json ]] || echo '{ "name": "code-server-e2e", "private": true }' >package.json
# npm_config_unsafe_perm: code-server's postinstall refuses root without it (npm 11
#   dropped the flag, the script still reads the variable).
# npm_config_yes: node-pty runs `npx node-gyp`, and ~/.npmrc may say yes=false.
TMPDIR=$work npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --no-save "code-server@$VERSION"

"$PREFIX/node_modules/.bin/code-server" --version
