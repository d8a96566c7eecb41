;;; driver.el --- drive Emacs (batch) + eglot as an LSP client of mirage-lsp  -*- lexical-binding: t -*-
;;
;; emacs --batch -l driver.el   (env: MIRAGE_EMACS_SETUP = the README snippet,
;;                                    MIRAGE_EMACS_FILE = config.ml to open,
;;                                    MIRAGE_EMACS_COMPLETE = "LINE:COL" or empty)
;; Prints `DIAG <line> <type> <text>` lines, `COMPLETION <labels>`, then `EGLOT_E2E PASS`;
;; the node test (e2e/emacs.test.ts) makes the assertions.

(require 'package)
(package-initialize) ; Debian's elpa-eglot lives in /usr/share/emacs/site-lisp/elpa
(require 'eglot)
(require 'flymake)

;; The README derives mirage-config-mode from tuareg-mode, which Debian does not package;
;; a stand-in is enough for the LSP side.
(unless (fboundp 'tuareg-mode)
  (define-derived-mode tuareg-mode prog-mode "Tuareg"))

(setq eglot-sync-connect t
      eglot-autoshutdown t
      eglot-events-buffer-size 0)

(defun driver-fail (msg)
  (princ (format "EGLOT_E2E FAIL: %s\n" msg))
  (kill-emacs 1))

(defun driver-wait (pred secs)
  (let ((end (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall pred)))

(condition-case err
    (progn
      (load (getenv "MIRAGE_EMACS_SETUP") nil t)
      (find-file (getenv "MIRAGE_EMACS_FILE"))
      (unless (eq major-mode 'mirage-config-mode)
        (driver-fail (format "config.ml opened in %s" major-mode)))
      ;; The snippet's hook runs eglot-ensure; in batch mode no command loop runs it for us.
      (run-hooks 'post-command-hook)
      (unless (driver-wait #'eglot-current-server 15)
        (driver-fail "eglot did not connect"))
      (flymake-mode 1)
      (flymake-start)
      (unless (driver-wait #'flymake-diagnostics 15)
        (driver-fail "no diagnostics"))
      (dolist (d (flymake-diagnostics))
        (princ (format "DIAG %d %s %s\n"
                       (line-number-at-pos (flymake-diagnostic-beg d))
                       (flymake-diagnostic-type d)
                       (flymake-diagnostic-text d))))
      (let ((spec (getenv "MIRAGE_EMACS_COMPLETE")))
        (when (and spec (string-match "\\([0-9]+\\):\\([0-9]+\\)" spec))
          (goto-char (point-min))
          (forward-line (1- (string-to-number (match-string 1 spec))))
          (forward-char (string-to-number (match-string 2 spec)))
          (let* ((resp (jsonrpc-request (eglot-current-server) :textDocument/completion
                                        (eglot--TextDocumentPositionParams)))
                 (items (if (vectorp resp) resp (plist-get resp :items))))
            (princ (format "COMPLETION %s\n"
                           (mapconcat (lambda (it) (plist-get it :label)) items ","))))))
      (eglot-shutdown (eglot-current-server))
      (princ "EGLOT_E2E PASS\n")
      (kill-emacs 0))
  (error (driver-fail (error-message-string err))))
