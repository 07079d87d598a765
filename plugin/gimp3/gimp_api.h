/*
 * The GIMP calls of the shim code in plugin/ (written once for both GIMPs)
 * over libgimp-3.0, where images and items are objects and NULL is none.
 * plugin/gimp2/gimp_api.h gives the same names over libgimp-2.0. Only what
 * the two spell differently is here; the rest is called directly.
 */
#ifndef GENLAYER_GIMP3_GIMP_API_H
#define GENLAYER_GIMP3_GIMP_API_H

#include "job_target.h"

#include <libgimp/gimp.h>

G_BEGIN_DECLS

/* The journal's "host" of this shim. */
#define GENLAYER_GIMP_HOST GENLAYER_HOST_GIMP3

typedef GimpImage *GenlayerGimpImage;
typedef GimpDrawable *GenlayerGimpDrawable; /* a layer, layer mask or channel */
typedef GimpLayer *GenlayerGimpLayer;
typedef GimpLayerMask *GenlayerGimpLayerMask;

#define GENLAYER_GIMP_NONE NULL

/* An item as the calls for items, drawables and layers take it. */
#define GENLAYER_GIMP_ITEM(item) GIMP_ITEM (item)
#define GENLAYER_GIMP_DRAWABLE(item) GIMP_DRAWABLE (item)
#define GENLAYER_GIMP_LAYER(item) GIMP_LAYER (item)
#define GENLAYER_GIMP_LAYER_MASK(item) GIMP_LAYER_MASK (item)

static inline gint32
genlayer_gimp_image_id (GenlayerGimpImage image)
{
    return gimp_image_get_id (image);
}

static inline gint32
genlayer_gimp_item_id (gpointer item)
{
    return gimp_item_get_id (GIMP_ITEM (item));
}

/* The image of this id, if it still exists in this session. */
static inline GenlayerGimpImage
genlayer_gimp_image_by_id (gint32 id)
{
    /* A deleted image's id still finds its (stale) proxy object. */
    return gimp_image_id_is_valid (id) ? gimp_image_get_by_id (id) : NULL;
}

/* The drawable of this id, if it still exists in this session. */
static inline GenlayerGimpDrawable
genlayer_gimp_drawable_by_id (gint32 id)
{
    return gimp_item_id_is_drawable (id) ? gimp_drawable_get_by_id (id) : NULL;
}

/* The layer of this id (one the plug-in made in this session). */
static inline GenlayerGimpLayer
genlayer_gimp_layer_by_id (gint32 id)
{
    return gimp_layer_get_by_id (id);
}

static inline void
genlayer_gimp_drawable_offsets (GenlayerGimpDrawable drawable, gint *x, gint *y)
{
    gimp_drawable_get_offsets (drawable, x, y);
}

static inline gint
genlayer_gimp_drawable_width (GenlayerGimpDrawable drawable)
{
    return gimp_drawable_get_width (drawable);
}

static inline gint
genlayer_gimp_drawable_height (GenlayerGimpDrawable drawable)
{
    return gimp_drawable_get_height (drawable);
}

static inline GimpImageBaseType
genlayer_gimp_image_base_type (GenlayerGimpImage image)
{
    return gimp_image_get_base_type (image);
}

/* The local file the image was opened from or saved to, or NULL. Free with g_free. */
static inline gchar *
genlayer_gimp_image_file (GenlayerGimpImage image)
{
    GFile *file = gimp_image_get_file (image);
    gchar *path = file ? g_file_get_path (file) : NULL;

    g_clear_object (&file);
    return path;
}

/* The drawable an action on the image applies to (the first selected), or none. */
static inline GenlayerGimpDrawable
genlayer_gimp_image_active_drawable (GenlayerGimpImage image)
{
    GimpDrawable **selected = gimp_image_get_selected_drawables (image);
    GimpDrawable *first = selected ? selected[0] : NULL;

    g_free (selected);
    return first;
}

/* Every open image: a NULL-free array of *count. Free with g_free. */
static inline GenlayerGimpImage *
genlayer_gimp_open_images (gint *count)
{
    GimpImage **images = gimp_get_images ();

    *count = images ? (gint) gimp_core_object_array_get_length ((GObject **) images) : 0;
    return images;
}

/* Opens Generate Layer… on the drawable as its menu item does: the dialog
 * starts from the last values. Returns once that run ended. */
static inline void
genlayer_gimp_open_generate_dialog (GenlayerGimpImage image, GenlayerGimpDrawable drawable)
{
    GimpProcedure *generate = gimp_pdb_lookup_procedure (gimp_get_pdb (), "plug-in-genlayer");
    GimpDrawable *drawables[] = { drawable, NULL };
    GimpValueArray *values = generate
                                 ? gimp_procedure_run (generate, "run-mode", GIMP_RUN_INTERACTIVE,
                                                       "image", image, "drawables", drawables, NULL)
                                 : NULL;

    g_clear_pointer (&values, gimp_value_array_unref);
}

G_END_DECLS

#endif
