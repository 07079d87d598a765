/*
 * Filters > Generative > Generation History…: the history's dialog, and
 * what its buttons do. Insert puts the chosen image into the image as a
 * fresh generation would be; Use these settings opens Generate Layer… with
 * its prompt and size. Nothing is sent to the gateway.
 */
#ifndef GENLAYER_BROWSE_HISTORY_H
#define GENLAYER_BROWSE_HISTORY_H

#include "gimp_api.h"
#include "procedure_results.h"

#include <genlayer/genlayer.h>

G_BEGIN_DECLS

/* Runs the dialog (interactive runs only: anything else is refused with a
 * one-sentence *error). *out holds an inserted layer; GENLAYER_CANCELLED
 * when the dialog was closed. */
genlayer_status genlayer_browse_history (GimpRunMode run_mode, genlayer_client *client,
                                         GenlayerGimpImage image, GenlayerGimpDrawable drawable,
                                         GenlayerProcedureResults *out, gchar **error);

G_END_DECLS

#endif
