import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { useProgramVersions } from '../api/use-program-versions.ts';

/** The published versions of a program: number, note, date and how many users each has. */
export function VersionsList({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useProgramVersions(programId);

  if (versions.isPending) return <LoadingState />;
  if (versions.isError)
    return (
      <Alert
        tone="error"
        title={t('programs.editor.versions.loadError')}
        action={
          <Button variant="secondary" size="sm" onClick={() => versions.refetch()}>
            {t('common.retry')}
          </Button>
        }
      >
        {translateError(t, versions.error)}
      </Alert>
    );
  if (versions.data.length === 0) return <p className="muted">{t('programs.editor.versions.empty')}</p>;
  const sorted = [...versions.data].sort((a, b) => b.version - a.version);
  return (
    <div className="pversions">
      <table className="pversions-table">
        <caption className="visually-hidden">{t('programs.editor.versions.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('programs.editor.versions.version')}</th>
            <th scope="col">{t('programs.editor.versions.note')}</th>
            <th scope="col">{t('programs.editor.versions.date')}</th>
            <th scope="col" className="pversions-number">
              {t('programs.editor.versions.enrollments')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((version) => (
            <tr key={version.id}>
              <th scope="row">{t('programs.editor.versions.versionNumber', { version: version.version })}</th>
              <td>{version.note || <span className="muted">{t('programs.editor.versions.noNote')}</span>}</td>
              <td>
                <time dateTime={version.publishedAt}>{format.dateTime(version.publishedAt)}</time>
              </td>
              <td className="pversions-number">{version.enrollments}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
