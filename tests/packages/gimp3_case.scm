; plug-in-genlayer as a system-wide GIMP 3 install offers it, called from
; Script-Fu by test_package.sh: (genlayer-package-case FACTS-FILE) writes
; "layers N" and "task-id ID", one a line.

(define (genlayer-package-case facts-file)
  (let* ((port (open-output-file facts-file))
         (image (car (gimp-image-new 64 48 RGB)))
         (layer (car (gimp-layer-new image "Background" 64 48 RGB-IMAGE 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer image layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    (let ((result (plug-in-genlayer #:run-mode RUN-NONINTERACTIVE #:image image
                                    #:drawables (vector layer) #:prompt "from the package")))
      (display (string-append "layers " (number->string (vector-length (car result))) "\n") port)
      (display (string-append "task-id " (cadr result) "\n") port))
    (close-output-port port)))
