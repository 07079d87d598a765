/*
 * What the plug-in's procedures return: the new layers (by their ids, which
 * both GIMPs give items) and the server's task id.
 */
#ifndef GENLAYER_PLUGIN_PROCEDURE_RESULTS_H
#define GENLAYER_PLUGIN_PROCEDURE_RESULTS_H

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
    gint32 *layers; /* the new layers' ids, top to bottom */
    gint n_layers;
    gchar *task_id; /* the server's task id */
} GenlayerProcedureResults;

/* Appends the layers and takes the task id of `more`, which is left empty. */
void genlayer_procedure_results_take (GenlayerProcedureResults *results,
                                      GenlayerProcedureResults *more);

void genlayer_procedure_results_clear (GenlayerProcedureResults *results);

G_END_DECLS

#endif
