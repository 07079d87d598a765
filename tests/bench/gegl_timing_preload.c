/* Preloaded into GIMP (LD_PRELOAD) by the pixel benchmark, because the
 * plug-in reports no stage times of its own. In the genlayer plug-in's
 * process only (genlayer-gimp in GIMP 2.10, genlayer in GIMP 3), it appends one line per pixel transfer to the file
 * named by $GENLAYER_BENCH_TRACE: read|write|flush START END WIDTH HEIGHT (gegl_buffer_get, gegl_buffer_set,
 * gegl_buffer_flush; a flush has no size), in wall-clock seconds: the clock Script-Fu's gettimeofday reads, so the
 * driver can lay these on one time line with the emulator's log. Every call,
 * in every process, goes on to GEGL unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <gegl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static FILE* trace_file;

static int is_plugin_process(void) {
    return strcmp(program_invocation_short_name, "genlayer-gimp") == 0 ||
           strcmp(program_invocation_short_name, "genlayer") == 0;
}

__attribute__((constructor)) static void open_trace(void) {
    const char* path = getenv("GENLAYER_BENCH_TRACE");

    if (path && is_plugin_process()) trace_file = fopen(path, "a");
}

static double wall_seconds(void) {
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void trace(const char* what, double start, const GeglRectangle* rect) {
    if (!trace_file) return;
    fprintf(trace_file, "%s %.6f %.6f %d %d\n", what, start, wall_seconds(), rect ? rect->width : 0,
            rect ? rect->height : 0);
    fflush(trace_file);
}

/* GEGL's own function of that name, found once. */
static void* next_definition(void** cached, const char* name) {
    if (!*cached) *cached = dlsym(RTLD_NEXT, name);
    return *cached;
}

void gegl_buffer_get(GeglBuffer* buffer, const GeglRectangle* rect, gdouble scale, const Babl* format, gpointer dest,
                     gint rowstride, GeglAbyssPolicy repeat_mode) {
    static void* real;
    void (*get)(GeglBuffer*, const GeglRectangle*, gdouble, const Babl*, gpointer, gint, GeglAbyssPolicy) =
        next_definition(&real, "gegl_buffer_get");
    const double start = wall_seconds();

    get(buffer, rect, scale, format, dest, rowstride, repeat_mode);
    trace("read", start, rect);
}

void gegl_buffer_set(GeglBuffer* buffer, const GeglRectangle* rect, gint mipmap_level, const Babl* format,
                     const void* src, gint rowstride) {
    static void* real;
    void (*set)(GeglBuffer*, const GeglRectangle*, gint, const Babl*, const void*, gint) =
        next_definition(&real, "gegl_buffer_set");
    const double start = wall_seconds();

    set(buffer, rect, mipmap_level, format, src, rowstride);
    trace("write", start, rect);
}

void gegl_buffer_flush(GeglBuffer* buffer) {
    static void* real;
    void (*flush)(GeglBuffer*) = next_definition(&real, "gegl_buffer_flush");
    const double start = wall_seconds();

    flush(buffer);
    trace("flush", start, NULL);
}
