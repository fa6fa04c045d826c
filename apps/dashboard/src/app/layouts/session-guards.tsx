import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadingState } from '../../components/ui/spinner.tsx';
import { useRedirectTarget } from '../../features/auth/hooks/use-redirect-target.ts';
import { useSession } from '../../lib/api.ts';

/** Signed-in area: waits for the start-up refresh, then sends signed-out visitors to log in (and back after). */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <LoadingState fullPage />;
  if (session.status === 'signed-out') {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  return <Outlet />;
}

/** Log-in and sign-up pages: a signed-in creator goes straight on. */
export function RequireNoSession() {
  const session = useSession();
  const target = useRedirectTarget();
  if (session.status === 'loading') return <LoadingState fullPage />;
  if (session.status === 'signed-in') return <Navigate to={target} replace />;
  return <Outlet />;
}
