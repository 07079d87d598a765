/*
 * The arguments and return values of the plug-in's GIMP 3 procedures, by
 * name (scripts pass them so), and reading a call's values from its config.
 * plug-in-genlayer-submit takes plug-in-genlayer's arguments.
 */
#ifndef GENLAYER_GIMP3_PROCEDURE_ARGUMENTS_H
#define GENLAYER_GIMP3_PROCEDURE_ARGUMENTS_H

#include "plugin_values.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* After run-mode, image and drawables: prompt, size, resolution, reference,
 * extra-references, n, placement, options; and the Generate dialog's own
 * values, which scripts pass through `options` (size and resolution menus,
 * model, mask, API key). */
void genlayer_add_generation_arguments (GimpProcedure *procedure);

/* Fills *values from a call's arguments. FALSE with a one-sentence *error
 * (free it) when one is refused; *values may then be partly filled. */
gboolean genlayer_values_from_arguments (GenlayerPluginValues *values, GimpProcedureConfig *config,
                                         gchar **error);

/* The values the Generate dialog edits, from and into the config. */
void genlayer_values_to_dialog (const GenlayerPluginValues *values, GimpProcedureConfig *config);
void genlayer_values_from_dialog (GenlayerPluginValues *values, GimpProcedureConfig *config);

/* plug-in-genlayer-collect: run-mode, image, task-id, timeout-s. */
void genlayer_add_collect_arguments (GimpProcedure *procedure);

/* The task id (free it) and timeout of a collect call. FALSE with a
 * one-sentence *error (free it) when one is refused. */
gboolean genlayer_collect_arguments_read (GimpProcedureConfig *config, gchar **task_id,
                                          gint *timeout_s, gchar **error);

/* plug-in-genlayer-recover: run-mode, image, timeout-s. */
void genlayer_add_recover_arguments (GimpProcedure *procedure);

/* The return values: `layers` (the new layers, top to bottom) for those
 * that make layers, `task-id` for those that know one. */
void genlayer_add_layers_return_value (GimpProcedure *procedure);
void genlayer_add_task_id_return_value (GimpProcedure *procedure);

G_END_DECLS

#endif
