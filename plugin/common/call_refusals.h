/* The sentences that refuse a procedure call, the same in both GIMPs. */
#ifndef GENLAYER_PLUGIN_CALL_REFUSALS_H
#define GENLAYER_PLUGIN_CALL_REFUSALS_H

#include <glib.h>

G_BEGIN_DECLS

/* NULL for a non-empty task id, else the sentence refusing it (free it). */
gchar *genlayer_task_id_refusal (const gchar *task_id);

/* NULL for a timeout of 0 (the configured one) or more seconds, else the
 * sentence refusing it (free it). */
gchar *genlayer_timeout_refusal (gint timeout_s);

/* The sentence refusing a source region: the selection misses the source
 * layer (free it). */
gchar *genlayer_selection_outside_refusal (void);

G_END_DECLS

#endif
