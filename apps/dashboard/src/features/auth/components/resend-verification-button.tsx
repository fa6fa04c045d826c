import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useResendVerification } from '../api/resend-verification.ts';

/** Mails a new confirmation link; the answer is the same whether or not the account exists. */
export function ResendVerificationButton({ email, label }: { email: string; label?: string }) {
  const { t } = useTranslation();
  const resend = useResendVerification();
  if (resend.isSuccess) {
    return (
      <p className="inline-status" role="status">
        {t('auth.signup.resent')}
      </p>
    );
  }
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        isLoading={resend.isPending}
        onClick={() => resend.mutate({ email })}
        disabled={!email}
      >
        {resend.isPending ? t('auth.signup.resending') : (label ?? t('auth.signup.resend'))}
      </Button>
      {resend.isError && (
        <p className="field-error" role="alert">
          {translateError(t, resend.error)}
        </p>
      )}
    </>
  );
}
