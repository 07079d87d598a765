#include "job_target.h"

#include "json_members.h"

#include <unistd.h>

/* GIMP starts every plug-in as its own child: the parent's process id tells
 * one GIMP session from another. */
static gint64
gimp_session (void)
{
    return getppid ();
}

gchar *
genlayer_job_target_json (const GenlayerSourceRegion *region,
                          const GenlayerPluginValues *values)
{
    JsonBuilder *builder = json_builder_new ();
    /* Ids do not outlive the GIMP session; the file and layer name do. */
    gchar *image_file = gimp_image_get_filename (region->image);
    gchar *drawable_name = gimp_item_get_name (region->drawable);

    json_builder_begin_object (builder);
    genlayer_json_add_string (builder, "host", GENLAYER_JOB_TARGET_HOST);
    genlayer_json_add_int (builder, "gimp_pid", gimp_session ());
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

/* A string member, NULL when missing or null. */
static gchar *
dup_string_member (JsonObject *object, const gchar *name)
{
    return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

gboolean
genlayer_job_target_read (JsonObject *object, GenlayerJobTarget *target)
{
    JsonObject *region = NULL;

    *target = (GenlayerJobTarget) { .image = -1, .drawable = -1 };
    if (g_strcmp0 (json_object_get_string_member_with_default (object, "host", NULL),
                   GENLAYER_JOB_TARGET_HOST) != 0)
        return FALSE;
    target->same_session
        = json_object_get_int_member_with_default (object, "gimp_pid", -1) == gimp_session ();
    target->image = (gint32) json_object_get_int_member_with_default (object, "image", -1);
    target->image_file = dup_string_member (object, "image_file");
    target->drawable = (gint32) json_object_get_int_member_with_default (object, "drawable", -1);
    target->drawable_name = dup_string_member (object, "drawable_name");
    if (json_object_has_member (object, "region"))
        region = json_object_get_object_member (object, "region");
    if (region)
    {
        target->region.x = (gint) json_object_get_int_member_with_default (region, "x", 0);
        target->region.y = (gint) json_object_get_int_member_with_default (region, "y", 0);
        target->region.width = (gint) json_object_get_int_member_with_default (region, "width", 0);
        target->region.height = (gint) json_object_get_int_member_with_default (region, "height", 0);
    }
    target->placement = (gint) json_object_get_int_member_with_default (
        object, "placement", GENLAYER_PLACEMENT_GENERATED_SIZE);
    target->mask = json_object_get_boolean_member_with_default (object, "mask", FALSE);
    return TRUE;
}

void
genlayer_job_target_clear (GenlayerJobTarget *target)
{
    g_clear_pointer (&target->image_file, g_free);
    g_clear_pointer (&target->drawable_name, g_free);
}
