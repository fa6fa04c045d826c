import { isApiError } from '@companero/api-client';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useDiff } from '../api/get-diff.ts';
import { type DiffLine, diffLines } from '../utils/diff-lines.ts';

const SIGN = { added: '+', removed: '−', equal: ' ' } as const;

/** A line diff, added lines in green and removed ones in red; long unchanged stretches fold away. */
export function VersionDiff({ documentId, from, to }: { documentId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useDiff(documentId, { from, to });
  if (from === to) return <p className="muted">{t('knowledge.compare.same')}</p>;
  if (diff.isPending) return <LoadingState />;
  if (diff.isError) {
    return (
      <Alert tone="error">
        {isApiError(diff.error, 'CONFLICT') ? t('knowledge.compare.notReady') : translateError(t, diff.error)}
      </Alert>
    );
  }
  const lines = diffLines(diff.data.hunks);
  return (
    <figure className="diff" aria-label={t('knowledge.compare.label', { from, to })}>
      <figcaption className="diff-summary">
        <span>{t('knowledge.compare.heading', { from, to })}</span>
        <span className="diff-added-count">{t('knowledge.compare.added', { count: diff.data.added })}</span>
        <span className="diff-removed-count">
          {t('knowledge.compare.removed', { count: diff.data.removed })}
        </span>
      </figcaption>
      {diff.data.added === 0 && diff.data.removed === 0 ? (
        <p className="diff-none">{t('knowledge.compare.identical')}</p>
      ) : (
        <ol className="diff-lines">
          {lines.map((line) => (
            <DiffRow key={line.key} line={line} />
          ))}
        </ol>
      )}
    </figure>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  const { t } = useTranslation();
  if (line.kind === 'fold') {
    return <li className="diff-fold">{t('knowledge.compare.unchanged', { count: line.count })}</li>;
  }
  return (
    <li className={`diff-line diff-${line.kind}`}>
      <span className="diff-sign" aria-hidden="true">
        {SIGN[line.kind]}
      </span>
      {line.kind !== 'equal' && (
        <span className="visually-hidden">
          {line.kind === 'added' ? t('knowledge.compare.addedLine') : t('knowledge.compare.removedLine')}
        </span>
      )}
      <span className="diff-text">{line.text || '\u00a0'}</span>
    </li>
  );
}
