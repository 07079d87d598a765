/*
 * plug-in-genlayer-recover: imports the results a crash, a kill or a cancel
 * left in the journal, each into its image if that is open, else into a new
 * image.
 */
#ifndef GENLAYER_RECOVER_JOBS_H
#define GENLAYER_RECOVER_JOBS_H

#include "procedure_results.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Interactively the person picks the jobs in the Recover dialog; a script
 * gets every job that finishes within timeout_s seconds (0: the client's
 * timeout). A job that fails is told with gimp_message and stays in the
 * journal for another try. Returns GENLAYER_OK with the imported layers in
 * *out, or GENLAYER_CANCELLED when the person cancelled. */
genlayer_status genlayer_recover_jobs (GimpRunMode run_mode, genlayer_client *client,
                                       gint timeout_s, GenlayerProcedureResults *out);

G_END_DECLS

#endif
