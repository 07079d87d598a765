/*
 * The plug-in's PDB procedures. Each runs with a client made for it and
 * fills what it returns: new layers and a task id, or a one-sentence *error
 * (free it). main.c registers them and packs their return values.
 */
#ifndef GENLAYER_GIMP2_PROCEDURES_H
#define GENLAYER_GIMP2_PROCEDURES_H

#include "job_wait.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

typedef GimpPDBStatusType GenlayerProcedureRun (GimpRunMode run_mode, const GimpParam *params,
                                                gint n_params, genlayer_client *client,
                                                GenlayerProcedureResults *out, gchar **error);

GenlayerProcedureRun genlayer_run_generate; /* plug-in-genlayer: generate and insert */
GenlayerProcedureRun genlayer_run_submit;   /* plug-in-genlayer-submit: up to the task id */
GenlayerProcedureRun genlayer_run_collect; /* plug-in-genlayer-collect: a submitted task's layers */
GenlayerProcedureRun genlayer_run_recover; /* plug-in-genlayer-recover: what the journal holds */
/* plug-in-genlayer-history-insert: an image of the history, without the gateway */
GenlayerProcedureRun genlayer_run_history_insert;
/* plug-in-genlayer-history: the Generation History dialog */
GenlayerProcedureRun genlayer_run_history_browse;

G_END_DECLS

#endif
