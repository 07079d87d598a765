/*
 * An image of the history put back into an image as a new layer, exactly as
 * a fresh generation would be (above the drawable, at its region, masked to
 * the selection, one undo step, its genlayer-info parasite), without the
 * gateway: the pixels come from the history on disk.
 */
#ifndef GENLAYER_INSERT_HISTORY_ENTRY_H
#define GENLAYER_INSERT_HISTORY_ENTRY_H

#include "gimp_api.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

/* Inserts the entry whose id is `entry_id` (or the one id it begins, 4 hex
 * digits or more) above `drawable`. Returns GENLAYER_OK and fills *out (the
 * task id is the entry's), or the failure with a one-sentence *error. */
genlayer_status genlayer_insert_history_entry (genlayer_client *client, GenlayerGimpImage image,
                                               GenlayerGimpDrawable drawable, const gchar *entry_id,
                                               GenlayerProcedureResults *out, gchar **error);

G_END_DECLS

#endif
