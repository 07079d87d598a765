"""scripts/genlayer-batch under test, the same in both GIMP suites: three
files with --jobs 2 against an emulator that holds every task until two are
on the gateway at once (--hold-until-active 2), so the batch gets on only by
keeping two in flight, however slowly it submits them. What the batch wrote
is read back in GIMP by each suite's own case (XCF and PNG facts), and
checked here with the emulator's log and state and the journal."""
import os
import subprocess

from emulator import xor_key
from generation_checks import JPEG_TOLERANCE
from png_file import write_rgb_png
from processes import kill_hard
from recovery_after_kill import journal_stages

BATCH_INPUTS = {"red": [200, 40, 40], "green": [40, 160, 60], "blue": [40, 90, 200]}
BATCH_PROMPT = "as a watercolour"
BATCH_JOBS = 2
BATCH_EMULATOR_ARGUMENTS = ("--hold-until-active", str(BATCH_JOBS))
WIDTH, HEIGHT = 160, 120


class BatchRun:
    """What one run of the wrapper did: its refusal of --jobs 0, its exit
    code and stderr, whether two tasks were on the gateway at once, the
    emulator's submits and state, and the journal's stages."""

    def __init__(self, wrapper, env, emulator, scratch, timeout_s):
        self.output = os.path.join(scratch, "batch out")
        inputs = []
        for stem, colour in BATCH_INPUTS.items():
            inputs.append(os.path.join(scratch, stem + ".png"))
            write_rgb_png(inputs[-1], WIDTH, HEIGHT, [bytes(colour) * WIDTH] * HEIGHT)
        self.refused = subprocess.run(wrapper + ["--prompt", BATCH_PROMPT, "--jobs", "0",
                                                 "--output", self.output, *inputs],
                                      env=env, capture_output=True, text=True)
        batch = subprocess.Popen(wrapper + ["--prompt", BATCH_PROMPT, "--jobs", str(BATCH_JOBS),
                                            "--output", self.output, *inputs],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
        self.overlapped = emulator.wait(timeout_s, most_active=BATCH_JOBS) is not None
        if self.overlapped:
            self.stderr = batch.communicate(timeout=timeout_s)[1]
        else:
            kill_hard(batch)  # its first task is held for good
            self.stderr = ""
        self.returncode = batch.returncode
        self.submits, self.state = emulator.submits(), emulator.state()
        journal = os.path.join(env["XDG_STATE_HOME"], "genlayer", "journal")
        self.stages = journal_stages(env["XDG_STATE_HOME"]) if os.path.isdir(journal) else {}

    def check(self, checks, name, facts_of):
        """The checks of the run, with facts_of(stem): that output's facts (or None)."""
        if not self.overlapped:
            checks.fail(name, "the batch never had %d tasks on the gateway at once" % BATCH_JOBS)
        checks.equal(name, "exit code of --jobs 0", self.refused.returncode, 2)
        checks.equal(name, "exit code", self.returncode, 0)
        checks.equal(name, "files in the output folder", sorted(os.listdir(self.output)),
                     sorted(stem + extension for stem in BATCH_INPUTS
                            for extension in (".png", ".xcf")))
        checks.equal(name, "submits in the emulator's log", len(self.submits), len(BATCH_INPUTS))
        checks.equal(name, "most tasks at once with --jobs %d" % BATCH_JOBS,
                     self.state["most_active"], BATCH_JOBS)
        checks.equal(name, "the journal's stages", sorted(self.stages.values()),
                     ["collected"] * len(BATCH_INPUTS))
        key = xor_key(BATCH_PROMPT, 0)
        for stem, colour in BATCH_INPUTS.items():
            facts = facts_of(stem)
            if facts is None:
                continue
            checks.facts_are(stem, facts, {
                "xcf.layers": "2", "xcf.top.name": BATCH_PROMPT + " (genlayer)",
                "xcf.top.offsets": "0 0", "xcf.top.size": "%d %d" % (WIDTH, HEIGHT),
                "xcf.bottom.name": "Background", "png.layers": "1",
                "png.size": "%d %d" % (WIDTH, HEIGHT)})
            checks.colour_near(stem, facts, "png.centre", colour, JPEG_TOLERANCE, unxor=key)
