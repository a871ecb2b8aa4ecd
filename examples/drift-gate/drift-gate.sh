#!/usr/bin/env bash
# Fails when access in JumpCloud no longer matches the stack: someone changed it in the console, or a grant was made
# outside code. Reads only; changes nothing in JumpCloud or in the state.
#
#   ./drift-gate.sh [stack]        exit 0: no drift; 1: drift (the drifted resources are listed); 2: the check itself failed
#
# Needs the same configuration as `pulumi up` (jumpcloud:apiKey in the stack, or JUMPCLOUD_API_KEY).
set -uo pipefail

args=(refresh --preview-only --expect-no-changes --non-interactive --color never)
if [ -n "${1:-}" ]; then args+=(--stack "$1"); fi

output="$(pulumi "${args[@]}" 2>&1)"
code=$?
printf '%s\n' "$output"

if [ "$code" -eq 0 ]; then
  echo "drift-gate: no drift: JumpCloud matches the stack."
  exit 0
fi
if grep -q "no changes were expected" <<<"$output"; then
  echo "drift-gate: DRIFT: access in JumpCloud differs from the stack (changes above)." >&2
  echo "drift-gate: restore it with 'pulumi up --refresh', or change the code to match and review that change." >&2
  exit 1
fi
echo "drift-gate: the check could not run (exit $code); see the output above." >&2
exit 2
