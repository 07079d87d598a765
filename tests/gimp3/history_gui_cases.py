"""The GIMP 3 cases of Generation History…, run inside gimp-3.0's Python-Fu
under Xvfb by gimp3_plugin_test.py, whose driver works the dialog with
xdotool: first Insert, with the gateway stopped; then Use these settings,
whose Generate Layer… dialog generates anew."""
from case_support import Gimp, background_of, call, make_image, read, record_layer, run_cases, RGBA_U8

RGB, RGB_IMAGE = Gimp.ImageBaseType.RGB, Gimp.ImageType.RGB_IMAGE


def browse(image):
    return call("plug-in-genlayer-history", run_mode=Gimp.RunMode.INTERACTIVE, image=image,
                drawables=[background_of(image)])


def history_gui_cases(facts_path, rgba_path):
    def case_dialog_insert(facts, name):
        image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
        Gimp.Display.new(image)
        image.select_rectangle(Gimp.ChannelOps.REPLACE, 8, 16, 32, 24)
        layers = list(browse(image).get_core_object_array(1))
        facts.add(name, "num-layers", len(layers))
        record_layer(facts, name, "new", image, layers[0])
        with open(rgba_path, "wb") as rgba:
            layer = layers[0]
            rgba.write(bytes(read(layer, 0, 0, layer.get_width(), layer.get_height(), RGBA_U8)))
        facts.add(name, "inserted", 1)

    def case_use_settings(facts, name):
        image = make_image(64, 64, RGB, RGB_IMAGE, (200, 40, 40))
        Gimp.Display.new(image)
        browse(image)
        layers = image.get_layers()
        facts.add(name, "layers-in-image", len(layers))
        facts.add(name, "top.name", layers[0].get_name())
        facts.add(name, "top.size", layers[0].get_width(), layers[0].get_height())

    run_cases(facts_path, [("dialog-insert", case_dialog_insert),
                           ("use-settings", case_use_settings)])
