#include "run_values.h"

/* In the GIMP profile, so that repeats survive a restart. */
#define LAST_VALUES_FILE "genlayer-last-values.ini"

static gchar *
last_values_path (void)
{
    return g_build_filename (gimp_directory (), LAST_VALUES_FILE, NULL);
}

gboolean
genlayer_run_values_obtain (GimpRunMode run_mode, GenlayerValuesSource from_dialog,
                            GenlayerValuesSource from_arguments, gpointer data,
                            GenlayerPluginValues *values, gchar **error)
{
    gchar *path = last_values_path ();
    gboolean obtained = TRUE;

    switch (run_mode)
    {
    case GIMP_RUN_INTERACTIVE:
        genlayer_plugin_values_load (values, path);
        obtained = from_dialog (values, data, error);
        break;
    case GIMP_RUN_NONINTERACTIVE:
        obtained = from_arguments (values, data, error);
        break;
    case GIMP_RUN_WITH_LAST_VALS:
        genlayer_plugin_values_load (values, path);
        break;
    }
    /* Every call's values are what the next repeat uses. */
    if (obtained)
        genlayer_plugin_values_save (values, path);
    g_free (path);
    return obtained;
}

void
genlayer_run_values_preset (const gchar *prompt, const gchar *size, const gchar *resolution)
{
    gchar *path = last_values_path ();
    GenlayerPluginValues values;

    genlayer_plugin_values_init (&values);
    genlayer_plugin_values_load (&values, path);
    g_free (values.prompt);
    g_free (values.size);
    g_free (values.resolution);
    values.prompt = g_strdup (prompt);
    values.size = g_strdup (size);
    values.resolution = g_strdup (resolution);
    genlayer_plugin_values_save (&values, path);
    genlayer_plugin_values_clear (&values);
    g_free (path);
}
