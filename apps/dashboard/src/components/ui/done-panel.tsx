import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons.tsx';

/** The outcome of a finished step (email sent, email confirmed, password changed), announced politely. */
export function DonePanel({
  icon,
  tone = 'neutral',
  title,
  children,
  actions,
}: {
  icon: IconName;
  tone?: 'neutral' | 'success';
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="done-panel" role="status">
      <span className={tone === 'success' ? 'done-panel-icon done-panel-icon-success' : 'done-panel-icon'}>
        <Icon name={icon} size={28} />
      </span>
      {title && <h2 className="done-panel-title">{title}</h2>}
      <div className="done-panel-body">{children}</div>
      {actions && <div className="done-panel-actions">{actions}</div>}
    </div>
  );
}
