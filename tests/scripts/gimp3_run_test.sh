#!/usr/bin/env bash
# shellcheck disable=SC2016  # the single-quoted scripts expand inside the root
# Tests scripts/gimp3-run against the root scripts/gimp3-root made: exit
# statuses, the shared checkout, /tmp, HOME and loopback, the user and the
# environment the command gets, that timeout, kill -INT, kill -TERM and a
# killed command leave nothing mounted, and that GIMP 3 runs headless.
#
# usage: tests/scripts/gimp3_run_test.sh [--no-namespace]
#   --no-namespace  the same with the mounts on the host (GENLAYER_GIMP3_NO_NAMESPACE=1)
# Exits 77 (skipped) unless run as root with the root ready, outside it.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
run=$src/scripts/gimp3-run
# shellcheck source=../../scripts/lib/gimp3_root.sh
source "$src/scripts/lib/gimp3_root.sh"

mode=namespace
case "${1:-}" in
  -h|--help) awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0"; exit 0 ;;
  --no-namespace) mode=host; export GENLAYER_GIMP3_NO_NAMESPACE=1 ;;
  "") unset GENLAYER_GIMP3_NO_NAMESPACE ;;
  *) echo "unknown argument '$1'" >&2; exit 2 ;;
esac

dir=$(gimp3_root_dir)
skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root"
[ ! -f "/$gimp3_ready_stamp" ] || skip "runs inside the root, not outside it"
gimp3_root_is_ready "$dir" || skip "no root at $dir; make it with scripts/gimp3-root"
[ -z "$(gimp3_mounts_under "$dir")" ] || { echo "FAIL: mounted under $dir before the test:"; gimp3_mounts_under "$dir"; exit 1; }

work=$(mktemp -d /tmp/gimp3-run-test.XXXXXX)
chmod 1777 "$work"
# Outside the checkout and /tmp: neither shared nor in the root.
elsewhere=$(mktemp -d /var/tmp/gimp3-run-test.XXXXXX)
listener=""
cleanup() {
  [ -z "$listener" ] || kill "$listener" 2>/dev/null || true
  rm -rf -- "$work" "$elsewhere"
}
trap cleanup EXIT

failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect() {  # expect NAME WANT GOT
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: wanted '$2', got '$3'"; fi
}
status_of() { "$@" && echo 0 || echo $?; }
mounts_left() { gimp3_mounts_under "$dir" | tr '\n' ' '; }

# While a command runs, its mounts are on the host only without a namespace.
expect_mounts_while_running() {
  local seen
  seen=$(gimp3_mounts_under "$dir" | grep -c -e "^$dir/proc\$" -e "^$dir$src\$" -e "^$dir/tmp\$" || true)
  if [ "$mode" = host ]; then expect "$1: the mounts are on the host meanwhile" 3 "$seen"
  else expect "$1: the host sees none of the mounts meanwhile" 0 "$seen"; fi
}

# Starts `gimp3-run sh` that reports its PID through a FIFO and then execs
# sleep; sets run_pid (gimp3-run's) and inner_pid (the command's) once the
# command runs. Job control gives the job its own process group and leaves
# its signals at their defaults, as an interactive shell does.
start_sleeper() {
  local fifo=$work/pid.$1
  mkfifo "$fifo"
  set -m
  "$run" sh -c 'echo $$ > "$1"; exec sleep 60' sh "$fifo" &
  run_pid=$!
  set +m
  # Read-write so the open does not block; the read waits for the line.
  if ! read -r -t 60 inner_pid <> "$fifo"; then
    fail "$1: the command did not start"
    kill -KILL "$run_pid" 2>/dev/null || true
    inner_pid=""
  fi
}

finish_sleeper() {  # finish_sleeper NAME WANTED_STATUS
  local status=0
  wait "$run_pid" || status=$?
  expect "$1: gimp3-run's exit status" "$2" "$status"
  if [ -n "$inner_pid" ] && kill -0 "$inner_pid" 2>/dev/null; then
    fail "$1: the command $inner_pid still runs"
    kill -KILL "$inner_pid" 2>/dev/null || true
  fi
  expect "$1: nothing is left mounted under the root" "" "$(mounts_left)"
}

if [ "$mode" = host ]; then echo "# gimp3-run, mounting on the host"; else echo "# gimp3-run, mounting in a namespace"; fi

expect "true exits 0" 0 "$(status_of "$run" true)"
expect "sh -c 'exit 7' exits 7" 7 "$(status_of "$run" sh -c 'exit 7')"
expect "a missing command fails" 127 "$(status_of "$run" genlayer-no-such-command 2>/dev/null)"
expect "the root is Debian 13" trixie "$("$run" sh -c '. /etc/os-release; echo "$VERSION_CODENAME"')"

err=$(GENLAYER_GIMP3_ROOT=$work/no-root "$run" true 2>&1 >/dev/null || true)
case "$err" in
  *"not ready"*scripts/gimp3-root*) pass "a missing root is one clear sentence" ;;
  *) fail "a missing root: '$err'" ;;
esac

echo outside > "$work/from-outside"
got=$("$run" sh -c 'test -f "$1/scripts/gimp3-run" && cat "$2/from-outside" && echo inside > "$2/from-inside" && echo yes' \
  sh "$src" "$work")
expect "the checkout and /tmp are at the same paths" "outside yes" "$(tr '\n' ' ' <<<"$got" | sed 's/ $//')"
expect "what the command writes to /tmp is outside" inside "$(cat "$work/from-inside" 2>/dev/null)"
expect "the command runs in the caller's folder" "$work" "$(cd "$work" && "$run" pwd)"
mkdir "$elsewhere/cwd"
expect "a folder missing inside runs in /" / "$(cd "$elsewhere/cwd" && "$run" pwd)"

expect "the command runs as the caller" "$(id -u):$(id -g)" "$("$run" sh -c 'echo "$(id -u):$(id -g)"')"
got=$(GENLAYER_GIMP3_RUN_AS=65534:65534 "$run" sh -c 'id -u; id -g; touch "$1/owned"' sh "$work" | tr '\n' ' ')
expect "GENLAYER_GIMP3_RUN_AS=65534:65534 runs it as 65534" "65534 65534 " "$got"
expect "and its files are 65534's outside" 65534:65534 "$(stat -c %u:%g "$work/owned" 2>/dev/null)"

got=$(TOAPIS_RUN_TEST=a GENLAYER_RUN_TEST=b GIMP3_DIRECTORY=c CI=d LANG=C.UTF-8 GIMP3_RUN_TEST_UNLISTED=e \
  "$run" NAME=f sh -c 'echo "$TOAPIS_RUN_TEST $GENLAYER_RUN_TEST $GIMP3_DIRECTORY $CI $LANG ${GIMP3_RUN_TEST_UNLISTED:-unset} $NAME $PATH"')
expect "the environment is passed in" "a b c d C.UTF-8 unset f /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$got"

mkdir "$elsewhere/home"
echo mine > "$elsewhere/home/marker"
expect "a HOME outside the checkout and /tmp is bound" mine "$(HOME=$elsewhere/home "$run" sh -c 'cat "$HOME/marker"')"
expect "a HOME that does not exist is made" yes \
  "$(HOME=/home/genlayer-gimp3-run-test "$run" sh -c 'test -d "$HOME" && test -w "$HOME" && echo yes')"

# Loopback: a listener outside on 127.0.0.1 reports its port through a FIFO.
mkfifo "$work/port"
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
s.settimeout(60)
print(s.getsockname()[1], flush=True)
c, _ = s.accept()
c.sendall(b"hello from the host\n")
c.close()' > "$work/port" &
listener=$!
if read -r -t 60 port <> "$work/port"; then
  got=$("$run" python3 -c '
import socket, sys
c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
print(c.recv(64).decode().strip())' "$port" 2>&1 || true)
  expect "a listener on the host's loopback is reachable" "hello from the host" "$got"
else
  fail "the loopback listener did not start"
fi
wait "$listener" 2>/dev/null || true
listener=""

# Ends of every kind leave nothing mounted.
status=0
timeout -s TERM 5 "$run" sh -c 'echo $$ > "$1"; exec sleep 60' sh "$work/timeout-pid" || status=$?
expect "timeout -s TERM 5 gimp3-run sleep 60: timeout's status" 124 "$status"
inner_pid=$(cat "$work/timeout-pid" 2>/dev/null || true)
[ -n "$inner_pid" ] || fail "timeout: the command did not start within 5 s"
if [ -n "$inner_pid" ] && kill -0 "$inner_pid" 2>/dev/null; then fail "timeout: the command still runs"; fi
expect "timeout: nothing is left mounted under the root" "" "$(mounts_left)"

start_sleeper kill-INT
expect_mounts_while_running kill-INT
kill -INT "$run_pid"
finish_sleeper "kill -INT gimp3-run" 130

start_sleeper kill-TERM
kill -TERM "$run_pid"
finish_sleeper "kill -TERM gimp3-run" 143

start_sleeper kill-command
kill -KILL "$inner_pid"
finish_sleeper "kill -KILL of the command" 137

if [ "$mode" = namespace ]; then
  # Only a namespace survives a SIGKILL of gimp3-run itself (the command).
  start_sleeper kill-KILL
  kill -KILL "$run_pid"
  finish_sleeper "kill -KILL gimp3-run" 137

  got=$("$run" gimp-console-3.0 --version 2>&1 || true)
  case "$got" in
    *"version 3."*) pass "gimp-console-3.0 --version: $got" ;;
    *) fail "gimp-console-3.0 --version: '$got'" ;;
  esac
  # GIMP's exit status means nothing: the printed line is the result.
  got=$(GIMP3_DIRECTORY=$work/gimp3-profile "$run" gimp-console-3.0 -i -d -f \
    --batch-interpreter=python-fu-eval -b 'import gi; print("ok")' --quit 2>"$work/gimp.err" || true)
  if grep -qx ok <<<"$got"; then pass "headless GIMP 3 runs Python-Fu"
  else fail "headless GIMP 3 printed '$got'; stderr: $(tail -5 "$work/gimp.err")"; fi
  expect "GIMP: nothing is left mounted under the root" "" "$(mounts_left)"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failed"
  exit 1
fi
echo "all passed"
