# Starts and stops the gateway emulator for scripts (sourced, not run).
# start_emulator BINARY WORKDIR [ARGS...] sets EMULATOR_PID, EMULATOR_API_URL
# and EMULATOR_FILES_URL once the emulator has printed its ports.

start_emulator() {
  local binary=$1 workdir=$2
  shift 2
  mkdir -p "$workdir"
  # Created here, not by the background job's redirect, so the reads below
  # never race the job's start.
  : > "$workdir/stdout"
  : > "$workdir/stderr"
  "$binary" --port 0 --files-port 0 --log "$workdir/requests.jsonl" "$@" >> "$workdir/stdout" 2>> "$workdir/stderr" &
  EMULATOR_PID=$!
  local api="" files="" tries=0
  # The ports are the first two lines the emulator prints.
  while [ -z "$api" ] || [ -z "$files" ]; do
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then
      echo "The gateway emulator did not start: $(cat "$workdir/stderr")" >&2
      return 1
    fi
    api=$(awk '$1=="API"{print $2}' "$workdir/stdout")
    files=$(awk '$1=="FILES"{print $2}' "$workdir/stdout")
    tries=$((tries + 1))
    [ "$tries" -lt 200 ] || { echo "The gateway emulator printed no ports within 10 s." >&2; return 1; }
    [ -n "$api" ] && [ -n "$files" ] || sleep 0.05
  done
  EMULATOR_API_URL="http://127.0.0.1:$api"
  EMULATOR_FILES_URL="http://127.0.0.1:$files"
}

stop_emulator() {
  [ -n "${EMULATOR_PID:-}" ] || return 0
  kill "$EMULATOR_PID" 2>/dev/null || true
  wait "$EMULATOR_PID" 2>/dev/null || true
  EMULATOR_PID=""
}
