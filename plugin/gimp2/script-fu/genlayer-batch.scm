; Batch tools of the genlayer plug-in. scripts/install-plugin copies this file
; into the profile's scripts/ folder, where GIMP loads it at start, so a
; batch run can call these directly.
;
; genlayer-generate-file: one file, one selection, waiting for the result.
;
;   gimp-console-2.10 -i -b '(genlayer-generate-file "in.png" 40 30 200 150
;                              "a paper lantern" "out.xcf" "out.png")' -b '(gimp-quit 0)'
;
; Opens the file, selects the rectangle (image coordinates), generates one
; layer from the selected pixels that covers the selection (masked to it),
; saves the image with the new layer as XCF and flattened as PNG, and returns
; the task id. A failure stops the batch with the plug-in's sentence.
(define (genlayer-generate-file in-file x y width height prompt xcf-file png-file)
  (let* ((image (car (gimp-file-load RUN-NONINTERACTIVE in-file in-file)))
         (source (car (gimp-image-get-active-drawable image))))
    (gimp-image-select-rectangle image CHANNEL-OP-REPLACE x y width height)
    (let ((result (plug-in-genlayer RUN-NONINTERACTIVE image source prompt "auto" "auto"
                                    1 "" 1 1 "")))
      (gimp-xcf-save 0 image source xcf-file xcf-file)
      (file-png-save-defaults RUN-NONINTERACTIVE image (car (gimp-image-flatten image))
                              png-file png-file)
      (gimp-image-delete image)
      (caddr result))))

; genlayer-batch-files: many files, up to JOBS tasks on the server at once
; (scripts/genlayer-batch is its shell wrapper).
;
;   (genlayer-batch-files '("a.png" "b.jpg") "as a watercolour" "auto" 4 "out")
;
; Each file is the reference of one generation whose layer covers the whole
; image. Submits with plug-in-genlayer-submit while fewer than JOBS are in
; flight, collects the oldest with plug-in-genlayer-collect, and saves
; OUTPUT-DIR/<name>.xcf (the file plus the generated layer) and
; OUTPUT-DIR/<name>.png (the generated layer alone). A failed file is told
; with its sentence and the batch goes on; a submitted task that could not be
; collected stays in the journal for Filters > Generative > Recover
; Generations…. Returns (saved failed).
(define (genlayer-batch-files files prompt size jobs output-dir)
  (let loop ((waiting files) (in-flight '()) (saved 0) (failed 0))
    (cond ((and (pair? waiting) (< (length in-flight) (max jobs 1)))
           (let ((submitted (genlayer-batch-submit (car waiting) prompt size)))
             (if submitted
                 (loop (cdr waiting) (append in-flight (list submitted)) saved failed)
                 (loop (cdr waiting) in-flight saved (+ failed 1)))))
          ((pair? in-flight)
           (if (genlayer-batch-collect (car in-flight) output-dir)
               (loop waiting (cdr in-flight) (+ saved 1) failed)
               (loop waiting (cdr in-flight) saved (+ failed 1))))
          (else
           (gimp-message (string-append "genlayer batch: " (number->string saved) " saved, "
                                        (number->string failed) " failed, in " output-dir))
           (list saved failed)))))

; Opens and submits one file: (name image task-id), or #f after telling why.
(define (genlayer-batch-submit file prompt size)
  (let* ((name (genlayer-file-stem file))
         (opened (genlayer-attempt (lambda () (car (gimp-file-load RUN-NONINTERACTIVE
                                                                   file file))))))
    (if (genlayer-failed? name opened)
        #f
        (let* ((image (cadr opened))
               (source (car (gimp-image-get-active-drawable image)))
               (result (genlayer-attempt
                         (lambda () (plug-in-genlayer-submit RUN-NONINTERACTIVE image source
                                                             prompt size "auto" 1 "" 1 1 "")))))
          (if (genlayer-failed? name result)
              (begin (gimp-image-delete image) #f)
              (list name image (caddr (cadr result))))))))

; Collects one submitted file and saves its two outputs; #t when saved.
(define (genlayer-batch-collect submitted output-dir)
  (let* ((name (car submitted))
         (image (cadr submitted))
         (xcf (string-append output-dir "/" name ".xcf"))
         (png (string-append output-dir "/" name ".png"))
         (saved (genlayer-attempt
                  (lambda ()
                    (let ((layer (vector-ref (cadr (plug-in-genlayer-collect
                                                     RUN-NONINTERACTIVE image
                                                     (caddr submitted) 0))
                                             0)))
                      (gimp-xcf-save 0 image layer xcf xcf)
                      (file-png-save-defaults RUN-NONINTERACTIVE image layer png png))))))
    (gimp-image-delete image)
    (not (genlayer-failed? name saved))))

; Runs thunk: (ok value), or (error sentence) when a procedure failed.
(define (genlayer-attempt thunk)
  (call/cc
    (lambda (return)
      (let ((saved-hook *error-hook*))
        (set! *error-hook*
              (lambda (message . objects)
                (set! *error-hook* saved-hook)
                (return (list 'error message))))
        (let ((value (thunk)))
          (set! *error-hook* saved-hook)
          (list 'ok value))))))

; #t for an (error sentence) outcome, after telling it for the file `name`.
(define (genlayer-failed? name outcome)
  (if (eq? (car outcome) 'error)
      (begin (gimp-message (string-append name ": " (cadr outcome))) #t)
      #f))

; "photo" for "/some/folder/photo.jpg".
(define (genlayer-file-stem file)
  (let* ((slash (genlayer-last-index file #\/))
         (base (if slash (substring file (+ slash 1) (string-length file)) file))
         (dot (genlayer-last-index base #\.)))
    (if (and dot (> dot 0)) (substring base 0 dot) base)))

(define (genlayer-last-index text character)
  (let search ((i (- (string-length text) 1)))
    (cond ((< i 0) #f)
          ((char=? (string-ref text i) character) i)
          (else (search (- i 1))))))

; The files GIMP can open in a folder, by their extension.
(define genlayer-image-extensions '("png" "jpg" "jpeg" "tif" "tiff" "webp" "bmp" "xcf"))

(define (genlayer-image-files folder)
  (let keep ((files (cadr (file-glob (string-append folder "/*") 1))) (kept '()))
    (cond ((null? files) (reverse kept))
          ((member (string-downcase (genlayer-file-extension (car files)))
                   genlayer-image-extensions)
           (keep (cdr files) (cons (car files) kept)))
          (else (keep (cdr files) kept)))))

(define (genlayer-file-extension file)
  (let ((dot (genlayer-last-index file #\.)))
    (if dot (substring file (+ dot 1) (string-length file)) "")))

; Filters > Generative > Batch Generate…: every image of a folder.
(define (script-fu-genlayer-batch folder prompt output-folder)
  (genlayer-batch-files (genlayer-image-files folder) prompt "auto" 4 output-folder))

(script-fu-register "script-fu-genlayer-batch"
  "_Batch Generate…"
  "Generates a layer for every image of a folder, each image being the reference, and saves <name>.xcf (image plus layer) and <name>.png (the layer alone) in the output folder; four tasks run at once."
  "genlayer contributors"
  "genlayer contributors"
  "2025"
  ""
  SF-DIRNAME "Folder of images" ""
  SF-TEXT "Prompt" ""
  SF-DIRNAME "Output folder" "")

(script-fu-menu-register "script-fu-genlayer-batch" "<Image>/Filters/Generative")
