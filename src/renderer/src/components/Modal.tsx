import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons, right-aligned under the body. */
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Modals that must not be dismissed (a running job) pass false. */
  dismissible?: boolean;
  role?: 'dialog' | 'alertdialog';
}

/** A modal on the native <dialog>: focus trap, Escape and the backdrop come for free. */
export function Modal({ title, onClose, children, footer, wide, testId, dismissible = true, role = 'dialog' }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal--wide' : 'modal'}
      aria-labelledby={titleId}
      role={role}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
    >
      <header className="modal__header">
        <h2 id={titleId}>{title}</h2>
      </header>
      <div className="modal__body">{children}</div>
      {footer && <footer className="modal__footer">{footer}</footer>}
    </dialog>
  );
}
