#include "cost_text.h"

#include <genlayer/genlayer.h>

gchar *
genlayer_cost_text (gint n)
{
    genlayer_limits limits = { .struct_size = sizeof limits };

    genlayer_get_limits (&limits);
    return g_strdup_printf ("Cost: %d × $%.3f = $%.3f", n, limits.price_per_image_usd,
                            n * limits.price_per_image_usd);
}
