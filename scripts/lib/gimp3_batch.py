"""scripts/genlayer-batch --gimp 3: the Python-Fu batch that gimp-console-3.0
runs (python-fu-eval), one call of the plug-in's plug-in-genlayer-batch.

A refusal or a file without output is printed to stderr with the
procedure's sentence; the wrapper then judges by the output files, since
GIMP's exit code says nothing.
"""
import sys

PROCEDURE = "plug-in-genlayer-batch"


def run_batch(files, prompt, size, jobs, output_dir):
    import gi
    gi.require_version("Gimp", "3.0")
    from gi.repository import Gimp, Gio

    procedure = Gimp.get_pdb().lookup_procedure(PROCEDURE)
    if procedure is None:
        print("genlayer-batch: GIMP 3 has no %s; install the plug-in with "
              "scripts/install-plugin --gimp 3." % PROCEDURE, file=sys.stderr)
        return
    config = procedure.create_config()
    config.set_property("run-mode", Gimp.RunMode.NONINTERACTIVE)
    config.set_property("files", files)
    config.set_property("prompt", prompt)
    config.set_property("size", size)
    config.set_property("jobs", jobs)
    config.set_property("output-folder", Gio.File.new_for_path(output_dir))
    result = procedure.run(config)
    if result.index(0) != Gimp.PDBStatusType.SUCCESS:
        print("genlayer-batch: %s" % result.index(1), file=sys.stderr)


def batch_call(prompt, size, jobs, output_dir, *files):
    """The python-fu-eval batch that runs run_batch with these arguments."""
    arguments = (list(files), prompt, size, int(jobs), output_dir)
    return "import sys; sys.dont_write_bytecode = True; sys.path.insert(0, %r); " \
           "import gimp3_batch; " \
           "gimp3_batch.run_batch(*%r)" % (sys.path[0], arguments)


if __name__ == "__main__":
    # python3 gimp3_batch.py PROMPT SIZE JOBS OUTPUT FILES...: prints the batch.
    print(batch_call(*sys.argv[1:]))
