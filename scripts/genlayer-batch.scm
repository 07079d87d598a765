; Batch helper of the genlayer plug-in. scripts/install-plugin copies it into
; the profile's scripts/ folder, where GIMP loads it at start, so a batch run
; can call it directly:
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
