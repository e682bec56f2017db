#!/usr/bin/env bash
# CI: switchback as a user gets it. Pack the package (npm pack builds it: `prepare`), check
# what the tarball holds, install it globally into a fresh prefix from the npm registry's
# dependencies, and run the installed command from a folder outside the repository: the
# demo (exit 0 and its closing summary), --version, and a completion script bash loads.
# Anything the installed CLI needs that `files` in package.json leaves out fails here, not
# on a user's machine. Run from anywhere: scripts/ci-pack-demo.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "ci-pack-demo: $*" >&2
  exit 1
}

echo "== npm pack"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tgz="$(echo "$work"/switchback-*.tgz)"
[ -f "$tgz" ] || fail "npm pack made no switchback-*.tgz"
listing="$work/listing"
tar -tzf "$tgz" | sed 's|^package/||' | sort >"$listing"
echo "$(wc -l <"$listing") files, $(du -k "$tgz" | cut -f1) KiB packed"

# What the installed CLI needs, and what the README points users to in the package.
for need in bin/switchback dist/bundle/main.js package.json README.md LICENSE \
  docs/deploy/switchback-backup.service docs/deploy/switchback-backup.timer \
  docs/deploy/switchback.crontab docs/deploy/kubernetes/switchback-backup.yaml; do
  grep -qx "$need" "$listing" || fail "the package lacks $need"
done
# The JSON Schemas of --json (schemas/*.schema.json), when the repository has them.
for schema in "$repo"/schemas/*.schema.json; do
  [ -e "$schema" ] || continue
  grep -qx "schemas/$(basename "$schema")" "$listing" || fail "the package lacks schemas/$(basename "$schema")"
done
# And nothing a user's CLI never loads: sources, tests, tsc's unbundled output.
if grep -P '^(src/|test/(?!fixtures/SOURCES\.md$)|dist/(?!bundle/)|node_modules/|backups/|devices/|bench-results/)' "$listing"; then
  fail "the package ships the files above, which the installed CLI does not need"
fi

echo "== npm install -g --prefix (fresh)"
prefix="$work/prefix"
npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error "$tgz" >/dev/null
cli="$prefix/bin/switchback"
[ -x "$cli" ] || fail "no $cli after npm install -g"

# Outside the repository: nothing of the clone (its node_modules, dist/, devices/) is reachable.
outside="$work/outside"
mkdir "$outside"
cd "$outside"

echo "== switchback --version"
version="$("$cli" --version)"
expected="$(node -p 'require(process.argv[1]).version' "$repo/package.json")"
[ "$version" = "$expected" ] || fail "--version says '$version', package.json '$expected'"
echo "$version"

echo "== switchback completion bash"
"$cli" completion bash >"$work/completion.bash"
reply="$(bash -c 'source "$1"; COMP_WORDS=(switchback ba); COMP_CWORD=1; _switchback; echo "${COMPREPLY[*]}"' _ "$work/completion.bash")"
[ "$reply" = "backup" ] || fail "the installed completion script offers '$reply' for 'switchback ba', not 'backup'"
echo "switchback ba<TAB> -> $reply"

echo "== switchback demo (in $outside)"
set +e
NO_COLOR=1 "$cli" demo >"$work/demo.out" 2>"$work/demo.err"
code=$?
set -e
tail -n 8 "$work/demo.out"
if [ "$code" -ne 0 ]; then
  cat "$work/demo.err" >&2
  fail "switchback demo exited $code"
fi
grep -q '^== The backups repository (git log --oneline)$' "$work/demo.out" || fail "the demo printed no git log of its backups repository"
grep -q '^Every switch above is a real SSH server and SNMP agent' "$work/demo.out" || fail "the demo printed no closing summary"
# A demo run from outside leaves nothing behind where it ran (its inventory and repository are temporary).
[ -z "$(ls -A "$outside")" ] || fail "the demo left files in the folder it ran in: $(ls -A "$outside")"
echo "ci-pack-demo: ok"
