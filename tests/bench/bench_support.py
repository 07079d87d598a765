"""What every benchmark shares: the gateway emulator, the client's
environment, headless GIMP 2.10 and GIMP 3 with the plug-in installed, and
the clocks.

Times come from three clocks. The emulator stamps requests in steady
milliseconds since its start; Script-Fu's gettimeofday, Python-Fu's
time.time and the GEGL timing preload read the wall clock; this driver reads both. Emulator.wall_offset_s()
relates the first to the second through one logged request, to within half
that request's round trip (a millisecond on an idle machine), and says how
far off it may be.
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "gimp_common"))

import emulator as gimp_suite_emulator  # noqa: E402
API_KEY = "bench-key"
GIMP_TIMEOUT_S = 300
# run-cases, fact, generate, make-image: the helpers of the headless GIMP tests.
GIMP_TEST_SUPPORT = os.path.join(ROOT, "tests", "gimp2", "test_support.scm")


class Emulator(gimp_suite_emulator.Emulator):
    """The GIMP tests' emulator (their --gen-ms 300 unless the options give
    another), with what the benchmarks add; stop() when done."""

    def __init__(self, build_dir, *options):
        super().__init__(build_dir, *[str(option) for option in options])

    def task_table(self):
        """{task id: {created_ms, completes_at_ms, queue_ms, status, held, polls}}."""
        return {task["id"]: task for task in self.tasks()}

    def wall_offset_s(self):
        """(wall-clock seconds at the emulator's t_ms 0, how far off that may
        be), from one logged request."""
        path = "/v1/images/generations/task_img_clock"
        request = urllib.request.Request(self.base_url + path, headers={"Authorization": "Bearer " + API_KEY})
        before = time.time()
        try:
            urllib.request.urlopen(request, timeout=10)
        except urllib.error.HTTPError:
            pass  # 404: the task does not exist, but the request is logged
        after = time.time()
        stamp = [entry["t_ms"] for entry in self.log() if entry["path"] == path][-1]
        # t_ms is floored to the millisecond: its moment is half a millisecond later on average.
        return (before + after) / 2 - (stamp + 0.5) / 1000, (after - before) / 2 + 0.001

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()


def client_environment(emulator, scratch):
    """The environment of a genlayer client: this emulator, a throwaway journal and history."""
    return dict(os.environ, TOAPIS_BASE_URL=emulator.base_url, TOAPIS_API_KEY=API_KEY,
                XDG_STATE_HOME=os.path.join(scratch, "state"),
                XDG_DATA_HOME=os.path.join(scratch, "data"),
                XDG_CONFIG_HOME=os.path.join(scratch, "config"))


def run_json(command, env, timeout_s=600):
    """Runs a command that prints one JSON document; returns it."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (os.path.basename(command[0]), done.returncode,
                                                   done.stderr.strip()[-2000:]))
    return json.loads(done.stdout)


class Gimp:
    """gimp-console with a throwaway profile holding the installed plug-in."""

    def __init__(self, build_dir, scratch, emulator, extra_env=None):
        self.scratch = scratch
        profile = os.path.join(scratch, "gimp-profile")  # must not exist before the install
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--gimp", "2", "--profile", profile,
                        "--build-dir", build_dir], check=True, stdout=subprocess.DEVNULL)
        # A throwaway cache too: babl keeps conversion statistics there, and once
        # they grow it builds large lookup tables at every GEGL start.
        self.env = dict(client_environment(emulator, scratch), GIMP2_DIRECTORY=profile,
                        XDG_CACHE_HOME=os.path.join(scratch, "cache"), **(extra_env or {}))

    def start(self, scheme_file, entry, *arguments):
        """Starts gimp-console running (entry ARGUMENTS...) from scheme_file,
        loaded after the GIMP tests' helpers; returns the process."""
        call = " ".join('"%s"' % a if isinstance(a, str) else str(a) for a in arguments)
        batch = '(begin (load "%s") (load "%s") (%s %s))' % (
            GIMP_TEST_SUPPORT, os.path.join(HERE, scheme_file), entry, call)
        return subprocess.Popen(["gimp-console-2.10", "-i", "-d", "-f", "-b", batch, "-b", "(gimp-quit 0)"],
                                env=self.env, cwd=self.scratch, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    def run(self, scheme_file, entry, *arguments):
        """Runs it to the end; GIMP always exits 0, so returns its stderr to check."""
        process = self.start(scheme_file, entry, *arguments)
        _, stderr = process.communicate(timeout=GIMP_TIMEOUT_S)
        return stderr


class Gimp3:
    """gimp-console-3.0 in the GIMP 3 root (scripts/gimp3-run) with a
    throwaway profile holding the plug-in that gimp3_build_dir holds, running
    Python-Fu cases of gimp3_cases.py. extra_env reaches GIMP inside the
    root as NAME=VALUE pairs of gimp3-run, which passes on only the
    variables it names."""

    def __init__(self, gimp3_build_dir, scratch, emulator, extra_env=None):
        self.scratch = scratch
        profile = os.path.join(scratch, "gimp3-profile")
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--gimp", "3", "--profile", profile,
                        "--build-dir", gimp3_build_dir], check=True, stdout=subprocess.DEVNULL)
        self.env = dict(client_environment(emulator, scratch), GIMP3_DIRECTORY=profile,
                        XDG_CACHE_HOME=os.path.join(scratch, "cache"))
        self.extra_env = ["%s=%s" % item for item in (extra_env or {}).items()]

    def start(self, entry, *arguments):
        """Starts gimp-console-3.0 running gimp3_cases.ENTRY(ARGUMENTS...); returns the process."""
        batch = "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, %r); " \
                "import gimp3_cases; gimp3_cases.%s(%s)" % (HERE, entry, ", ".join(repr(a) for a in arguments))
        return subprocess.Popen([os.path.join(ROOT, "scripts", "gimp3-run"), *self.extra_env, "gimp-console-3.0",
                                 "-i", "-d", "-f", "--batch-interpreter=python-fu-eval", "-b", batch, "--quit"],
                                env=self.env, cwd=self.scratch, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    def run(self, entry, *arguments):
        """Runs it to the end; GIMP's exit code says nothing, so returns its stderr to check."""
        _, stderr = self.start(entry, *arguments).communicate(timeout=GIMP_TIMEOUT_S)
        return stderr


def read_facts(path, stderr):
    """The facts that run-cases wrote ("case<TAB>key<TAB>values"), as
    {case: {key: [values]}}; raises when a case failed or none ran."""
    if not os.path.exists(path):
        raise RuntimeError("GIMP wrote no results; its stderr: " + stderr.strip()[-2000:])
    facts = {}
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            case, key, values = line.rstrip("\n").split("\t", 2)
            facts.setdefault(case, {})[key] = values.split()
    for case, recorded in facts.items():
        if "error" in recorded:
            raise RuntimeError("The GIMP case %s failed: %s" % (case, " ".join(recorded["error"])))
    return facts


def mean(values):
    return sum(values) / len(values) if values else float("nan")
