import { Outlet } from 'react-router';
import { UploadTracker } from '../../features/knowledge/components/upload-panel.tsx';
import { useKnowledgeLive } from '../../features/knowledge/hooks/use-knowledge-live.ts';

/**
 * The knowledge area: its pages, the upload tracking that goes on while moving
 * between them, and the live socket that moves ingestion progress along.
 */
export function KnowledgeLayout() {
  useKnowledgeLive();
  return (
    <>
      <Outlet />
      <UploadTracker />
    </>
  );
}
