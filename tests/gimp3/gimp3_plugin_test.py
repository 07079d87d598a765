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

usage: gimp3_plugin_test.py --build-dir DIR --gimp3-build-dir DIR --suite generation|refusals
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

from emulator import Emulator  # noqa: E402
from generation_checks import API_KEY, Checks, check_generation_cases, check_refusal, read_facts  # noqa: E402

GIMP_TIMEOUT_S = 240


class Gimp3:
    """gimp-console-3.0 in the GIMP 3 root, with a throwaway profile that
    holds the installed plug-in."""

    def __init__(self, gimp3_build_dir, scratch, emulator):
        self.scratch = scratch
        self.profile = os.path.join(scratch, "profile")
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--gimp", "3",
                        "--profile", self.profile, "--build-dir", gimp3_build_dir],
                       check=True, stdout=subprocess.DEVNULL)
        self.env = dict(os.environ, GIMP3_DIRECTORY=self.profile,
                        TOAPIS_BASE_URL=emulator.base_url, TOAPIS_API_KEY=API_KEY,
                        XDG_STATE_HOME=os.path.join(scratch, "state"),
                        XDG_CONFIG_HOME=os.path.join(scratch, "config"),
                        XDG_CACHE_HOME=os.path.join(scratch, "cache"))
        self.runs = []  # (what, seconds) of every GIMP run

    def _run(self, what, interpreter, batch):
        command = [os.path.join(ROOT, "scripts", "gimp3-run"), "gimp-console-3.0", "-i", "-d", "-f",
                   "--batch-interpreter=" + interpreter, "-b", batch, "--quit"]
        started = time.monotonic()
        done = subprocess.run(command, env=self.env, cwd=self.scratch, capture_output=True,
                              text=True, timeout=GIMP_TIMEOUT_S)
        self.runs.append((what, time.monotonic() - started))
        return done.stderr

    def run_python(self, entry, *arguments):
        """Runs generation_cases.ENTRY(FACTS-FILE, ARGUMENTS...) in Python-Fu;
        returns (facts, stderr)."""
        facts_file = os.path.join(self.scratch, entry + ".facts")
        call = ", ".join(repr(a) for a in (facts_file,) + arguments)
        batch = "import sys; sys.path.insert(0, %r); import generation_cases; generation_cases.%s(%s)" % (
            HERE, entry, call)
        stderr = self._run("Python-Fu " + entry, "python-fu-eval", batch)
        return read_facts(facts_file), stderr

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
        facts, stderr = gimp.run_python("generation_cases", work_dir)
        restart_facts, restart_stderr = gimp.run_python("restart_cases")
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
        facts, stderr = gimp.run_python("refusal_cases")
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


SUITES = {"generation": run_generation_suite, "refusals": run_refusal_suite}


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
