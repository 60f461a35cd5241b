;;; emacs_eglot.el --- check the eglot snippet of editors/README.md by hand (not run by CI)
;; Debian: apt-get install emacs-nox elpa-eglot
;;   WS=$(mktemp -d); cp -r examples/corpus $WS/sources; cp examples/draft.md $WS/; git -C $WS init -q
;;   PATH=/dir/of/verbatim:$PATH HOME=$WS emacs --batch -l tests/editors/emacs_eglot.el $WS/draft.md
;; Prints the flymake diagnostics eglot got and exits 0 when the altered quote is among them.
(package-initialize)
(require 'eglot)
(require 'flymake)
;; The snippet (text-mode stands in for markdown-mode, which is not installed here).
(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode text-mode) . ("verbatim" "lsp")))
(setq-default eglot-workspace-configuration '(:verbatim (:corpus ["sources"])))
(let* ((file (car command-line-args-left))
       (buf (find-file file)))
  (with-current-buffer buf
    (text-mode)
    (eglot-ensure)
    (run-hooks (quote post-command-hook)) ; batch mode has no command loop to start it
    (let ((deadline (+ (float-time) 30)) diags)
      (while (and (< (float-time) deadline)
                  (not (setq diags (ignore-errors (flymake-diagnostics)))))
        (accept-process-output nil 0.2))
      (dolist (d diags)
        (princ (format "%d: %s\n" (line-number-at-pos (flymake-diagnostic-beg d))
                       (flymake-diagnostic-text d))))
      (let ((ok (seq-some (lambda (d) (string-match-p "historic" (flymake-diagnostic-text d))) diags)))
        (princ (if ok "eglot: OK, the altered quotation is flagged\n" "eglot: FAILED, no altered diagnostic\n"))
        (ignore-errors (eglot-shutdown (eglot-current-server)))
        (kill-emacs (if ok 0 1))))))
