#include "job_target.h"

#include "json_members.h"
#include "plugin_values.h"

#include <unistd.h>

/* GIMP starts every plug-in as its own child: the parent's process id tells
 * one GIMP session from another. */
static gint64
gimp_session (void)
{
    return getppid ();
}

gchar *
genlayer_job_target_json (const GenlayerJobTarget *target, const gchar *host)
{
    JsonBuilder *builder = json_builder_new ();

    json_builder_begin_object (builder);
    genlayer_json_add_string (builder, "host", host);
    genlayer_json_add_int (builder, "gimp_pid", gimp_session ());
    genlayer_json_add_int (builder, "image", target->image);
    genlayer_json_add_string (builder, "image_file", target->image_file);
    genlayer_json_add_int (builder, "drawable", target->drawable);
    genlayer_json_add_string (builder, "drawable_name", target->drawable_name);
    json_builder_set_member_name (builder, "region");
    json_builder_begin_object (builder);
    genlayer_json_add_int (builder, "x", target->x);
    genlayer_json_add_int (builder, "y", target->y);
    genlayer_json_add_int (builder, "width", target->width);
    genlayer_json_add_int (builder, "height", target->height);
    json_builder_end_object (builder);
    genlayer_json_add_int (builder, "placement", target->placement);
    genlayer_json_add_boolean (builder, "mask", target->mask);
    json_builder_end_object (builder);
    return genlayer_json_finish (builder);
}

/* A string member, NULL when missing or null. */
static gchar *
dup_string_member (JsonObject *object, const gchar *name)
{
    return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

static gboolean
is_gimp_host (const gchar *host)
{
    return g_strcmp0 (host, GENLAYER_HOST_GIMP2) == 0 || g_strcmp0 (host, GENLAYER_HOST_GIMP3) == 0;
}

gboolean
genlayer_job_target_read (JsonObject *object, const gchar *host, GenlayerJobTarget *target)
{
    const gchar *written_by = json_object_get_string_member_with_default (object, "host", NULL);
    JsonObject *region = NULL;

    *target = (GenlayerJobTarget){ .image = -1, .drawable = -1 };
    if (! is_gimp_host (written_by))
        return FALSE;
    target->same_session = g_strcmp0 (written_by, host) == 0
                           && json_object_get_int_member_with_default (object, "gimp_pid", -1)
                                  == gimp_session ();
    target->image = (gint32) json_object_get_int_member_with_default (object, "image", -1);
    target->image_file = dup_string_member (object, "image_file");
    target->drawable = (gint32) json_object_get_int_member_with_default (object, "drawable", -1);
    target->drawable_name = dup_string_member (object, "drawable_name");
    if (json_object_has_member (object, "region"))
        region = json_object_get_object_member (object, "region");
    if (region)
    {
        target->x = (gint) json_object_get_int_member_with_default (region, "x", 0);
        target->y = (gint) json_object_get_int_member_with_default (region, "y", 0);
        target->width = (gint) json_object_get_int_member_with_default (region, "width", 0);
        target->height = (gint) json_object_get_int_member_with_default (region, "height", 0);
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
