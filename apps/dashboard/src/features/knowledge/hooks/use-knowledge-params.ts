import { KB_KINDS, KB_STATUSES, KB_VISIBILITIES } from '@companero/contracts';
import { useSearchParams } from 'react-router';
import type { DocumentFilters } from '../api/query-keys.ts';
import type { SearchParams } from '../api/search-knowledge.ts';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

export type KnowledgeParamName = 'folder' | 'q' | 'kind' | 'status' | 'visibility' | 'tag' | 'sort';

/**
 * The knowledge page's state lives in the address (?folder=…&q=…&kind=…), so
 * a view can be bookmarked, shared and reached with the back button.
 */
export function useKnowledgeParams() {
  const [params, setParams] = useSearchParams();
  const folderId = params.get('folder') || null;
  const q = params.get('q')?.trim() ?? '';
  const kind = oneOf(KB_KINDS, params.get('kind'));
  const status = oneOf(KB_STATUSES, params.get('status'));
  const visibility = oneOf(KB_VISIBILITIES, params.get('visibility'));
  const tag = params.get('tag')?.trim() || undefined;
  const sort = oneOf(['relevance', 'newest'] as const, params.get('sort')) ?? 'relevance';

  const filters: DocumentFilters = {
    ...(folderId ? { folderId } : {}),
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
    ...(visibility ? { visibility } : {}),
    ...(tag ? { tag } : {}),
  };
  const search: SearchParams = {
    q,
    sort,
    ...(folderId ? { folderId } : {}),
    ...(kind ? { kind } : {}),
    ...(visibility ? { visibility } : {}),
    ...(tag ? { tag } : {}),
  };

  /** Sets (or, with an empty value, removes) parameters; typing does not pile up history entries. */
  function update(
    patch: Partial<Record<KnowledgeParamName, string | null | undefined>>,
    { push = false } = {},
  ) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(patch)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: !push },
    );
  }

  return {
    folderId,
    q,
    kind,
    status,
    visibility,
    tag,
    sort,
    filters,
    search,
    hasFilters: Boolean(kind || status || visibility || tag),
    update,
  };
}
