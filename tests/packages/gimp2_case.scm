; plug-in-genlayer as a system-wide GIMP 2.10 install offers it, called from
; Script-Fu by test_package.sh: (genlayer-package-case FACTS-FILE) writes
; "layers N" and "task-id ID", one a line.

(define (genlayer-package-case facts-file)
  (let* ((port (open-output-file facts-file))
         (image (car (gimp-image-new 64 48 RGB)))
         (layer (car (gimp-layer-new image 64 48 RGB-IMAGE "Background" 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    (let ((result (plug-in-genlayer RUN-NONINTERACTIVE image layer "from the package" "auto" "auto"
                                    0 "" 1 0 "")))
      (display (string-append "layers " (number->string (car result)) "\n") port)
      (display (string-append "task-id " (caddr result) "\n") port))
    (close-output-port port)))
