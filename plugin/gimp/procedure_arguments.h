/*
 * The parameters of plug-in-genlayer, in their published order. Script-Fu
 * calls depend on the order: a parameter is only ever appended, or grows
 * through the JSON `options` string.
 */
#ifndef GENLAYER_GIMP_PROCEDURE_ARGUMENTS_H
#define GENLAYER_GIMP_PROCEDURE_ARGUMENTS_H

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
 * one-sentence *error (free it) when one is out of range. */
gboolean genlayer_values_from_arguments (GenlayerPluginValues *values,
                                         const GimpParam *params, gint n_params,
                                         gchar **error);

G_END_DECLS

#endif
