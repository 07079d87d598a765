#!/usr/bin/env python3
"""Headless GIMP tests of the genlayer plug-in (plug-in-genlayer).

Each suite makes a throwaway GIMP profile, installs the plug-in into it with
scripts/install-plugin, starts the gateway emulator on loopback and runs
gimp-console with Script-Fu cases (tests/gimp2/*.scm). The cases write facts
to a file; this driver asserts on them, on GIMP's stderr and on the
emulator's request log. GIMP always exits 0, so nothing is read from that.

The undo suite runs GIMP with its GUI (under xvfb-run) and the Script-Fu
server, and presses Ctrl+Z with xdotool: the PDB has no undo.

The recover suite kills GIMP (kill -9, plug-ins too) while it collects a
task the emulator holds, then releases it and recovers it in a new GIMP; the
recover-dialog suite imports through the Recover Generations dialog (GUI,
like undo); the batch suite runs scripts/genlayer-batch; the
history-dialog suite works Generation History… (GUI, like undo): Insert with
the gateway stopped, then Use these settings with it started again.

Nothing here waits for time to pass: the emulator holds tasks until the
driver releases them, and the driver waits for the emulator's state, for
files and for GIMP's answers (polling those with a deadline that only
bounds a hang).

usage: gimp_plugin_test.py --build-dir DIR --suite
       generation|refusals|undo|recover|recover-dialog|batch|history|history-dialog
"""
import argparse
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "gimp_common"))

from batch_run import BATCH_EMULATOR_ARGUMENTS, BATCH_INPUTS, BatchRun  # noqa: E402
from emulator import Emulator  # noqa: E402
from generation_checks import (API_KEY, Checks,  # noqa: E402
                               check_generation_cases, check_refusal, read_facts)
from png_file import read_png_rgba, write_rgb_png  # noqa: E402
from processes import press_key_in_window  # noqa: E402
from history_checks import (HISTORY_PROMPT, HISTORY_SIZE, NEWER_PROMPT,  # noqa: E402
                            UNKNOWN_ENTRY, check_history_dialog, check_history_inserts,
                            exported_rgba, generated_entry, search_history_dialog)
from recovery_after_kill import (check_recovered_into_file, journal_stages,  # noqa: E402
                                 kill_while_collecting)

# Bounds on a hang, never a pace: several times what a GIMP run takes on a
# loaded 2-core machine (the generation suite's run takes 80 s there).
GIMP_TIMEOUT_S = 480
GUI_START_TIMEOUT_S = 240

class Gimp:
    """gimp-console with a throwaway profile that holds the installed plug-in."""

    def __init__(self, build_dir, scratch, emulator):
        self.scratch, self.build_dir = scratch, build_dir
        self.profile = os.path.join(scratch, "profile")  # must not exist before the install
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--gimp", "2", "--profile", self.profile,
                        "--build-dir", build_dir], check=True, stdout=subprocess.DEVNULL)
        self.env = dict(os.environ, GIMP2_DIRECTORY=self.profile,
                        TOAPIS_BASE_URL=emulator.base_url, TOAPIS_API_KEY=API_KEY,
                        XDG_STATE_HOME=os.path.join(scratch, "state"),
                        XDG_CONFIG_HOME=os.path.join(scratch, "config"),
                        XDG_DATA_HOME=os.path.join(scratch, "data"))

    @staticmethod
    def console_command(cases_file, entry, *arguments):
        """gimp-console calling (entry ARGUMENTS...) from the cases file."""
        call = " ".join('"%s"' % a for a in arguments)
        batch = '(begin (load "%s") (load "%s") (%s %s))' % (
            os.path.join(HERE, "test_support.scm"), os.path.join(HERE, cases_file), entry, call)
        return ["gimp-console-2.10", "-i", "-d", "-f", "-b", batch, "-b", "(gimp-quit 0)"]

    def start_console(self, cases_file, entry, *arguments):
        """The same call in the background, for a test that kills it."""
        return subprocess.Popen(self.console_command(cases_file, entry, *arguments), env=self.env,
                                cwd=self.scratch, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)

    def run_cases(self, cases_file, entry, *arguments):
        """Runs (entry FACTS-FILE ARGUMENTS...) and returns (facts, stderr)."""
        facts_file = os.path.join(self.scratch, entry + ".facts")
        done = subprocess.run(self.console_command(cases_file, entry, facts_file, *arguments),
                              env=self.env, cwd=self.scratch, capture_output=True, text=True,
                              timeout=GIMP_TIMEOUT_S)
        return read_facts(facts_file), done.stderr

    def start_gui_server(self, port):
        """GIMP with its GUI, serving Script-Fu on a loopback port."""
        return subprocess.Popen(
            ["gimp-2.10", "-d", "-f", "-s", "-b",
             '(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" %d "")' % port],
            env=self.env, cwd=self.scratch, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True)


class ScriptFuServer:
    """A client of GIMP's Script-Fu server protocol: 'G', length, expression;
    the answer is 'G', an error flag, length, output."""

    def __init__(self, port):
        self.port = port

    def evaluate(self, expression):
        with socket.create_connection(("127.0.0.1", self.port), timeout=GIMP_TIMEOUT_S) as connection:
            request = expression.encode()
            connection.sendall(b"G" + struct.pack(">H", len(request)) + request)
            header = self._receive(connection, 4)
            output = self._receive(connection, struct.unpack(">H", header[2:4])[0]).decode()
        if header[1]:
            raise RuntimeError("Script-Fu failed on %s: %s" % (expression, output))
        return output.strip('"')

    @staticmethod
    def _receive(connection, size):
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError("GIMP closed the Script-Fu connection")
            data += chunk
        return data

    def wait_until_ready(self, gimp_process, deadline):
        """Polls until the server answers; GIMP's GUI takes a while to start."""
        while True:
            try:
                return self.evaluate("(+ 1 1)")
            except OSError:
                if time.monotonic() > deadline or gimp_process.poll() is not None:
                    raise


def write_png(path, width, height, rgb):
    """A flat opaque RGB PNG."""
    write_rgb_png(path, width, height, [bytes(rgb) * width] * height)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---- the suites ----

def check_batch_helper(checks, facts, name):
    checks.fact(name, facts, "layers-in-xcf", "2")
    checks.fact(name, facts, "layers-in-png", "1")
    checks.fact(name, facts, "new.name", "from a batch (genlayer)")
    checks.fact(name, facts, "new.offsets", "40 30")
    checks.fact(name, facts, "new.size", "120 80")
    checks.parasite(name, facts, "new", task_id=facts.get("task-id"), source_layer="Background")
    if facts.get("new.mask") == "-1":
        checks.fail(name, "the new layer has no mask")


def run_generation_suite(build_dir, scratch):
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        work_dir = os.path.join(scratch, "work")
        os.makedirs(work_dir)
        facts, stderr = gimp.run_cases("generation_cases.scm", "genlayer-generation-cases", work_dir)
    finally:
        emulator.stop()
    checks = Checks(facts)
    check_generation_cases(checks, gimp.profile, extra=[("batch-helper", check_batch_helper)])
    return checks, stderr


# GIMP 2.10 words a procedure's failure so.
PDB_ERROR_PREFIX = "Procedure execution of plug-in-genlayer failed: "


def run_refusal_suite(build_dir, scratch):
    """The emulator takes another key: only a request that reaches it fails with 401."""
    emulator = Emulator(build_dir, "--api-key", "another-key")
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        local_facts, local_stderr = gimp.run_cases("refusal_cases.scm", "genlayer-local-refusal-cases")
        log_after_local = emulator.log()
        gateway_facts, gateway_stderr = gimp.run_cases("refusal_cases.scm",
                                                       "genlayer-gateway-refusal-cases")
        log_after_gateway = emulator.log()
    finally:
        emulator.stop()
    checks = Checks({**local_facts, **gateway_facts})
    check_refusal(checks, "bad-size", "Size 999x999 is not offered", local_stderr, PDB_ERROR_PREFIX)
    check_refusal(checks, "bad-reference", "The reference must be 0 (none), 1 (the layer) or 2",
                  local_stderr, PDB_ERROR_PREFIX)
    if log_after_local:
        checks.fail("bad-size", "requests reached the gateway: %r" % log_after_local)
    check_refusal(checks, "auth-401", "The gateway refused the API key (401).", gateway_stderr,
                  PDB_ERROR_PREFIX)
    if not any(entry.get("status") == 401 for entry in log_after_gateway):
        checks.fail("auth-401", "the gateway log shows no 401: %r" % log_after_gateway)
    return checks, local_stderr + gateway_stderr


def run_history_suite(build_dir, scratch):
    """A result generated, then deleted from its image, put back from the
    history by plug-in-genlayer-history-insert with the gateway stopped."""
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        generated, stderr = gimp.run_cases("history_cases.scm", "genlayer-history-generate-cases",
                                           HISTORY_PROMPT)
    finally:
        emulator.stop()
    checks = Checks(generated)
    entry = generated_entry(checks, build_dir, gimp.env)
    if not entry:
        return checks, stderr
    inserted_png = os.path.join(scratch, "inserted.png")
    checks.facts, insert_stderr = gimp.run_cases("history_cases.scm", "genlayer-history-insert-cases",
                                                 entry["id"], UNKNOWN_ENTRY, inserted_png)
    inserted = read_png_rgba(inserted_png) if os.path.exists(inserted_png) else None
    check_history_inserts(checks, entry, inserted, exported_rgba(build_dir, gimp.env, entry, scratch),
                          insert_stderr, "Procedure execution of plug-in-genlayer-history-insert failed: ")
    return checks, stderr + insert_stderr


def run_in_gui_gimp(build_dir, scratch, cases_file, body):
    """body(server, emulator, gimp) against GIMP with its GUI, serving
    Script-Fu with test_support.scm and cases_file loaded; returns (body's
    checks, stderr)."""
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    gimp = Gimp(build_dir, scratch, emulator)
    port = free_port()
    process = gimp.start_gui_server(port)
    server = ScriptFuServer(port)
    try:
        server.wait_until_ready(process, time.monotonic() + GUI_START_TIMEOUT_S)
        for script in ("test_support.scm", cases_file):
            server.evaluate('(load "%s")' % os.path.join(HERE, script))
        checks = body(server, emulator, gimp)
        try:
            server.evaluate("(gimp-quit 1)")
        except ConnectionError:
            pass  # GIMP may close the connection before answering
        stderr = process.communicate(timeout=60)[1]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        emulator.stop()
    return checks, stderr


def undo_once(server, *_):
    """One Ctrl+Z after a generation removes the new layer, and nothing else."""
    name = "undo"
    checks = Checks({})
    image = server.evaluate("(genlayer-undo-setup)")
    state = "(genlayer-undo-state %s)" % image
    checks.equal(name, "layers, source pixel, selection after the generation",
                 server.evaluate(state), "2 255 255 255 10 10 40 30")
    press_key_in_window("Untitled", "ctrl+z", GIMP_TIMEOUT_S)
    # The key reaches GIMP's event loop apart from the server's requests:
    # ask until the undo shows.
    deadline = time.monotonic() + GIMP_TIMEOUT_S
    while server.evaluate(state).startswith("2 ") and time.monotonic() < deadline:
        time.sleep(0.05)  # a polling interval, not a synchronisation
    checks.equal(name, "layers, source pixel, selection after one undo",
                 server.evaluate(state), "1 255 255 255 10 10 40 30")
    return checks


def run_undo_suite(build_dir, scratch):
    return run_in_gui_gimp(build_dir, scratch, "undo_case.scm", undo_once)


def recover_in_dialog(server, *_):
    """Recover Generations in a person's hands: the dialog lists the job whose
    image was closed, Import (Alt+I) brings it back in a new image."""
    name = "recover-dialog"
    checks = Checks({})
    task_id = server.evaluate("(genlayer-submit-and-close)")
    answer = {}

    def recover():
        answer["text"] = server.evaluate("(genlayer-recover-interactively)")

    worker = threading.Thread(target=recover)
    worker.start()
    press_key_in_window("Recover Generations", "alt+i", GIMP_TIMEOUT_S)
    worker.join(GIMP_TIMEOUT_S)
    imported, _, info = answer.get("text", "").partition(" ")
    checks.equal(name, "layers imported through the dialog", imported, "1")
    if task_id not in info:
        checks.fail(name, "the imported layer's genlayer-info %r lacks the task %s" % (info, task_id))
    return checks


def run_recover_dialog_suite(build_dir, scratch):
    return run_in_gui_gimp(build_dir, scratch, "recovery_cases.scm", recover_in_dialog)


def in_background(server, expression):
    """Evaluates expression in a thread, for a call that waits for a
    dialog; join() the thread, then read its "answer"."""
    worker = threading.Thread(target=lambda: setattr(worker, "answer", server.evaluate(expression)))
    worker.start()
    return worker


def history_in_dialog(server, emulator, gimp):
    """Generation History…: two results generated and deleted; with the
    gateway stopped, a search finds the older one and Insert puts it back
    into a selection (screenshot in BUILD/test-artifacts/gimp-history.png);
    then Use these settings opens Generate Layer… with its prompt and size
    (tests/gimp_common/history_checks.py)."""
    scratch, build_dir = gimp.scratch, gimp.build_dir
    facts = lambda name: os.path.join(scratch, name + ".facts")  # noqa: E731
    server.evaluate('(genlayer-history-generate-two-cases "%s" "%s" "%s" "%s")'
                    % (facts("generate"), HISTORY_PROMPT, NEWER_PROMPT, HISTORY_SIZE))
    emulator.stop()
    checks = Checks(read_facts(facts("generate")))
    entry = generated_entry(checks, build_dir, gimp.env)
    if not entry:
        return checks
    artifacts = os.path.join(build_dir, "test-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    screenshot = os.path.join(artifacts, "gimp-history.png")
    inserted_png = os.path.join(scratch, "inserted.png")
    worker = in_background(server, '(genlayer-history-dialog-insert-cases "%s" "%s")'
                           % (facts("insert"), inserted_png))
    colours = search_history_dialog("alt+i", GIMP_TIMEOUT_S, screenshot)
    worker.join(GIMP_TIMEOUT_S)
    gateway = emulator.started_again()
    try:
        worker = in_background(server, '(genlayer-history-dialog-settings-cases "%s")'
                               % facts("settings"))
        search_history_dialog("alt+s", GIMP_TIMEOUT_S)
        press_key_in_window("Generate Layer", "alt+g", GIMP_TIMEOUT_S)
        worker.join(GIMP_TIMEOUT_S)
        submits = gateway.submits()
    finally:
        gateway.stop()
    checks.facts = dict(read_facts(facts("insert")), **read_facts(facts("settings")))
    inserted = read_png_rgba(inserted_png) if os.path.exists(inserted_png) else None
    check_history_dialog(checks, entry, inserted, exported_rgba(build_dir, gimp.env, entry, scratch),
                         colours, screenshot, submits, HISTORY_PROMPT)
    return checks


def run_history_dialog_suite(build_dir, scratch):
    return run_in_gui_gimp(build_dir, scratch, "history_cases.scm", history_in_dialog)


def run_recover_suite(build_dir, scratch):
    """kill -9 of GIMP mid-collect, then plug-in-genlayer-recover in a new
    GIMP: the layer arrives in the reopened file and nothing is submitted twice."""
    name = "recover-after-kill"
    emulator = Emulator(build_dir, "--api-key", API_KEY, "--hold-tasks", "1")
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        work_dir = os.path.join(scratch, "work")
        os.makedirs(work_dir)
        task_id, = kill_while_collecting(
            lambda: gimp.start_console("recovery_cases.scm", "genlayer-collect-until-killed", work_dir),
            emulator, work_dir)
        stage_after_kill = journal_stages(gimp.env["XDG_STATE_HOME"]).get(task_id)
        emulator.release(tasks=task_id)
        facts, stderr = gimp.run_cases("recovery_cases.scm", "genlayer-recovery-cases", work_dir)
        submits = emulator.submits()
        stages = journal_stages(gimp.env["XDG_STATE_HOME"])
    finally:
        emulator.stop()
    checks = Checks(facts)
    checks.equal(name, "the journal's stage after the kill", stage_after_kill, "submitted")
    facts = checks.case(name)
    if facts is not None:
        checks.fact(name, facts, "num-layers", "1")
        check_recovered_into_file(checks, name, facts, task_id)
    checks.equal(name, "submits in the emulator's log", len(submits), 1)
    checks.equal(name, "the journal's stage after the recovery", stages.get(task_id), "collected")
    return checks, stderr


def run_batch_suite(build_dir, scratch):
    """scripts/genlayer-batch on three files with --jobs 2 (tests/gimp_common/batch_run.py)."""
    name = "batch"
    emulator = Emulator(build_dir, "--api-key", API_KEY, *BATCH_EMULATOR_ARGUMENTS)
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        wrapper = [os.path.join(ROOT, "scripts", "genlayer-batch"), "--profile", gimp.profile]
        batch = BatchRun(wrapper, gimp.env, emulator, scratch, GIMP_TIMEOUT_S)
        facts, stderr = gimp.run_cases("recovery_cases.scm", "genlayer-batch-output-cases",
                                       batch.output, *BATCH_INPUTS)
    finally:
        emulator.stop()
    checks = Checks(facts)
    batch.check(checks, name, checks.case)
    return checks, batch.stderr + stderr


SUITES = {"generation": run_generation_suite, "refusals": run_refusal_suite, "undo": run_undo_suite,
          "recover": run_recover_suite, "recover-dialog": run_recover_dialog_suite,
          "batch": run_batch_suite, "history": run_history_suite,
          "history-dialog": run_history_dialog_suite}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--suite", choices=sorted(SUITES), required=True)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="genlayer-gimp-test-") as scratch:
        checks, stderr = SUITES[arguments.suite](os.path.abspath(arguments.build_dir), scratch)
    if checks.failures:
        print("GIMP's stderr:\n" + stderr, file=sys.stderr)
        print("\n".join("FAIL " + failure for failure in checks.failures))
        return 1
    print("%s: all cases passed" % arguments.suite)
    return 0


if __name__ == "__main__":
    sys.exit(main())
