/*
 * The second half of a generation: collect a journaled task and insert its
 * layers as plug-in-genlayer would have, from the target the journal kept
 * (source layer, region, placement, mask, prompt).
 */
#ifndef GENLAYER_GIMP2_COLLECT_JOURNALED_TASK_H
#define GENLAYER_GIMP2_COLLECT_JOURNALED_TASK_H

#include "deliver_results.h"
#include "job_wait.h"
#include "journaled_jobs.h"

#include <genlayer/genlayer.h>
#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* Waits for the task of `journaled` (at most timeout_s seconds; 0: the
 * client's timeout) and inserts its layers into `image`: above the source
 * layer when it is still there (the same layer in this GIMP session, else
 * the layer of the same name, else the active one), at the journaled region,
 * placement and mask (cut from the image's selection, if it has one). With
 * image -1 they go into a new image of the first result's size. Returns
 * GENLAYER_OK and fills *out, or the failure with a one-sentence *error
 * (free it); the task then stays in the journal. */
genlayer_status genlayer_collect_journaled_task (genlayer_client *client, gint32 image,
                                                 const GenlayerJournaledJob *journaled,
                                                 gdouble timeout_s, GenlayerWait wait,
                                                 GenlayerGeneratedLayers *out, gchar **error);

G_END_DECLS

#endif
