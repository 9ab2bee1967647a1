#!/usr/bin/env bash
# Writes the CLI's reports (json, sarif, markdown, text; scan and diff) for a fixed set of inputs into
# a folder, so a refactor can prove its reports byte-identical: run it before into one folder, after
# into another, then `diff -r` the two. Inputs that are missing are skipped (say which with a line).
#   tests/tools/report-snapshot.sh OUT_DIR
# Inputs: the generated sample (npm run fixtures), the crx and dist folder beside it, the benchmark's
# incident 1× (tests/fixtures/out/bench), and the real releases under /work/artifacts when present.
set -u
out=${1:?usage: report-snapshot.sh OUT_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
fx="$root/tests/fixtures/out"
inputs=(
  "sample=$fx/acme-orbit-cli-3.4.1.tgz"
  "crx=$fx/acme-orbit-cli.crx"
  "dist=$fx/dist-folder"
  "incident=$fx/bench/incident-1x.v2.tgz"
  "claude88=/work/artifacts/anthropic-ai-claude-code-2.1.88.tgz"
)
for pair in "${inputs[@]}"; do
  name=${pair%%=*} file=${pair#*=}
  if [ ! -e "$file" ]; then echo "skip $name: $file missing"; continue; fi
  for format in json sarif markdown text; do
    node "$root/src/cli/bin.js" scan "$file" -f "$format" --fail-on none >"$out/$name.$format" 2>/dev/null
    echo "$name.$format exit $?" >>"$out/exit-codes"
  done
done
old=/work/artifacts/anthropic-ai-claude-code-2.1.87.tgz new=/work/artifacts/anthropic-ai-claude-code-2.1.88.tgz
if [ -e "$old" ] && [ -e "$new" ]; then
  for format in json sarif markdown text; do
    node "$root/src/cli/bin.js" diff "$old" "$new" -f "$format" --fail-on none >"$out/diff.$format" 2>/dev/null
    echo "diff.$format exit $?" >>"$out/exit-codes"
  done
fi
echo "wrote $(ls "$out" | wc -l) files to $out"
