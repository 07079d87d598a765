/*
 * The values a plug-in-genlayer or plug-in-genlayer-submit run uses, by run
 * mode: the dialog's (starting from the last values), the arguments', or
 * the last values again. Every run's values are stored in GIMP's profile, so
 * that a repeat after a restart still has them.
 */
#ifndef GENLAYER_RUN_VALUES_H
#define GENLAYER_RUN_VALUES_H

#include "plugin_values.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* A source of values: TRUE once it filled *values; FALSE when the person
 * closed the dialog (*error stays NULL) or an argument was refused (*error
 * set to its sentence). */
typedef gboolean (*GenlayerValuesSource) (GenlayerPluginValues *values, gpointer data,
                                          gchar **error);

/* The run's values into *values (initialised): from_dialog for an
 * interactive run, from_arguments for a script, the stored ones for a
 * repeat. FALSE as the source said. */
gboolean genlayer_run_values_obtain (GimpRunMode run_mode, GenlayerValuesSource from_dialog,
                                     GenlayerValuesSource from_arguments, gpointer data,
                                     GenlayerPluginValues *values, gchar **error);

/* The next interactive run's dialog starts from these prompt, size and
 * resolution, with the other last values. */
void genlayer_run_values_preset (const gchar *prompt, const gchar *size, const gchar *resolution);

G_END_DECLS

#endif
