import { useSearchParams } from 'react-router';

/**
 * Where to go after log-in: the `next` page the guard sent us from, if it is a
 * path on this site. Anything else (`//evil.example`, `https://...`) is
 * ignored, so the parameter cannot be used to send people elsewhere.
 */
export function useRedirectTarget(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
