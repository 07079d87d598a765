"""6. Listing the history (history_list_s).

genlayer-bench-history-listing fills a fresh history with N entries through
the store, then lists them through the index and by a plain scan of the
folder (every entry's own file read and parsed), in the same run. The
history is made on /dev/shm when there is one: making 10,000 entries costs
8 fsyncs each, which a disk would turn into minutes; the listing itself
syncs nothing.
"""
import os
import shutil
import tempfile

from bench_support import run_json


def measure(build_dir, scratch, entries):
    program = os.path.join(build_dir, "bin", "genlayer-bench-history-listing")
    parent = "/dev/shm" if os.path.isdir("/dev/shm") else scratch
    folder = tempfile.mkdtemp(prefix="genlayer-bench-history-", dir=parent)
    try:
        return run_json([program, "--dir", os.path.join(folder, "history"), "--entries", str(entries)], os.environ)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
