"""What scripts/genlayer-batch --gimp 3 wrote, read back inside
gimp-console-3.0's Python-Fu by gimp3_plugin_test.py: the facts the GIMP
2.10 suite's case-batch-output records, for tests/gimp_common/batch_run.py;
and the procedure behind it: its menu item and its refusals."""
import os

from case_support import Gimp, Gio, background_of, load, record_layer, record_pixel, run_cases

BATCH = "plug-in-genlayer-batch"


def case_batch_output(facts, name, output_dir):
    saved = load(os.path.join(output_dir, name + ".xcf"))
    alone = load(os.path.join(output_dir, name + ".png"))
    layers = saved.get_layers()
    facts.add(name, "xcf.layers", len(layers))
    record_layer(facts, name, "xcf.top", saved, layers[0])
    facts.add(name, "xcf.bottom.name", layers[-1].get_name())
    facts.add(name, "png.layers", len(alone.get_layers()))
    facts.add(name, "png.size", alone.get_width(), alone.get_height())
    record_pixel(facts, name, "png.centre", background_of(alone), alone.get_width() // 2,
                 alone.get_height() // 2)
    saved.delete()
    alone.delete()


def refusal(**arguments):
    """The sentence a non-interactive call with these arguments fails with, or "none"."""
    procedure = Gimp.get_pdb().lookup_procedure(BATCH)
    config = procedure.create_config()
    config.set_property("run-mode", Gimp.RunMode.NONINTERACTIVE)
    for key, value in arguments.items():
        config.set_property(key.replace("_", "-"), value)  # files: a list of strings, not objects
    result = procedure.run(config)
    return result.index(1) if result.index(0) != Gimp.PDBStatusType.SUCCESS else "none"


def case_batch_procedure(facts, name, output_dir):
    procedure = Gimp.get_pdb().lookup_procedure(BATCH)
    facts.add(name, "menu-label", procedure.get_menu_label())
    facts.add(name, "menu-paths", *procedure.get_menu_paths())
    output = Gio.File.new_for_path(output_dir)
    facts.add(name, "no-prompt", refusal(files=["a.png"], output_folder=output))
    facts.add(name, "no-output-folder", refusal(files=["a.png"], prompt="p"))
    facts.add(name, "no-inputs", refusal(prompt="p", output_folder=output))
    facts.add(name, "unreadable-file",
              refusal(files=[os.path.join(output_dir, "missing.png")], prompt="p",
                      output_folder=output))


def batch_output_cases(facts_path, output_dir, *names):
    run_cases(facts_path, [(name, lambda facts, case: case_batch_output(facts, case, output_dir))
                           for name in names]
              + [("batch-procedure",
                  lambda facts, case: case_batch_procedure(facts, case, output_dir))])
