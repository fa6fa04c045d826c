import { type RefObject, useEffect } from 'react';

/**
 * After a submit that found errors, moves focus to the first invalid field so
 * keyboard and screen-reader users land on the problem (WCAG 3.3.1).
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>, errors: object) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [formRef, errors]);
}
