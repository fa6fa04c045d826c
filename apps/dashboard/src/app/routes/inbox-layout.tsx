import { Outlet } from 'react-router';
import { InboxWorkspace } from '../../features/inbox/components/inbox-workspace.tsx';

/** `/inbox`: the live conversation list, with the open conversation (or a hint to pick one) beside it. */
export function InboxLayout() {
  return (
    <InboxWorkspace>
      <Outlet />
    </InboxWorkspace>
  );
}
