import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadingState } from '../../components/ui/spinner.tsx';
import { useProgram } from '../../features/programs/api/use-program.ts';
import { ProgramEditor } from '../../features/programs/components/program-editor.tsx';
import { translateError } from '../../lib/form-errors.ts';

/** /programs/:programId — the visual builder for one program's draft. */
export function ProgramEditorRoute() {
  const { t } = useTranslation();
  const { programId = '' } = useParams();
  const program = useProgram(programId);
  // Bumped by "Reload" after a conflict: the editor starts over from the saved draft.
  const [generation, setGeneration] = useState(0);

  if (program.isPending) return <LoadingState />;
  if (program.isError)
    return (
      <>
        <title>{`${t('nav.programs')} · ${t('app.name')}`}</title>
        <Alert
          tone="error"
          title={t('programs.editor.loadError')}
          action={
            <>
              <Button variant="secondary" size="sm" onClick={() => program.refetch()}>
                {t('common.retry')}
              </Button>
              <Link to="/programs">{t('programs.nav.back')}</Link>
            </>
          }
        >
          {translateError(t, program.error)}
        </Alert>
      </>
    );
  return (
    <>
      <title>{`${program.data.name} · ${t('nav.programs')} · ${t('app.name')}`}</title>
      <ProgramEditor
        key={`${program.data.id}:${generation}`}
        program={program.data}
        onReload={async () => {
          await program.refetch();
          setGeneration((n) => n + 1);
        }}
      />
    </>
  );
}
