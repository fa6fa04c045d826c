import type { Correction } from '@companero/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Card } from '../../../components/ui/card.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useDeleteCorrection } from '../api/delete-correction.ts';
import { useCorrections } from '../api/get-corrections.ts';

/** The creator's corrections, newest first: each question, the answer the coach now gives, how often it did. */
export function CorrectionsList() {
  const { t } = useTranslation();
  const format = useFormat();
  const corrections = useCorrections();
  const [deleting, setDeleting] = useState<Correction | undefined>();
  const items = corrections.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card title={t('coach.corrections.title')} subtitle={t('coach.corrections.subtitle')}>
      {corrections.isPending && <LoadingState />}
      {corrections.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => corrections.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, corrections.error)}
        </Alert>
      )}
      {corrections.isSuccess && items.length === 0 && (
        <EmptyState icon="edit" title={t('coach.corrections.empty')}>
          {t('coach.corrections.emptyBody')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="record-list" aria-label={t('coach.corrections.listLabel')}>
          {items.map((correction) => (
            <li key={correction.id} className="record">
              <dl className="record-qa">
                <dt>{t('coach.corrections.question')}</dt>
                <dd>{correction.question}</dd>
                <dt>{t('coach.corrections.answer')}</dt>
                <dd className="record-answer">{correction.answer}</dd>
              </dl>
              <footer className="record-footer">
                <span className="muted small">
                  <time dateTime={correction.createdAt}>{format.dateTime(correction.createdAt)}</time>
                  {' · '}
                  {t('coach.corrections.uses', { count: correction.uses })}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="btn-danger-text"
                  icon={<Icon name="trash" size={16} />}
                  aria-label={t('coach.corrections.deleteLabel', { question: correction.question })}
                  onClick={() => setDeleting(correction)}
                >
                  {t('coach.corrections.delete')}
                </Button>
              </footer>
            </li>
          ))}
        </ul>
      )}
      {corrections.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={corrections.isFetchingNextPage}
            onClick={() => corrections.fetchNextPage()}
          >
            {corrections.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
          </Button>
        </div>
      )}
      <DeleteCorrectionDialog correction={deleting} onClose={() => setDeleting(undefined)} />
    </Card>
  );
}

function DeleteCorrectionDialog({
  correction,
  onClose,
}: {
  correction: Correction | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteCorrection({ mutationConfig: { onSuccess: onClose } });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={correction !== undefined}
      onClose={close}
      title={t('coach.corrections.deleteTitle')}
      description={
        correction ? t('coach.corrections.deleteBody', { question: correction.question }) : undefined
      }
    >
      {remove.error && (
        <div className="dialog-body">
          <Alert tone="error">{translateError(t, remove.error)}</Alert>
        </div>
      )}
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="danger"
          isLoading={remove.isPending}
          onClick={() => {
            if (correction) remove.mutate(correction.id);
          }}
        >
          {remove.isPending ? t('coach.corrections.deleting') : t('coach.corrections.delete')}
        </Button>
      </footer>
    </Dialog>
  );
}
