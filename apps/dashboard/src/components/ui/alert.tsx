import type { ReactNode } from 'react';
import { Icon } from './icons.tsx';

const ICONS = { error: 'alert', warning: 'alert', success: 'check', info: 'info' } as const;

/**
 * A message box. Errors and successes use live regions (`alert` / `status`) so
 * screen readers announce them when they appear after a submit.
 */
export function Alert({
  tone,
  title,
  children,
  action,
}: {
  tone: 'error' | 'warning' | 'success' | 'info';
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  const role = tone === 'error' ? 'alert' : tone === 'success' ? 'status' : undefined;
  return (
    <div className={`alert alert-${tone}`} role={role}>
      <Icon name={ICONS[tone]} className="alert-icon" />
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div>{children}</div>}
        {action && <div className="alert-action">{action}</div>}
      </div>
    </div>
  );
}
