/*
 * The parameters of the plug-in's procedures, in their published order.
 * Script-Fu calls depend on the order: a parameter is only ever appended, or
 * grows through the JSON `options` string. plug-in-genlayer-submit takes
 * plug-in-genlayer's.
 */
#ifndef GENLAYER_GIMP2_PROCEDURE_ARGUMENTS_H
#define GENLAYER_GIMP2_PROCEDURE_ARGUMENTS_H

#include "plugin_values.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

enum {
    GENLAYER_ARG_RUN_MODE,
    GENLAYER_ARG_IMAGE,
    GENLAYER_ARG_DRAWABLE,
    GENLAYER_ARG_PROMPT,
    GENLAYER_ARG_SIZE,
    GENLAYER_ARG_RESOLUTION,
    GENLAYER_ARG_REFERENCE,
    GENLAYER_ARG_EXTRA_REFERENCES,
    GENLAYER_ARG_N,
    GENLAYER_ARG_PLACEMENT,
    GENLAYER_ARG_OPTIONS,
    GENLAYER_N_ARGS
};

/* The definitions GIMP registers, one per enum entry above. */
extern const GimpParamDef genlayer_procedure_arguments[GENLAYER_N_ARGS];

/* Fills *values from a non-interactive call's parameters. FALSE with a
 * one-sentence *error (free it) when one is out of range; *values may then
 * be partly filled. */
gboolean genlayer_values_from_arguments (GenlayerPluginValues *values, const GimpParam *params,
                                         gint n_params, gchar **error);

/* plug-in-genlayer-collect */
enum {
    GENLAYER_COLLECT_ARG_RUN_MODE,
    GENLAYER_COLLECT_ARG_IMAGE,
    GENLAYER_COLLECT_ARG_TASK_ID,
    GENLAYER_COLLECT_ARG_TIMEOUT_S,
    GENLAYER_COLLECT_N_ARGS
};

extern const GimpParamDef genlayer_collect_arguments[GENLAYER_COLLECT_N_ARGS];

/* The task id (owned by params) and timeout of a collect call. FALSE with a
 * one-sentence *error (free it) when one is refused. */
gboolean genlayer_collect_arguments_read (const GimpParam *params, gint n_params,
                                          const gchar **task_id, gint *timeout_s, gchar **error);

/* plug-in-genlayer-recover */
enum {
    GENLAYER_RECOVER_ARG_RUN_MODE,
    GENLAYER_RECOVER_ARG_IMAGE,
    GENLAYER_RECOVER_ARG_TIMEOUT_S,
    GENLAYER_RECOVER_N_ARGS
};

extern const GimpParamDef genlayer_recover_arguments[GENLAYER_RECOVER_N_ARGS];

/* The timeout of a recover call; errors as above. */
gboolean genlayer_recover_arguments_read (const GimpParam *params, gint n_params, gint *timeout_s,
                                          gchar **error);

/* plug-in-genlayer-history-insert */
enum {
    GENLAYER_HISTORY_INSERT_ARG_RUN_MODE,
    GENLAYER_HISTORY_INSERT_ARG_IMAGE,
    GENLAYER_HISTORY_INSERT_ARG_DRAWABLE,
    GENLAYER_HISTORY_INSERT_ARG_ENTRY_ID,
    GENLAYER_HISTORY_INSERT_N_ARGS
};

extern const GimpParamDef genlayer_history_insert_arguments[GENLAYER_HISTORY_INSERT_N_ARGS];

/* The entry id (owned by params) of a history-insert call; errors as above. */
gboolean genlayer_history_insert_arguments_read (const GimpParam *params, gint n_params,
                                                 const gchar **entry_id, gchar **error);

G_END_DECLS

#endif
