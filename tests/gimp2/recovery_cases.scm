; Cases of the recover and batch suites. Loaded after test_support.scm.

;; ---- recovery after GIMP was killed while collecting ----

; Saves a red-left, blue-right image as WORK-DIR/killed.xcf, reopens it (so
; the journal keeps its file name), submits, writes the task id to
; WORK-DIR/submitted and collects: the driver kills GIMP while it waits.
(define (genlayer-collect-until-killed work-dir)
  (let ((file (string-append work-dir "/killed.xcf"))
        (image (make-image 200 150 RGB RGB-IMAGE '(200 40 40))))
    (fill-rectangle image (background-of image) 100 0 100 150 '(40 90 200))
    (gimp-file-save RUN-NONINTERACTIVE image (background-of image) file file)
    (gimp-image-delete image)
    (let* ((reopened (car (gimp-file-load RUN-NONINTERACTIVE file file)))
           (submitted (plug-in-genlayer-submit RUN-NONINTERACTIVE reopened
                                               (background-of reopened) "paid for, then killed"
                                               "1024x1024" "1024" 1 "" 1 1 ""))
           (marker (open-output-file (string-append work-dir "/submitted"))))
      (display (caddr submitted) marker)
      (close-output-port marker)
      (plug-in-genlayer-collect RUN-NONINTERACTIVE reopened (caddr submitted) 0))))

; A new GIMP session opens the file again and recovers into it.
(define (case-recover-after-kill name work-dir)
  (let* ((file (string-append work-dir "/killed.xcf"))
         (image (car (gimp-file-load RUN-NONINTERACTIVE file file)))
         (recovered (plug-in-genlayer-recover RUN-NONINTERACTIVE image 120))
         (layer (vector-ref (cadr recovered) 0)))
    (fact name "num-layers" (car recovered))
    (fact name "same-image" (if (= (car (gimp-item-get-image layer)) image) 1 0))
    (fact name "layers-in-image" (layer-count image))
    (record-layer name "new" image layer)
    (record-pixel name "left-half" layer 50 75)
    (record-pixel name "right-half" layer 150 75)
    (fact name "recovered-again" (car (plug-in-genlayer-recover RUN-NONINTERACTIVE image 5)))
    (gimp-image-delete image)))

(define (genlayer-recovery-cases facts-file work-dir)
  (run-cases facts-file
    (list (cons "recover-after-kill"
                (lambda () (case-recover-after-kill "recover-after-kill" work-dir))))))

;; ---- recovery through the dialog (GUI GIMP, Script-Fu server) ----

; Submits from an image and closes it; returns the task id.
(define (genlayer-submit-and-close)
  (let* ((image (make-image 64 48 RGB RGB-IMAGE '(255 255 255)))
         (submitted (plug-in-genlayer-submit RUN-NONINTERACTIVE image (background-of image)
                                             "picked in the dialog" "1024x1024" "1024" 0 "" 1 0
                                             "")))
    (gimp-image-delete image)
    (caddr submitted)))

; Recover Generations as the menu runs it: "count info", the number of
; layers imported and the first one's genlayer-info.
(define (genlayer-recover-interactively)
  (let ((recovered (plug-in-genlayer-recover RUN-INTERACTIVE -1 0)))
    (values->string (list (car recovered) (parasite-text (vector-ref (cadr recovered) 0))))))

;; ---- what scripts/genlayer-batch wrote ----

(define (case-batch-output name output-dir)
  (let* ((xcf (string-append output-dir "/" name ".xcf"))
         (png (string-append output-dir "/" name ".png"))
         (saved (car (gimp-file-load RUN-NONINTERACTIVE xcf xcf)))
         (layers (cadr (gimp-image-get-layers saved)))
         (alone (car (gimp-file-load RUN-NONINTERACTIVE png png))))
    (fact name "xcf.layers" (layer-count saved))
    (record-layer name "xcf.top" saved (vector-ref layers 0))
    (fact name "xcf.bottom.name" (car (gimp-item-get-name (vector-ref layers 1))))
    (fact name "png.layers" (layer-count alone))
    (fact name "png.size" (car (gimp-image-width alone)) (car (gimp-image-height alone)))
    (record-pixel name "png.centre" (background-of alone) 80 60)
    (gimp-image-delete saved)
    (gimp-image-delete alone)))

(define (genlayer-batch-output-cases facts-file output-dir . names)
  (run-cases facts-file
    (map (lambda (name) (cons name (lambda () (case-batch-output name output-dir)))) names)))
