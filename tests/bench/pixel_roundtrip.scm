; The pixel round trip in headless GIMP, loaded after tests/gimp2/test_support.scm
; by pixel_roundtrip.py. For a photo-like layer, opaque and with alpha, it moves
; the pixels GIMP's own way (file-png-save with its defaults, then
; gimp-file-load-layer into the image) and through a generation by the
; plug-in, and records each moment of the wall clock as "seconds microseconds".

(define (record-moment case-name key)
  (let ((now (gettimeofday)))
    (fact case-name key (car now) (cadr now))))

; Light falling across the frame with grain on top, like a photo; with alpha,
; a soft-edged oval cut-out on a transparent ground.
(define (make-photo-like size with-alpha)
  (let* ((image (car (gimp-image-new size size RGB)))
         (layer (car (gimp-layer-new image size size (if with-alpha RGBA-IMAGE RGB-IMAGE)
                                     "photo" 100 LAYER-MODE-NORMAL)))
         (margin (quotient size 8)))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-context-set-foreground '(38 70 140))
    (gimp-context-set-background '(236 188 120))
    (gimp-context-set-gradient-fg-bg-rgb)
    (gimp-drawable-edit-gradient-fill layer GRADIENT-LINEAR 0 FALSE 1 0 TRUE 0 0 size size)
    (plug-in-rgb-noise RUN-NONINTERACTIVE image layer FALSE FALSE 0.04 0.04 0.04 0)
    (if with-alpha
        (begin
          (gimp-image-select-ellipse image CHANNEL-OP-REPLACE margin margin
                                     (- size (* 2 margin)) (- size (* 2 margin)))
          (gimp-selection-feather image margin)
          (gimp-selection-invert image)
          (gimp-drawable-edit-clear layer)
          (gimp-selection-none image)))
    image))

(define (case-round-trip name size with-alpha work-dir size-text resolution)
  (let* ((image (make-photo-like size with-alpha))
         (layer (background-of image))
         (png (string-append work-dir "/" name ".png")))
    (record-moment name "gimp-start")
    (file-png-save-defaults RUN-NONINTERACTIVE image layer png png)
    (record-moment name "gimp-saved")
    (gimp-image-insert-layer image (car (gimp-file-load-layer RUN-NONINTERACTIVE image png)) 0 -1)
    (record-moment name "gimp-loaded")
    (record-moment name "genlayer-start")
    (let ((result (generate image layer "recolour the photo" size-text resolution 1 1 0 "")))
      (record-moment name "genlayer-end")
      (fact name "genlayer-layers" (car result)))
    (gimp-image-delete image)))

; Small warm-ups of both kinds first, so that neither way pays for loading
; its plug-in from a cold disk or for babl's first search of a conversion;
; then the measured rounds, the kinds taking turns: "opaque-1", "alpha-1", ...
(define (bench-pixel-roundtrip facts-file work-dir size size-text resolution rounds)
  (let* ((size (string->number size))
         (case-of (lambda (name case-size with-alpha)
                    (cons name (lambda () (case-round-trip name case-size with-alpha work-dir
                                                           size-text resolution)))))
         (measured (let loop ((round (string->number rounds)) (cases '()))
                     (if (= round 0)
                         cases
                         (let ((suffix (string-append "-" (number->string round))))
                           (loop (- round 1)
                                 (cons (case-of (string-append "opaque" suffix) size #f)
                                       (cons (case-of (string-append "alpha" suffix) size #t)
                                             cases))))))))
    (run-cases facts-file
               (cons (case-of "warmup-opaque" 64 #f)
                     (cons (case-of "warmup-alpha" 64 #t) measured)))))
