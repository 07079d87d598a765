#!/usr/bin/env python3
"""Headless GIMP tests of the genlayer plug-in (plug-in-genlayer).

Each suite makes a throwaway GIMP profile, installs the plug-in into it with
scripts/install-plugin, starts the gateway emulator on loopback and runs
gimp-console with Script-Fu cases (tests/gimp/*.scm). The cases write facts
to a file; this driver asserts on them, on GIMP's stderr and on the
emulator's request log. GIMP always exits 0, so nothing is read from that.

The undo suite runs GIMP with its GUI (under xvfb-run) and the Script-Fu
server, and presses Ctrl+Z with xdotool: the PDB has no undo.

The recover suite kills GIMP (kill -9, plug-ins too) while it collects a
task the emulator holds, then releases it and recovers it in a new GIMP; the
recover-dialog suite imports through the Recover Generations dialog (GUI,
like undo); the batch suite runs scripts/genlayer-batch.

Nothing here waits for time to pass: the emulator holds tasks until the
driver releases them, and the driver waits for the emulator's state, for
files and for GIMP's answers (polling those with a deadline that only
bounds a hang).

usage: gimp_plugin_test.py --build-dir DIR --suite
       generation|refusals|undo|recover|recover-dialog|batch
"""
import argparse
import datetime
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
API_KEY = "test-key"
# Bounds on a hang, never a pace: several times what a GIMP run takes on a
# loaded 2-core machine (the generation suite's run takes 80 s there).
GIMP_TIMEOUT_S = 480
GUI_START_TIMEOUT_S = 240

# GIMP's image and drawable type numbers.
GRAY, INDEXED = 1, 2
RGBA_IMAGE, GRAYA_IMAGE, INDEXEDA_IMAGE = 1, 3, 5


# ---- what the emulator draws (tests/gateway/emulated_generation.cpp) ----

def generation_hash(prompt, index):
    """FNV-1a (64 bit) of the prompt, then of the index's 4 little-endian bytes."""
    value = 14695981039346656037
    for byte in prompt.encode() + index.to_bytes(4, "little"):
        value = ((value ^ byte) * 1099511628211) % (1 << 64)
    return value


def hash_byte(value, which):
    return (value >> (8 * which)) & 0xFF


def band_colours(prompt, index):
    """The two colours of a text-only result's diagonal bands."""
    value = generation_hash(prompt, index)
    first = [hash_byte(value, i) for i in range(3)]
    return first, [c ^ 0x80 for c in first]


def xor_key(prompt, index):
    """What a reference's RGB is XOR-ed with."""
    value = generation_hash(prompt, index)
    return [hash_byte(value, i) | 0x80 for i in (3, 4, 5)]


def srgb_to_linear(c):
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def linear_to_srgb(y):
    return 255 * (12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055)


def gray_of(rgb):
    """babl's R'G'B' -> Y' for sRGB (the D50-adapted luminance row)."""
    r, g, b = (srgb_to_linear(c) for c in rgb)
    return linear_to_srgb(0.2225045 * r + 0.7168786 * g + 0.0606169 * b)


# ---- running things ----

class Emulator:
    """build/bin/genlayer-gateway on free loopback ports."""

    def __init__(self, build_dir, *options):
        self.process = subprocess.Popen(
            [os.path.join(build_dir, "bin", "genlayer-gateway"), "--port", "0",
             "--files-port", "0", "--gen-ms", "300", *options],
            stdout=subprocess.PIPE, text=True)
        ports = dict(self.process.stdout.readline().split() for _ in range(2))
        self.base_url = "http://127.0.0.1:%s" % ports["API"]

    def _get(self, path):
        with urllib.request.urlopen(self.base_url + path, timeout=10) as answer:
            return json.load(answer)

    def log(self):
        return self._get("/_emulator/log")

    def tasks(self):
        """[{id, created_ms, completes_at_ms, status, held, polls}]"""
        return self._get("/_emulator/tasks")

    def state(self):
        """{tasks, active, most_active, held, held_submits, held_downloads, refused}"""
        return self._get("/_emulator/state")

    def release(self, **what):
        """Lets held things go, e.g. release(tasks="all"); what went."""
        request = urllib.request.Request(self.base_url + "/_emulator/release", data=json.dumps(what).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)

    def wait(self, timeout_s, **counts):
        """Blocks until each named count of the state is at least its value,
        e.g. wait(60, most_active=2); the state then, or None once timeout_s
        has passed without it."""
        query = urllib.parse.urlencode(dict(counts, timeout_ms=int(timeout_s * 1000)))
        try:
            with urllib.request.urlopen(self.base_url + "/_emulator/wait?" + query,
                                        timeout=timeout_s + 30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            if error.code == 408:
                return None
            raise

    def submits(self):
        return [entry for entry in self.log()
                if entry["method"] == "POST" and entry["path"] == "/v1/images/generations"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class Gimp:
    """gimp-console with a throwaway profile that holds the installed plug-in."""

    def __init__(self, build_dir, scratch, emulator):
        self.scratch = scratch
        self.profile = os.path.join(scratch, "profile")  # must not exist before the install
        subprocess.run([os.path.join(ROOT, "scripts", "install-plugin"), "--profile", self.profile,
                        "--build-dir", build_dir], check=True, stdout=subprocess.DEVNULL)
        self.env = dict(os.environ, GIMP2_DIRECTORY=self.profile,
                        TOAPIS_BASE_URL=emulator.base_url, TOAPIS_API_KEY=API_KEY,
                        XDG_STATE_HOME=os.path.join(scratch, "state"),
                        XDG_CONFIG_HOME=os.path.join(scratch, "config"))

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
        facts = {}
        if os.path.exists(facts_file):
            with open(facts_file, encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    case, key, value = line.rstrip("\n").split("\t", 2)
                    facts.setdefault(case, {})[key] = value
        return facts, done.stderr

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


def descendants(pid):
    """The processes under pid (GIMP's plug-ins), read from /proc."""
    children = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % entry) as stat:
                # "pid (name) state ppid ...": the name may hold spaces.
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def kill_hard(process):
    """kill -9 of GIMP and, in the same instant, of every plug-in it runs."""
    for pid in [process.pid] + descendants(process.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.communicate(timeout=30)


def wait_for(condition, what, deadline, process=None):
    """Polls condition() until it returns something true; fails at the
    deadline, or when process ended before."""
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting for " + what)
        if process is not None and process.poll() is not None:
            raise RuntimeError("GIMP ended before " + what + ":\n" + process.communicate()[1])
        time.sleep(0.05)  # a polling interval, not a synchronisation


def write_png(path, width, height, rgb):
    """A flat opaque RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    with open(path, "wb") as png:
        png.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---- checking ----

class Checks:
    """Collects failures, each named by its case."""

    def __init__(self, facts):
        self.facts = facts
        self.failures = []

    def fail(self, case, message):
        self.failures.append("%s: %s" % (case, message))

    def case(self, name):
        """The facts of a case that ran to its end without an error, else None."""
        facts = self.facts.get(name, {})
        if "error" in facts:
            self.fail(name, "Script-Fu error: " + facts["error"])
        elif "finished" not in facts:
            self.fail(name, "did not run (GIMP stopped before it)")
        else:
            return facts
        return None

    def equal(self, case, what, actual, expected):
        if actual != expected:
            self.fail(case, "%s is %r, expected %r" % (what, actual, expected))

    def fact(self, case, facts, key, expected):
        self.equal(case, key, facts.get(key), expected)

    def facts_are(self, case, facts, expected):
        """Each fact named in the dict has the text it maps to."""
        for key, value in expected.items():
            self.fact(case, facts, key, value)

    def numbers(self, facts, key):
        return [int(n) for n in facts.get(key, "").split()]

    def colour_near(self, case, facts, key, expected, tolerance, unxor=None):
        """The pixel's RGB (XOR-ed back with unxor, undoing the emulator) is
        within tolerance of expected, and it is opaque."""
        pixel = self.numbers(facts, key)
        if len(pixel) != 4:
            return self.fail(case, "%s is %r, expected an RGBA pixel" % (key, pixel))
        rgb = [c ^ k for c, k in zip(pixel, unxor)] if unxor else pixel[:3]
        if any(abs(a - e) > tolerance for a, e in zip(rgb, expected)) or pixel[3] != 255:
            self.fail(case, "%s is %r (RGB %r before the emulator's XOR), expected RGB %r within %d, opaque"
                      % (key, pixel, rgb, expected, tolerance))

    def parasite(self, case, facts, key, **expected):
        """The genlayer-info JSON has the expected fields, a created time and never the key."""
        text = facts.get(key + ".parasite", "").rstrip("\0")
        if API_KEY in text:
            self.fail(case, "the parasite holds the API key")
        try:
            info = json.loads(text)
            datetime.datetime.fromisoformat(info["created"].replace("Z", "+00:00"))
        except (ValueError, KeyError, TypeError) as error:
            return self.fail(case, "parasite %r is not the expected JSON (%s)" % (text, error))
        for field in ("model", "prompt", "size", "resolution", "n", "task_id", "source_layer"):
            if field not in info:
                self.fail(case, "the parasite lacks %r" % field)
        for field, value in expected.items():
            self.equal(case, "parasite " + field, info.get(field), value)


# ---- the suites ----

# Reference colours used by generation_cases.scm.
RED, BLUE = [200, 40, 40], [40, 90, 200]
QUADRANTS = {"top-left": [220, 30, 30], "top-right": [30, 200, 60],
             "bottom-left": [40, 60, 210], "bottom-right": [230, 210, 40]}
# A flat reference passes through JPEG (an opaque reference), off by a little.
JPEG_TOLERANCE = 6


def check_text_only(checks, facts, name):
    prompt = "a lighthouse at dusk"
    width, height = checks.numbers(facts, "new.size") or [0, 0]
    checks.fact(name, facts, "num-layers", "1")
    checks.fact(name, facts, "layers-in-image", "2")
    checks.fact(name, facts, "new.name", prompt + " (genlayer)")
    checks.fact(name, facts, "new.offsets", "0 0")
    checks.fact(name, facts, "new.position", "0")
    checks.fact(name, facts, "new.type", str(RGBA_IMAGE))
    checks.fact(name, facts, "new.mask", "-1")
    checks.parasite(name, facts, "new", model="gpt-image-2", prompt=prompt, n=1,
                    size="%dx%d" % (width, height), task_id=facts.get("task-id"),
                    source_layer="Background")
    first, second = band_colours(prompt, 0)
    checks.colour_near(name, facts, "first-band", first, 0)
    checks.colour_near(name, facts, "second-band", second, 0)


def check_offset_reference(checks, facts, name):
    key = xor_key("recolour the offset layer", 0)
    checks.fact(name, facts, "new.offsets", "120 90")
    checks.fact(name, facts, "new.size", "1536 1024")
    checks.colour_near(name, facts, "left-half", RED, JPEG_TOLERANCE, unxor=key)
    checks.colour_near(name, facts, "right-half", BLUE, JPEG_TOLERANCE, unxor=key)


def check_selection_cover_mask(checks, facts, name):
    key = xor_key("quadrants, reimagined", 0)
    checks.fact(name, facts, "layers-in-image", "4")
    checks.fact(name, facts, "new.position", "1")
    checks.fact(name, facts, "source-position", "2")
    checks.fact(name, facts, "new.offsets", "100 60")
    checks.fact(name, facts, "new.size", "300 200")
    checks.parasite(name, facts, "new", size="1536x1024", resolution="1536")
    for quadrant, colour in QUADRANTS.items():
        checks.colour_near(name, facts, quadrant, colour, JPEG_TOLERANCE, unxor=key)
    if facts.get("new.mask") == "-1":
        checks.fail(name, "the new layer has no mask")
    checks.fact(name, facts, "mask-corner", "0")
    checks.fact(name, facts, "mask-centre", "255")
    # The whole mask, its antialiased edge included, is what GIMP cuts from the selection.
    checks.fact(name, facts, "mask-mismatches", "0")
    if int(facts.get("mask-partial-points", "0")) == 0:
        checks.fail(name, "the grid met no partly selected pixel, so the edge went unchecked")
    checks.fact(name, facts, "selection-bounds", "100 60 400 260")


def check_variations(checks, facts, name):
    prompt = "two takes"
    checks.fact(name, facts, "num-layers", "2")
    checks.fact(name, facts, "layers-in-image", "3")
    checks.fact(name, facts, "first.name", prompt + " (genlayer) 1/2")
    checks.fact(name, facts, "second.name", prompt + " (genlayer) 2/2")
    checks.fact(name, facts, "first.position", "0")
    checks.fact(name, facts, "second.position", "1")
    checks.fact(name, facts, "source-position", "2")
    checks.parasite(name, facts, "first", n=2)
    checks.colour_near(name, facts, "first.pixel", band_colours(prompt, 0)[0], 0)
    checks.colour_near(name, facts, "second.pixel", band_colours(prompt, 1)[0], 0)


def check_grayscale(checks, facts, name):
    generated = [90 ^ k for k in xor_key("a grey study", 0)]
    checks.fact(name, facts, "base-type", str(GRAY))
    checks.fact(name, facts, "new.type", str(GRAYA_IMAGE))
    gray, alpha = (checks.numbers(facts, "centre") + [None, None])[:2]
    if gray is None or abs(gray - gray_of(generated)) > 3 or alpha != 255:
        checks.fail(name, "centre is %r, expected the grey %.1f of RGB %r, opaque"
                    % (facts.get("centre"), gray_of(generated), generated))


def check_indexed(checks, facts, name):
    checks.fact(name, facts, "base-type", str(INDEXED))
    checks.fact(name, facts, "new.type", str(INDEXEDA_IMAGE))
    if len(checks.numbers(facts, "centre")) != 2 or checks.numbers(facts, "centre")[1] != 255:
        checks.fail(name, "centre is %r, expected an opaque (index, alpha) pixel" % facts.get("centre"))


def check_visible_reference(checks, facts, name):
    key = xor_key("what is visible", 0)
    checks.fact(name, facts, "layers-in-image", "3")
    checks.fact(name, facts, "new.position", "1")
    checks.fact(name, facts, "new.size", "300 200")
    checks.colour_near(name, facts, "left-half", BLUE, JPEG_TOLERANCE, unxor=key)
    checks.colour_near(name, facts, "right-half", RED, JPEG_TOLERANCE, unxor=key)


def check_parasite_in_xcf(checks, facts, name):
    checks.fact(name, facts, "after.name", "kept in the file (genlayer)")
    if facts.get("before", "none") == "none":
        checks.fail(name, "the new layer had no genlayer-info parasite")
    checks.fact(name, facts, "after", facts.get("before"))


def check_last_values(checks, facts, name, profile):
    checks.fact(name, facts, "repeat.name", "say it again (genlayer)")
    stored = os.path.join(profile, "genlayer-last-values.ini")
    with open(stored, encoding="utf-8") as values:
        if "prompt=say it again" not in values.read():
            checks.fail(name, "%s does not hold the last prompt" % stored)


def check_batch_helper(checks, facts, name):
    checks.fact(name, facts, "layers-in-xcf", "2")
    checks.fact(name, facts, "layers-in-png", "1")
    checks.fact(name, facts, "new.name", "from a batch (genlayer)")
    checks.fact(name, facts, "new.offsets", "40 30")
    checks.fact(name, facts, "new.size", "120 80")
    checks.parasite(name, facts, "new", task_id=facts.get("task-id"), source_layer="Background")
    if facts.get("new.mask") == "-1":
        checks.fail(name, "the new layer has no mask")


def parasite_without_run(facts, key):
    """The genlayer-info JSON without what differs from one run to the next."""
    try:
        info = json.loads(facts.get(key + ".parasite", "").rstrip("\0"))
    except ValueError:
        return None
    return {field: value for field, value in info.items() if field not in ("task_id", "created")}


def check_submit_collect(checks, facts, name):
    """Submit then collect made what plug-in-genlayer made, from one paid task."""
    task_id = facts.get("submit.task-id", "")
    if not task_id.startswith("task_"):
        checks.fail(name, "the submit returned the task id %r" % task_id)
    checks.facts_are(name, facts, {
        "submit.num-layers": "0", "submit.layers": "", "collect.task-id": task_id,
        "direct.num-layers": "1", "collect.num-layers": "1",
        "direct.offsets": "130 100", "direct.mask-centre": "255", "direct.mask-corner": "0"})
    checks.parasite(name, facts, "collect", task_id=task_id, prompt="split in two halves")
    for key in ("name", "offsets", "size", "position", "type", "layers-in-image", "left", "right",
                "mask-corner", "mask-centre"):
        checks.equal(name, "collect." + key, facts.get("collect." + key), facts.get("direct." + key))
    checks.equal(name, "the collected parasite (but task id and time)",
                 parasite_without_run(facts, "collect"), parasite_without_run(facts, "direct"))


def check_recover_new_image(checks, facts, name):
    checks.facts_are(name, facts, {
        "num-layers": "1", "new-image": "1", "image-size": "1024 1024", "layers-in-image": "1",
        "new.name": "lost its image (genlayer)", "new.offsets": "0 0", "new.size": "1024 1024",
        "recovered-again": "0"})
    checks.parasite(name, facts, "new", task_id=facts.get("task-id"), source_layer="Background")


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
    for name, check in (("text-only", check_text_only),
                        ("offset-reference", check_offset_reference),
                        ("selection-cover-mask", check_selection_cover_mask),
                        ("variations", check_variations),
                        ("grayscale", check_grayscale),
                        ("indexed", check_indexed),
                        ("visible-reference", check_visible_reference),
                        ("parasite-in-xcf", check_parasite_in_xcf),
                        ("batch-helper", check_batch_helper),
                        ("submit-collect", check_submit_collect),
                        ("recover-new-image", check_recover_new_image)):
        case_facts = checks.case(name)
        if case_facts is not None:
            check(checks, case_facts, name)
    last_values = checks.case("last-values")
    if last_values is not None:
        check_last_values(checks, last_values, "last-values", gimp.profile)
    return checks, stderr


def check_refusal(checks, name, sentence, stderr):
    facts = checks.case(name)
    if facts is None:
        return
    checks.fact(name, facts, "outcome", "error")
    checks.fact(name, facts, "layers-in-image", "1")
    message = facts.get("message", "")
    expected = "Procedure execution of plug-in-genlayer failed: " + sentence
    if not message.startswith(expected):
        checks.fail(name, "the PDB error is %r, expected it to start with %r" % (message, expected))
    if API_KEY in message:
        checks.fail(name, "the PDB error holds the API key")
    if sentence not in stderr:
        checks.fail(name, "GIMP's stderr does not show %r" % sentence)


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
    check_refusal(checks, "bad-size", "Size 999x999 is not offered", local_stderr)
    check_refusal(checks, "bad-reference", "The reference must be 0 (none), 1 (the layer) or 2",
                  local_stderr)
    if log_after_local:
        checks.fail("bad-size", "requests reached the gateway: %r" % log_after_local)
    check_refusal(checks, "auth-401", "The gateway refused the API key (401).", gateway_stderr)
    if not any(entry.get("status") == 401 for entry in log_after_gateway):
        checks.fail("auth-401", "the gateway log shows no 401: %r" % log_after_gateway)
    return checks, local_stderr + gateway_stderr


def press_key_in_window(title, key):
    """Presses key in the window whose title holds title. No window manager
    runs: the window is focused directly."""
    window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
                            capture_output=True, text=True, check=True,
                            timeout=GIMP_TIMEOUT_S).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=30)
    subprocess.run(["xdotool", "key", key], check=True, timeout=30)


def run_in_gui_gimp(build_dir, scratch, cases_file, body):
    """body(server) against GIMP with its GUI, serving Script-Fu with
    test_support.scm and cases_file loaded; returns (body's checks, stderr)."""
    emulator = Emulator(build_dir, "--api-key", API_KEY)
    gimp = Gimp(build_dir, scratch, emulator)
    port = free_port()
    process = gimp.start_gui_server(port)
    server = ScriptFuServer(port)
    try:
        server.wait_until_ready(process, time.monotonic() + GUI_START_TIMEOUT_S)
        for script in ("test_support.scm", cases_file):
            server.evaluate('(load "%s")' % os.path.join(HERE, script))
        checks = body(server)
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


def undo_once(server):
    """One Ctrl+Z after a generation removes the new layer, and nothing else."""
    name = "undo"
    checks = Checks({})
    image = server.evaluate("(genlayer-undo-setup)")
    state = "(genlayer-undo-state %s)" % image
    checks.equal(name, "layers, source pixel, selection after the generation",
                 server.evaluate(state), "2 255 255 255 10 10 40 30")
    press_key_in_window("Untitled", "ctrl+z")
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


def recover_in_dialog(server):
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
    press_key_in_window("Recover Generations", "alt+i")
    worker.join(GIMP_TIMEOUT_S)
    imported, _, info = answer.get("text", "").partition(" ")
    checks.equal(name, "layers imported through the dialog", imported, "1")
    if task_id not in info:
        checks.fail(name, "the imported layer's genlayer-info %r lacks the task %s" % (info, task_id))
    return checks


def run_recover_dialog_suite(build_dir, scratch):
    return run_in_gui_gimp(build_dir, scratch, "recovery_cases.scm", recover_in_dialog)


KILL_TIMEOUT_S = 120


def collecting_poll_seen(emulator, task_id, polls_before):
    """True once the collect has polled the task."""
    return any(task["id"] == task_id and task["polls"] > polls_before for task in emulator.tasks())


def kill_while_collecting(gimp, emulator, work_dir):
    """Runs the submit and the collect, and kills GIMP while the collect
    waits for the task, which the emulator holds; returns the task id."""
    marker = os.path.join(work_dir, "submitted")
    process = gimp.start_console("recovery_cases.scm", "genlayer-collect-until-killed", work_dir)
    try:
        deadline = time.monotonic() + KILL_TIMEOUT_S
        wait_for(lambda: os.path.exists(marker) and open(marker).read(), "the submit", deadline,
                 process)
        with open(marker) as submitted:
            task_id = submitted.read()
        # The submit's own job stopped before it returned: later polls are the collect's.
        polls = {task["id"]: task["polls"] for task in emulator.tasks()}.get(task_id, 0)
        wait_for(lambda: collecting_poll_seen(emulator, task_id, polls), "the collect's first poll",
                 deadline, process)
    finally:
        kill_hard(process)
    return task_id


def journal_stages(gimp):
    folder = os.path.join(gimp.env["XDG_STATE_HOME"], "genlayer", "journal")
    stages = {}
    for name in os.listdir(folder):
        with open(os.path.join(folder, name)) as entry:
            job = json.load(entry)
        stages[job["task_id"]] = job["stage"]
    return stages


def run_recover_suite(build_dir, scratch):
    """kill -9 of GIMP mid-collect, then plug-in-genlayer-recover in a new
    GIMP: the layer arrives in the reopened file and nothing is submitted twice."""
    name = "recover-after-kill"
    emulator = Emulator(build_dir, "--api-key", API_KEY, "--hold-tasks", "1")
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        work_dir = os.path.join(scratch, "work")
        os.makedirs(work_dir)
        task_id = kill_while_collecting(gimp, emulator, work_dir)
        stage_after_kill = journal_stages(gimp).get(task_id)
        emulator.release(tasks=task_id)
        facts, stderr = gimp.run_cases("recovery_cases.scm", "genlayer-recovery-cases", work_dir)
        submits = emulator.submits()
        stages = journal_stages(gimp)
    finally:
        emulator.stop()
    checks = Checks(facts)
    checks.equal(name, "the journal's stage after the kill", stage_after_kill, "submitted")
    facts = checks.case(name)
    if facts is not None:
        key = xor_key("paid for, then killed", 0)
        checks.facts_are(name, facts, {
            "num-layers": "1", "same-image": "1", "layers-in-image": "2",
            "new.name": "paid for, then killed (genlayer)", "new.offsets": "0 0",
            "new.size": "200 150", "new.position": "0", "recovered-again": "0"})
        checks.parasite(name, facts, "new", task_id=task_id, source_layer="Background")
        checks.colour_near(name, facts, "left-half", RED, JPEG_TOLERANCE, unxor=key)
        checks.colour_near(name, facts, "right-half", BLUE, JPEG_TOLERANCE, unxor=key)
    checks.equal(name, "submits in the emulator's log", len(submits), 1)
    checks.equal(name, "the journal's stage after the recovery", stages.get(task_id), "collected")
    return checks, stderr


BATCH_INPUTS = {"red": [200, 40, 40], "green": [40, 160, 60], "blue": [40, 90, 200]}
BATCH_PROMPT = "as a watercolour"
BATCH_JOBS = 2


def run_batch_suite(build_dir, scratch):
    """scripts/genlayer-batch on three files with --jobs 2. The emulator
    holds every task until two are on the gateway at once, so the batch gets
    on only by keeping two in flight, however slowly it submits them."""
    name = "batch"
    emulator = Emulator(build_dir, "--api-key", API_KEY, "--hold-until-active", str(BATCH_JOBS))
    try:
        gimp = Gimp(build_dir, scratch, emulator)
        inputs, output = [], os.path.join(scratch, "batch out")
        for stem, colour in BATCH_INPUTS.items():
            inputs.append(os.path.join(scratch, stem + ".png"))
            write_png(inputs[-1], 160, 120, colour)
        wrapper = [os.path.join(ROOT, "scripts", "genlayer-batch"), "--profile", gimp.profile]
        refused = subprocess.run(wrapper + ["--prompt", BATCH_PROMPT, "--jobs", "0", "--output", output,
                                            *inputs], env=gimp.env, capture_output=True, text=True)
        batch = subprocess.Popen(wrapper + ["--prompt", BATCH_PROMPT, "--jobs", str(BATCH_JOBS),
                                            "--output", output, *inputs],
                                 env=gimp.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        overlapped = emulator.wait(GIMP_TIMEOUT_S, most_active=BATCH_JOBS) is not None
        if overlapped:
            batch_stderr = batch.communicate(timeout=GIMP_TIMEOUT_S)[1]
        else:
            kill_hard(batch)  # its first task is held for good
            batch_stderr = ""
        submits, state = emulator.submits(), emulator.state()
        facts, stderr = gimp.run_cases("recovery_cases.scm", "genlayer-batch-output-cases", output,
                                       *BATCH_INPUTS)
    finally:
        emulator.stop()
    checks = Checks(facts)
    if not overlapped:
        checks.fail(name, "the batch never had %d tasks on the gateway at once" % BATCH_JOBS)
    checks.equal(name, "exit code of --jobs 0", refused.returncode, 2)
    checks.equal(name, "exit code", batch.returncode, 0)
    checks.equal(name, "files in the output folder", sorted(os.listdir(output)),
                 sorted(stem + extension for stem in BATCH_INPUTS for extension in (".png", ".xcf")))
    checks.equal(name, "submits in the emulator's log", len(submits), len(BATCH_INPUTS))
    checks.equal(name, "most tasks at once with --jobs %d" % BATCH_JOBS, state["most_active"], BATCH_JOBS)
    key = xor_key(BATCH_PROMPT, 0)
    for stem, colour in BATCH_INPUTS.items():
        facts = checks.case(stem)
        if facts is None:
            continue
        checks.facts_are(stem, facts, {
            "xcf.layers": "2", "xcf.top.name": BATCH_PROMPT + " (genlayer)", "xcf.top.offsets": "0 0",
            "xcf.top.size": "160 120", "xcf.bottom.name": "Background", "png.layers": "1",
            "png.size": "160 120"})
        checks.colour_near(stem, facts, "png.centre", colour, JPEG_TOLERANCE, unxor=key)
    return checks, batch_stderr + stderr


SUITES = {"generation": run_generation_suite, "refusals": run_refusal_suite, "undo": run_undo_suite,
          "recover": run_recover_suite, "recover-dialog": run_recover_dialog_suite,
          "batch": run_batch_suite}


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
