#include "procedure_results.h"

#include <string.h>

void
genlayer_procedure_results_take (GenlayerProcedureResults *results, GenlayerProcedureResults *more)
{
    if (more->n_layers > 0)
    {
        results->layers = g_renew (gint32, results->layers, results->n_layers + more->n_layers);
        memcpy (results->layers + results->n_layers, more->layers,
                sizeof (gint32) * (gsize) more->n_layers);
        results->n_layers += more->n_layers;
    }
    g_free (results->task_id);
    results->task_id = g_steal_pointer (&more->task_id);
    genlayer_procedure_results_clear (more);
}

void
genlayer_procedure_results_clear (GenlayerProcedureResults *results)
{
    g_clear_pointer (&results->layers, g_free);
    g_clear_pointer (&results->task_id, g_free);
    results->n_layers = 0;
}
