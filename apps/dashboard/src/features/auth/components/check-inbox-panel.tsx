import type { ReactNode } from 'react';
import { Trans } from 'react-i18next';
import { DonePanel } from '../../../components/ui/done-panel.tsx';
import { ResendVerificationButton } from './resend-verification-button.tsx';

/** After sign-up: where the link went, and a way to get another one. */
export function CheckInboxPanel({ email, children }: { email: string; children?: ReactNode }) {
  return (
    <DonePanel
      icon="mail"
      actions={
        <>
          <ResendVerificationButton email={email} />
          {children}
        </>
      }
    >
      <p>
        <Trans i18nKey="auth.signup.checkInboxBody" values={{ email }} components={{ strong: <strong /> }} />
      </p>
    </DonePanel>
  );
}
