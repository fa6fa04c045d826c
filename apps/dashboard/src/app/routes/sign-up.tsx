import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../../components/auth-card.tsx';
import { CheckInboxPanel } from '../../features/auth/components/check-inbox-panel.tsx';
import { SignUpForm } from '../../features/auth/components/sign-up-form.tsx';
import { DevMailboxLink } from '../../features/dev-mailbox/components/dev-mailbox-link.tsx';

export function SignUpRoute() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string>();
  const logInLine = (
    <p>
      {t('auth.signup.haveAccount')} <Link to="/login">{t('auth.signup.logIn')}</Link>
    </p>
  );
  if (sentTo) {
    // A new card (key) so focus moves to its heading and screen readers hear the outcome.
    return (
      <AuthCard key="sent" title={t('auth.signup.checkInboxTitle')} footer={logInLine}>
        <CheckInboxPanel email={sentTo}>
          <DevMailboxLink className="btn btn-secondary btn-sm" />
        </CheckInboxPanel>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {logInLine}
          <DevMailboxLink />
        </>
      }
    >
      <SignUpForm onSignedUp={setSentTo} />
    </AuthCard>
  );
}
