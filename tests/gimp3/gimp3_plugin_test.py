#!/usr/bin/env python3
"""Headless GIMP 3 tests of the genlayer plug-in.

Each suite makes a throwaway GIMP 3 profile, installs the plug-in into it
with scripts/install-plugin --gimp 3, starts the gateway emulator on
loopback (here, outside the Debian 13 root: the root shares the host's
network) and runs gimp-console-3.0 inside the root through scripts/gimp3-run
with Python-Fu cases (generation_cases.py) and one Script-Fu case with named
arguments (named_arguments.scm). The cases write facts to a file; this
driver asserts on them with the checks the GIMP 2.10 suite uses
(tests/gimp_common), on GIMP's stderr and on the emulator's log. GIMP's exit
code means nothing, so nothing is read from it.

The recover suite kills GIMP (kill -9, plug-ins too) while it collects a
task the emulator holds, then releases it and recovers in a new GIMP
(recovery_cases.py). The dialog suite runs GIMP 3 with its GUI under
xvfb-run (gui_cases.py) and no key configured: it types a prompt and a key
into the Generate Layer dialog with xdotool, presses Test
(tests/gimp_common/key_test_click.py), keeps a screenshot, generates with
the typed key and presses Ctrl+Z once (the PDB has no undo). The batch suite runs scripts/genlayer-batch --gimp 3 and reads what
it wrote back in GIMP (batch_cases.py). The history-dialog suite works
Generation History… under xvfb-run (history_gui_cases.py): Insert with the
gateway stopped, then Use these settings with it started again. Nothing waits for time to pass: the emulator holds tasks until they
are released, xdotool waits for windows, the driver for files and for the
emulator's state.

usage: gimp3_plugin_test.py --build-dir DIR --gimp3-build-dir DIR
       --suite generation|refusals|recover|dialog|batch|history|history-dialog
       (the emulator comes from the first, the plug-in from the second)
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "gimp_common"))

from batch_run import BATCH_EMULATOR_ARGUMENTS, BATCH_INPUTS, BatchRun  # noqa: E402
from emulator import Emulator  # noqa: E402
from generation_checks import (API_KEY, Checks, check_generation_cases,  # noqa: E402
                               check_recover_new_image, check_refusal, read_facts)
from history_checks import (HISTORY_PROMPT, HISTORY_SIZE, NEWER_PROMPT,  # noqa: E402
                            UNKNOWN_ENTRY, check_history_dialog, check_history_inserts,
                            exported_rgba, generated_entry, search_history_dialog)
from key_test_click import press_test_with_key, probe_problem  # noqa: E402
from processes import find_window, kill_hard, press_key_in_window, wait_for  # noqa: E402
from recovery_after_kill import (check_recovered_into_file, journal_stages,  # noqa: E402
                                 kill_while_collecting)
from x_screenshot import save_screenshot  # noqa: E402

GIMP_TIMEOUT_S = 240


class Gimp3:
    """gimp-console-3.0 in the GIMP 3 root, with a throwaway profile that
    holds the installed plug-in."""

    def __init__(self, gimp3_build_dir, scratch, emulator, api_key=API_KEY):
        """api_key None: GIMP has no key from the environment (the dialog
        then asks for one)."""
        self.scratch = scratch
        self.profile = os.path.join(scratch, "profile")
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--gimp", "3",
                        "--profile", self.profile, "--build-dir", gimp3_build_dir],
                       check=True, stdout=subprocess.DEVNULL)
        self.env = dict(os.environ, GIMP3_DIRECTORY=self.profile,
                        TOAPIS_BASE_URL=emulator.base_url,
                        XDG_STATE_HOME=os.path.join(scratch, "state"),
                        XDG_CONFIG_HOME=os.path.join(scratch, "config"),
                        XDG_CACHE_HOME=os.path.join(scratch, "cache"),
                        XDG_DATA_HOME=os.path.join(scratch, "data"))
        self.env.pop("TOAPIS_API_KEY", None)
        if api_key is not None:
            self.env["TOAPIS_API_KEY"] = api_key
        self.runs = []  # (what, seconds) of every GIMP run

    @staticmethod
    def command(program, interpreter, batch):
        return [os.path.join(ROOT, "scripts", "gimp3-run"), program, "-d", "-f",
                "--batch-interpreter=" + interpreter, "-b", batch]

    def _run(self, what, interpreter, batch):
        command = self.command("gimp-console-3.0", interpreter, batch) + ["-i", "--quit"]
        started = time.monotonic()
        done = subprocess.run(command, env=self.env, cwd=self.scratch, capture_output=True,
                              text=True, timeout=GIMP_TIMEOUT_S)
        self.runs.append((what, time.monotonic() - started))
        return done.stderr

    def python_batch(self, module, entry, *arguments):
        """(facts file, the Python-Fu batch calling MODULE.ENTRY(FACTS-FILE, ARGUMENTS...))."""
        facts_file = os.path.join(self.scratch, entry + ".facts")
        call = ", ".join(repr(a) for a in (facts_file,) + arguments)
        batch = "import sys; sys.path.insert(0, %r); import %s; %s.%s(%s)" % (
            HERE, module, module, entry, call)
        return facts_file, batch

    def run_python(self, module, entry, *arguments):
        """Runs MODULE.ENTRY(FACTS-FILE, ARGUMENTS...) in Python-Fu; returns (facts, stderr)."""
        facts_file, batch = self.python_batch(module, entry, *arguments)
        stderr = self._run("Python-Fu " + entry, "python-fu-eval", batch)
        return read_facts(facts_file), stderr

    def start_python(self, program, module, entry, *arguments):
        """MODULE.ENTRY(FACTS-FILE, ARGUMENTS...) in the background in
        `program` (gimp-console-3.0, or gimp-3.0 for the GUI), for a test
        that kills it; returns (the process, the facts file). Its stderr
        goes to a file (a pipe nobody reads could fill up and stop GIMP)."""
        facts_file, batch = self.python_batch(module, entry, *arguments)
        command = self.command(program, "python-fu-eval", batch)
        if program == "gimp-console-3.0":
            command += ["-i", "--quit"]
        self.stderr_file = os.path.join(self.scratch, entry + ".stderr")
        with open(self.stderr_file, "w") as stderr:
            process = subprocess.Popen(command, env=self.env, cwd=self.scratch,
                                       stdout=subprocess.DEVNULL, stderr=stderr)
        return process, facts_file

    def background_stderr(self):
        with open(self.stderr_file, errors="replace") as stderr:
            return stderr.read()

    def run_script_fu(self, scheme_file, entry):
        """Runs (ENTRY FACTS-FILE) from scheme_file in Script-Fu; returns (facts, stderr)."""
        facts_file = os.path.join(self.scratch, entry + ".facts")
        batch = '(begin (load "%s") (%s "%s"))' % (os.path.join(HERE, scheme_file), entry, facts_file)
        stderr = self._run("Script-Fu " + entry, "plug-in-script-fu-eval", batch)
        return read_facts(facts_file), stderr


def check_named_arguments(checks, facts, name):
    checks.facts_are(name, facts, {"num-layers": "1", "layers-in-image": "2", "new.position": "0",
                                   "new.name": "named in Script-Fu (genlayer)"})
    if not facts.get("task-id", "").startswith("task_"):
        checks.fail(name, "the call returned the task id %r" % facts.get("task-id"))


def run_generation_suite(build_dir, gimp3_build_dir, scratch):
    """A Script-Fu call with named arguments; the generation cases; then, in
    a new GIMP, a repeat of the last call."""
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator)
        work_dir = os.path.join(scratch, "work")
        os.makedirs(work_dir)
        named_facts, named_stderr = gimp.run_script_fu("named_arguments.scm",
                                                       "genlayer-named-arguments-case")
        facts, stderr = gimp.run_python("generation_cases", "generation_cases", work_dir)
        restart_facts, restart_stderr = gimp.run_python("generation_cases", "restart_cases")
    finally:
        emulator.stop()
    checks = Checks({**facts, **restart_facts, **named_facts})
    check_generation_cases(checks, gimp.profile)
    named = checks.case("named-arguments")
    if named is not None:
        check_named_arguments(checks, named, "named-arguments")
    return checks, named_stderr + stderr + restart_stderr, gimp.runs


def run_refusal_suite(build_dir, gimp3_build_dir, scratch):
    """The emulator takes another key: only a request that reaches it fails with 401."""
    emulator = Emulator(build_dir, "--api-key", "another-key")
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator)
        facts, stderr = gimp.run_python("generation_cases", "refusal_cases")
        log = emulator.log()
    finally:
        emulator.stop()
    checks = Checks(facts)
    for name, sentence in (("bad-size", "Size 999x999 is not offered"),
                           ("bad-options", 'Option "mask" must be true or false.'),
                           ("outside-selection", "The selection does not overlap the source layer"),
                           ("unknown-task", "The task task_never_submitted is not one that GIMP submitted"),
                           ("auth-401", "The gateway refused the API key (401).")):
        check_refusal(checks, name, sentence, stderr, prefix="")
    local = checks.case("local")
    if local is not None:
        checks.fact("local", local, "gateway-requests", "0")
    if not any(entry.get("status") == 401 for entry in log):
        checks.fail("auth-401", "the gateway log shows no 401: %r" % log)
    return checks, stderr, gimp.runs


def run_recover_suite(build_dir, gimp3_build_dir, scratch):
    """kill -9 of GIMP mid-collect, then plug-in-genlayer-recover in a new
    GIMP: the job of the reopened file comes back into it, the job of an
    image never saved into a new image, and nothing is submitted twice."""
    name = "recover-after-kill"
    emulator = Emulator(build_dir, "--api-key", API_KEY, "--hold-tasks", "2")
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator)
        work_dir = os.path.join(scratch, "work")
        os.makedirs(work_dir)
        task_ids = kill_while_collecting(
            lambda: gimp.start_python("gimp-console-3.0", "recovery_cases", "collect_until_killed",
                                      work_dir)[0], emulator, work_dir)
        killed_stderr = gimp.background_stderr()
        stages_after_kill = journal_stages(gimp.env["XDG_STATE_HOME"])
        emulator.release(tasks="all")
        facts, stderr = gimp.run_python("recovery_cases", "recovery_cases", work_dir)
        submits = emulator.submits()
        stages = journal_stages(gimp.env["XDG_STATE_HOME"])
    finally:
        emulator.stop()
    checks = Checks(facts)
    into_file, into_new_image = task_ids
    for task_id in task_ids:
        checks.equal(name, "the journal's stage of %s after the kill" % task_id,
                     stages_after_kill.get(task_id), "submitted")
        checks.equal(name, "the journal's stage of %s after the recovery" % task_id,
                     stages.get(task_id), "collected")
    facts = checks.case(name)
    if facts is not None:
        checks.fact(name, facts, "num-layers", "2")
        check_recovered_into_file(checks, name, facts, into_file)
    new_image = checks.case("recover-new-image-after-kill")
    if new_image is not None:
        check_recover_new_image(checks, dict(new_image, **{"task-id": into_new_image}),
                                "recover-new-image-after-kill")
    checks.equal(name, "submits in the emulator's log", len(submits), 2)
    return checks, killed_stderr + stderr, gimp.runs


TYPED_PROMPT = "a kite typed into the dialog"
# GIMP reports each dialog widget whose mnemonic is missing or taken. The
# prompt's label is attached after GIMP made the text view, too late for
# that check, so its line says nothing about what a person sees.
PROMPT_MNEMONIC_NOTE = "no mnemonic for property prompt"


def dialog_complaints(stderr):
    """GIMP's lines about this procedure's dialog: clashing or missing mnemonics."""
    return [line for line in stderr.splitlines()
            if line.startswith("Procedure 'plug-in-genlayer': ")
            and not line.endswith(PROMPT_MNEMONIC_NOTE)]
GUI_START_TIMEOUT_S = 240


def run_dialog_suite(build_dir, gimp3_build_dir, scratch):
    """GIMP 3 with its GUI (under xvfb-run) and no key configured:
    Generate Layer… from a script in interactive mode, its dialog typed
    into with xdotool (the prompt, then the key, then Test, whose check
    must reach the gateway with that key) and a screenshot of it in
    BUILD/test-artifacts/gimp3-dialog.png; Generate then uses the typed
    key, and one Ctrl+Z in the image window takes the new layer back, and
    only it."""
    name = "dialog"
    artifacts = os.path.join(build_dir, "test-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    screenshot = os.path.join(artifacts, "gimp3-dialog.png")
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    process = None
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator, api_key=None)
        started = time.monotonic()
        process, facts_file = gimp.start_python("gimp-3.0", "gui_cases", "gui_cases")
        dialog = find_window("Generate Layer", GUI_START_TIMEOUT_S)
        subprocess.run(["xdotool", "windowfocus", "--sync", dialog], check=True, timeout=30)
        subprocess.run(["xdotool", "type", TYPED_PROMPT], check=True, timeout=60)
        key_check = press_test_with_key(dialog, API_KEY, emulator.log)
        colours = save_screenshot(screenshot)
        subprocess.run(["xdotool", "key", "alt+g"], check=True, timeout=30)
        deadline = time.monotonic() + GIMP_TIMEOUT_S
        facts_so_far = lambda: read_facts(facts_file).get(name, {})  # noqa: E731
        wait_for(lambda: "generated" in facts_so_far() or "finished" in facts_so_far(),
                 "the generated layer", deadline, process)
        if "generated" in facts_so_far():
            press_key_in_window("Untitled", "ctrl+z", GIMP_TIMEOUT_S)
        wait_for(lambda: "finished" in facts_so_far(), "the state after the undo", deadline,
                 process)
        gimp.runs.append(("GUI, dialog and undo", time.monotonic() - started))
    finally:
        if process is not None:
            kill_hard(process)
        emulator.stop()
    checks = Checks(read_facts(facts_file))
    problem = probe_problem(key_check)
    if problem:
        checks.fail(name, problem)
    stderr = gimp.background_stderr()
    for complaint in dialog_complaints(stderr):
        checks.fail(name, "GIMP: " + complaint)
    if colours < 2:
        checks.fail(name, "the screenshot %s shows one colour: nothing was drawn" % screenshot)
    facts = checks.case(name)
    if facts is not None:
        checks.facts_are(name, facts, {
            "num-layers": "1", "new.name": TYPED_PROMPT + " (genlayer)", "new.position": "0",
            "state-before": "1 255 255 255 255 10 10 40 30",
            "state-after-generation": "2 255 255 255 255 10 10 40 30",
            "state-after-undo": "1 255 255 255 255 10 10 40 30"})
        checks.parasite(name, facts, "new", prompt=TYPED_PROMPT, task_id=facts.get("task-id"),
                        source_layer="Background")
        if facts.get("new.mask") == "-1":
            checks.fail(name, "the new layer has no mask from the selection")
    return checks, stderr, gimp.runs


def run_batch_suite(build_dir, gimp3_build_dir, scratch):
    """scripts/genlayer-batch --gimp 3 on three files with --jobs 2
    (tests/gimp_common/batch_run.py), read back in a new GIMP 3."""
    name = "batch"
    emulator = Emulator(build_dir, "--api-key", API_KEY, *BATCH_EMULATOR_ARGUMENTS)
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator)
        wrapper = [os.path.join(ROOT, "scripts", "genlayer-batch"), "--gimp", "3", "--profile",
                   gimp.profile]
        started = time.monotonic()
        batch = BatchRun(wrapper, gimp.env, emulator, scratch, GIMP_TIMEOUT_S)
        gimp.runs.append(("scripts/genlayer-batch --gimp 3", time.monotonic() - started))
        facts, stderr = gimp.run_python("batch_cases", "batch_output_cases", batch.output,
                                        *BATCH_INPUTS)
    finally:
        emulator.stop()
    checks = Checks(facts)
    batch.check(checks, name, checks.case)
    procedure = checks.case("batch-procedure")
    if procedure is not None:
        checks.facts_are("batch-procedure", procedure, {
            "menu-label": "_Batch Generate…", "menu-paths": "<Image>/Filters/Generative",
            "no-prompt": "Type a prompt: it says what to generate from each image.",
            "no-output-folder": "Choose the output folder.",
            "no-inputs": "There is no image to generate from: choose a folder of images.",
            "unreadable-file": "1 of 1 files have no output; their reasons are in the messages."})
        if "missing.png: GIMP could not open it" not in stderr:
            checks.fail("batch-procedure", "GIMP's stderr does not tell why missing.png has no output")
    return checks, batch.stderr + stderr, gimp.runs


def generated_then_stopped(build_dir, gimp3_build_dir, scratch, *arguments):
    """history_cases.generate_cases(ARGUMENTS...) in GIMP 3, then the gateway
    stopped: (gimp, the stopped emulator, checks, the generated entry or
    None, stderr)."""
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    try:
        gimp = Gimp3(gimp3_build_dir, scratch, emulator)
        generated, stderr = gimp.run_python("history_cases", "generate_cases", *arguments)
    finally:
        emulator.stop()
    checks = Checks(generated)
    return gimp, emulator, checks, generated_entry(checks, build_dir, gimp.env), stderr


def inserted_rgba(path, entry):
    """(width, height, RGBA bytes) that a case wrote to path, or None."""
    if not os.path.exists(path):
        return None
    with open(path, "rb") as rgba:
        return (entry["width"], entry["height"], rgba.read())


def run_history_suite(build_dir, gimp3_build_dir, scratch):
    """A result generated, then deleted from its image, put back from the
    history by plug-in-genlayer-history-insert with the gateway stopped."""
    gimp, _, checks, entry, stderr = generated_then_stopped(build_dir, gimp3_build_dir, scratch,
                                                            HISTORY_PROMPT)
    if not entry:
        return checks, stderr, gimp.runs
    rgba_path = os.path.join(scratch, "inserted.rgba")
    checks.facts, insert_stderr = gimp.run_python("history_cases", "insert_cases", entry["id"],
                                                  UNKNOWN_ENTRY, rgba_path)
    inserted = inserted_rgba(rgba_path, entry)
    check_history_inserts(checks, entry, inserted, exported_rgba(build_dir, gimp.env, entry, scratch),
                          insert_stderr, "")
    return checks, stderr + insert_stderr, gimp.runs


def work_history_dialog(emulator, facts_file, process, screenshot):
    """The driver's half of history_gui_cases.py: Insert of the searched
    entry with the gateway stopped; then the gateway started again where
    GIMP expects it, and Use these settings, whose Generate Layer… dialog
    takes the newest recent prompt and generates. Returns (the gateway, the screenshot's colours)."""
    deadline = time.monotonic() + GIMP_TIMEOUT_S
    facts_of = lambda case: read_facts(facts_file).get(case, {})  # noqa: E731
    colours = search_history_dialog("alt+i", GUI_START_TIMEOUT_S, screenshot)
    wait_for(lambda: "inserted" in facts_of("dialog-insert") or "finished" in facts_of("dialog-insert"),
             "the layer inserted from the dialog", deadline, process)
    gateway = emulator.started_again()
    search_history_dialog("alt+s", GIMP_TIMEOUT_S)
    # The newest of the recent prompts replaces the entry's; its size stays.
    press_key_in_window("Generate Layer", "alt+n", GIMP_TIMEOUT_S)
    subprocess.run(["xdotool", "key", "Down", "alt+g"], check=True, timeout=30)
    wait_for(lambda: "finished" in facts_of("use-settings"), "the generation with its settings",
             deadline, process)
    return gateway, colours


def run_history_dialog_suite(build_dir, gimp3_build_dir, scratch):
    """Generation History… in GIMP 3 with its GUI: two results generated and
    deleted; with the gateway stopped, a search finds the older one and
    Insert puts it back into a selection (screenshot in
    BUILD/test-artifacts/gimp3-history.png); then Use these settings opens
    Generate Layer… with its prompt and size, where the first of the recent
    prompts replaces the prompt (tests/gimp_common/history_checks.py)."""
    artifacts = os.path.join(build_dir, "test-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    screenshot = os.path.join(artifacts, "gimp3-history.png")
    gimp, emulator, checks, entry, stderr = generated_then_stopped(
        build_dir, gimp3_build_dir, scratch, HISTORY_PROMPT, NEWER_PROMPT, HISTORY_SIZE)
    if not entry:
        return checks, stderr, gimp.runs
    rgba_path = os.path.join(scratch, "inserted.rgba")
    gateway, process, colours, submits = None, None, 0, []
    try:
        started = time.monotonic()
        process, facts_file = gimp.start_python("gimp-3.0", "history_gui_cases",
                                                "history_gui_cases", rgba_path)
        gateway, colours = work_history_dialog(emulator, facts_file, process, screenshot)
        gimp.runs.append(("GUI, Generation History", time.monotonic() - started))
        submits = gateway.submits()
    finally:
        if process is not None:
            kill_hard(process)
        if gateway is not None:
            gateway.stop()
    checks.facts = read_facts(facts_file)
    inserted = inserted_rgba(rgba_path, entry)
    check_history_dialog(checks, entry, inserted, exported_rgba(build_dir, gimp.env, entry, scratch),
                         colours, screenshot, submits, NEWER_PROMPT)
    stderr += gimp.background_stderr()
    for complaint in dialog_complaints(stderr):
        checks.fail("dialog-insert", "GIMP: " + complaint)
    return checks, stderr, gimp.runs


SUITES = {"history-dialog": run_history_dialog_suite, "history": run_history_suite, "generation": run_generation_suite, "refusals": run_refusal_suite,
          "recover": run_recover_suite, "dialog": run_dialog_suite, "batch": run_batch_suite}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--gimp3-build-dir", required=True)
    parser.add_argument("--suite", choices=sorted(SUITES), required=True)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="genlayer-gimp3-test-") as scratch:
        checks, stderr, runs = SUITES[arguments.suite](os.path.abspath(arguments.build_dir),
                                                      os.path.abspath(arguments.gimp3_build_dir),
                                                      scratch)
    for what, seconds in runs:
        print("GIMP 3 run, %s: %.1f s" % (what, seconds))
    if checks.failures:
        print("GIMP's stderr:\n" + stderr, file=sys.stderr)
        print("\n".join("FAIL " + failure for failure in checks.failures))
        return 1
    print("%s: all cases passed" % arguments.suite)
    return 0


if __name__ == "__main__":
    sys.exit(main())
