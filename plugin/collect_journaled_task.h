/*
 * The second half of a generation: collect a journaled task and insert its
 * layers as plug-in-genlayer would have, from the target the journal kept
 * (source layer, region, placement, mask, prompt).
 */
#ifndef GENLAYER_COLLECT_JOURNALED_TASK_H
#define GENLAYER_COLLECT_JOURNALED_TASK_H

#include "gimp_api.h"
#include "job_wait.h"
#include "journaled_jobs.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

/* Waits for the task of `journaled` (at most timeout_s seconds; 0: the
 * client's timeout) and inserts its layers into `image`: above the source
 * layer when it is still there (the same layer in this GIMP session, else
 * the layer of the same name, else the active one), at the journaled region,
 * placement and mask (cut from the image's selection, if it has one). With
 * no image they go into a new image of the first result's size. Returns
 * GENLAYER_OK and fills *out, or the failure with a one-sentence *error
 * (free it); the task then stays in the journal. */
genlayer_status genlayer_collect_journaled_task (genlayer_client *client, GenlayerGimpImage image,
                                                 const GenlayerJournaledJob *journaled,
                                                 gdouble timeout_s, GenlayerWait wait,
                                                 GenlayerProcedureResults *out, gchar **error);

/* plug-in-genlayer-collect: the same for the task of `task_id`, which must
 * be one GIMP submitted on this computer (the journal knows where its
 * layers go). */
genlayer_status genlayer_collect_task (genlayer_client *client, GenlayerGimpImage image,
                                       const gchar *task_id, gdouble timeout_s, GenlayerWait wait,
                                       GenlayerProcedureResults *out, gchar **error);

G_END_DECLS

#endif
