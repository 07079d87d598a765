"""genlayer in GIMP 3, headless, on one file: run inside gimp-console-3.0's
Python-Fu (scripts/demo builds the call with batch_call).

generate_file opens the file, selects the rectangle (image coordinates),
generates one layer from the selected pixels that covers the selection
(masked to it), saves the image with the new layer as XCF and flattened as
PNG, and returns the task id. A failure raises with the plug-in's sentence.
"""
import sys

PROCEDURE = "plug-in-genlayer"


def generate_file(in_file, x, y, width, height, prompt, xcf_file, png_file):
    import gi
    gi.require_version("Gimp", "3.0")
    from gi.repository import Gimp, Gio

    image = Gimp.file_load(Gimp.RunMode.NONINTERACTIVE, Gio.File.new_for_path(in_file))
    image.select_rectangle(Gimp.ChannelOps.REPLACE, x, y, width, height)
    procedure = Gimp.get_pdb().lookup_procedure(PROCEDURE)
    config = procedure.create_config()
    config.set_property("run-mode", Gimp.RunMode.NONINTERACTIVE)
    config.set_property("image", image)
    config.set_core_object_array("drawables", [image.get_layers()[0]])
    config.set_property("prompt", prompt)
    config.set_property("placement", "cover")
    result = procedure.run(config)
    if result.index(0) != Gimp.PDBStatusType.SUCCESS:
        raise RuntimeError("%s failed: %s" % (PROCEDURE, result.index(1)))
    Gimp.file_save(Gimp.RunMode.NONINTERACTIVE, image, Gio.File.new_for_path(xcf_file), None)
    image.flatten()
    Gimp.file_save(Gimp.RunMode.NONINTERACTIVE, image, Gio.File.new_for_path(png_file), None)
    image.delete()
    return result.index(2)


def batch_call(in_file, x, y, width, height, prompt, xcf_file, png_file):
    """The python-fu-eval batch that runs generate_file with these arguments."""
    arguments = (in_file, int(x), int(y), int(width), int(height), prompt, xcf_file, png_file)
    return "import sys; sys.path.insert(0, %r); import gimp3_generate_file; " \
           "gimp3_generate_file.generate_file(*%r)" % (sys.path[0], arguments)


if __name__ == "__main__":
    # python3 gimp3_generate_file.py IN X Y WIDTH HEIGHT PROMPT XCF PNG: prints the batch.
    print(batch_call(*sys.argv[1:]))
