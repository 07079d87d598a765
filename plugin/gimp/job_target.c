#include "job_target.h"

#include "json_members.h"

gchar *
genlayer_job_target_json (const GenlayerSourceRegion *region,
                          const GenlayerPluginValues *values)
{
    JsonBuilder *builder = json_builder_new ();
    /* Ids do not outlive the GIMP session; the file and layer name do. */
    gchar *image_file = gimp_image_get_filename (region->image);
    gchar *drawable_name = gimp_item_get_name (region->drawable);

    json_builder_begin_object (builder);
    genlayer_json_add_string (builder, "host", "gimp-2.10");
    genlayer_json_add_int (builder, "image", region->image);
    genlayer_json_add_string (builder, "image_file", image_file);
    genlayer_json_add_int (builder, "drawable", region->drawable);
    genlayer_json_add_string (builder, "drawable_name", drawable_name);
    json_builder_set_member_name (builder, "region");
    json_builder_begin_object (builder);
    genlayer_json_add_int (builder, "x", region->x);
    genlayer_json_add_int (builder, "y", region->y);
    genlayer_json_add_int (builder, "width", region->width);
    genlayer_json_add_int (builder, "height", region->height);
    json_builder_end_object (builder);
    genlayer_json_add_int (builder, "placement", values->placement);
    genlayer_json_add_boolean (builder, "mask", region->has_selection && values->mask);
    json_builder_end_object (builder);

    g_free (drawable_name);
    g_free (image_file);
    return genlayer_json_finish (builder);
}
