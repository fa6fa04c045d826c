import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/spinner.tsx';
import { usePersonality } from '../../features/coach/api/get-personality.ts';
import { PersonalityForm } from '../../features/coach/components/personality-form.tsx';
import { translateError } from '../../lib/form-errors.ts';

export function CoachPersonalityRoute() {
  const { t } = useTranslation();
  const personality = usePersonality();
  return (
    <>
      <title>{`${t('coach.tabs.personality')} · ${t('nav.coach')} · ${t('app.name')}`}</title>
      {personality.isPending && <LoadingState />}
      {personality.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => personality.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, personality.error)}
        </Alert>
      )}
      {personality.data && <PersonalityForm personality={personality.data} />}
    </>
  );
}
