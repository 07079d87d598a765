#include "run_values.h"

/* In the GIMP profile, so that repeats survive a restart. */
#define LAST_VALUES_FILE "genlayer-last-values.ini"

gboolean
genlayer_run_values_obtain (GimpRunMode run_mode, GenlayerValuesSource from_dialog,
                            GenlayerValuesSource from_arguments, gpointer data,
                            GenlayerPluginValues *values, gchar **error)
{
    gchar *path = g_build_filename (gimp_directory (), LAST_VALUES_FILE, NULL);
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
