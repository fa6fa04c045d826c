import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons.tsx';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** False for dialogs that must not vanish on a stray click or Escape (e.g. a secret shown once). */
  isDismissible?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page
 * behind inert, closes on Escape and gives focus back to the opener.
 * Children mount only while open, so forms start fresh every time.
 */
export function Dialog({ open, onClose, title, description, children, isDismissible = true }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first focusable element (the close button); a field marked
      // data-autofocus is where the dialog's work starts, so it gets focus instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click is a pointer shortcut; keyboards have Escape and the close button
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: we decide (and React state stays the source of truth).
        event.preventDefault();
        if (isDismissible) onClose();
      }}
      // A click on the backdrop (the <dialog> itself, outside the panel) closes it.
      onClick={(event) => {
        if (isDismissible && event.target === event.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="dialog-panel">
          <header className="dialog-header">
            <div>
              <h2 id={titleId} className="dialog-title">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="dialog-description">
                  {description}
                </p>
              )}
            </div>
            {isDismissible && (
              <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
                <Icon name="close" />
              </button>
            )}
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}
