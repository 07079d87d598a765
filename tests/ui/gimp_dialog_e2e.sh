#!/usr/bin/env bash
# The Generate dialog inside a real GIMP, end to end, as on a first run with
# no key configured: GIMP (console, under the caller's X server) runs
# plug-in-genlayer interactively on a fresh image; the dialog opens on the X
# display, xdotool types a prompt, then the key into the key field, and
# presses Test, whose check must reach the gateway emulator with that key
# (tests/gimp_common/key_test_click.py); then Generate (Alt+G), and the
# plug-in generates with the typed key and adds the layer. Asserts on the
# emulator's log and on the layer GIMP reports afterwards.
#
# usage: gimp_dialog_e2e.sh SOURCE_DIR BUILD_DIR WORK_DIR   (run under xvfb-run)
set -euo pipefail
source_dir=$1 build_dir=$2 work=$3
prompt="a red fox in the snow"

rm -rf "$work"
mkdir -p "$work"
# shellcheck source=../../scripts/lib/emulator.sh
source "$source_dir/scripts/lib/emulator.sh"
gimp_pid=""
cleanup() {
  [ -z "$gimp_pid" ] || kill "$gimp_pid" 2>/dev/null || true
  stop_emulator
}
trap cleanup EXIT
start_emulator "$build_dir/bin/genlayer-gateway" "$work/emulator" --api-key e2e-key --gen-ms 300

profile="$work/profile"
"$source_dir/scripts/install-plugin" --gimp 2 --profile "$profile" --build-dir "$build_dir" > /dev/null

result="$work/result.txt"
batch="(let* ((image (car (gimp-image-new 64 48 RGB)))
              (layer (car (gimp-layer-new image 64 48 RGB-IMAGE \"source\" 100 LAYER-MODE-NORMAL))))
         (gimp-image-insert-layer image layer 0 0)
         (gimp-drawable-fill layer FILL-WHITE)
         (plug-in-genlayer RUN-INTERACTIVE image layer \"\" \"auto\" \"auto\" 1 \"\" 1 0 \"\")
         (let ((port (open-output-file \"$result\"))
               (top (aref (cadr (gimp-image-get-layers image)) 0)))
           (write (list (car (gimp-image-get-layers image)) (car (gimp-item-get-name top))) port)
           (close-output-port port)))"

env -u TOAPIS_API_KEY GIMP2_DIRECTORY="$profile" TOAPIS_BASE_URL="$EMULATOR_API_URL" \
XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" \
  gimp-console-2.10 -i -d -f -b "$batch" -b '(gimp-quit 0)' > "$work/gimp.log" 2>&1 &
gimp_pid=$!

fail() {
  echo "$1; GIMP's output:" >&2
  cat "$work/gimp.log" >&2
  exit 1
}

# The dialog's window appears once GIMP has started and run the plug-in.
window=$(timeout 120 xdotool search --sync --onlyvisible --name '^Generate Layer$' | head -n 1) ||
  fail "The Generate Layer dialog did not appear within 120 s"
# No window manager runs: give the dialog the keyboard focus directly.
xdotool windowfocus --sync "$window"
xdotool type --delay 5 "$prompt"
python3 "$source_dir/tests/gimp_common/key_test_click.py" "$EMULATOR_API_URL" e2e-key "$window" ||
  fail "The Test button did not check the typed key"
xdotool key alt+g

wait "$gimp_pid"
gimp_pid=""
[ -f "$result" ] || fail "GIMP wrote no result"
echo "GIMP reports: $(cat "$result")"
expected="(2 \"$prompt (genlayer)\")"
[ "$(cat "$result")" = "$expected" ] || fail "Expected $expected"
