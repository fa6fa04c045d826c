import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/spinner.tsx';
import { useAiSettings } from '../../features/coach/api/get-ai-settings.ts';
import { useAssistantStatus } from '../../features/coach/api/get-status.ts';
import { AiSettingsForm } from '../../features/coach/components/ai-settings-form.tsx';
import { AssistantStatusCard } from '../../features/coach/components/assistant-status-card.tsx';
import { translateError } from '../../lib/form-errors.ts';

export function CoachModelsRoute() {
  const { t } = useTranslation();
  const settings = useAiSettings();
  const status = useAssistantStatus();
  return (
    <>
      <title>{`${t('coach.tabs.models')} · ${t('nav.coach')} · ${t('app.name')}`}</title>
      <AssistantStatusCard />
      {settings.isPending && <LoadingState />}
      {settings.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => settings.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, settings.error)}
        </Alert>
      )}
      {settings.data && <AiSettingsForm settings={settings.data} providers={status.data?.providers ?? []} />}
    </>
  );
}
