import { Outlet } from 'react-router';
import { UploadTracker } from '../../features/knowledge/components/upload-panel.tsx';

/** The knowledge area: its pages, and the upload tracking that goes on while moving between them. */
export function KnowledgeLayout() {
  return (
    <>
      <Outlet />
      <UploadTracker />
    </>
  );
}
