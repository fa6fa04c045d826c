import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { NewProgramButton } from '../../features/programs/components/new-program-dialog.tsx';
import { ProgramTemplatesGallery } from '../../features/programs/components/program-templates-gallery.tsx';
import { ProgramsList } from '../../features/programs/components/programs-list.tsx';

/** `/programs`: the creator's programs, and templates to start a new one from. */
export function ProgramsPage() {
  const { t } = useTranslation();
  return (
    <>
      <title>{`${t('nav.programs')} · ${t('app.name')}`}</title>
      <PageHeader
        title={t('nav.programs')}
        subtitle={t('programs.list.pageSubtitle')}
        actions={<NewProgramButton />}
      />
      <div className="stack-lg">
        <ProgramsList />
        <ProgramTemplatesGallery />
      </div>
    </>
  );
}
