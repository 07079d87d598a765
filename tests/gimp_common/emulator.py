"""The gateway emulator for the GIMP suites of both plug-ins: starting and
stopping it, reading its log, and what it draws, so that a suite can tell
the pixels a generation should have.
"""
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request


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

    def __init__(self, build_dir, *options, api_port=0):
        """api_port 0: a free one (see started_again)."""
        self.build_dir, self.options = build_dir, options
        self.process = subprocess.Popen(
            [os.path.join(build_dir, "bin", "genlayer-gateway"), "--port", str(api_port),
             "--files-port", "0", "--gen-ms", "300", *options],
            stdout=subprocess.PIPE, text=True)
        ports = dict(self.process.stdout.readline().split() for _ in range(2))
        self.api_port = int(ports["API"])
        self.base_url = "http://127.0.0.1:%d" % self.api_port

    def _get(self, path):
        with urllib.request.urlopen(self.base_url + path, timeout=10) as answer:
            return json.load(answer)

    def log(self):
        return self._get("/_emulator/log")

    def tasks(self):
        """[{id, created_ms, completes_at_ms, status, polls}]"""
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

    def started_again(self):
        """Once this one stopped: a new one with its options on its API
        port, where a GIMP that is still running expects the gateway."""
        return Emulator(self.build_dir, *self.options, api_port=self.api_port)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
