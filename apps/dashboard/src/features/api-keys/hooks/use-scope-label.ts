import type { ApiScope } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

const SCOPE_KEYS = {
  'account:read': 'apiKeys.scopes.accountRead',
  'end_users:read': 'apiKeys.scopes.endUsersRead',
  'end_users:write': 'apiKeys.scopes.endUsersWrite',
  'conversations:read': 'apiKeys.scopes.conversationsRead',
  'conversations:write': 'apiKeys.scopes.conversationsWrite',
  'audit:read': 'apiKeys.scopes.auditRead',
  'knowledge:read': 'apiKeys.scopes.knowledgeRead',
  'knowledge:write': 'apiKeys.scopes.knowledgeWrite',
  'assistant:read': 'apiKeys.scopes.assistantRead',
  'assistant:write': 'apiKeys.scopes.assistantWrite',
  'programs:read': 'apiKeys.scopes.programsRead',
  'programs:write': 'apiKeys.scopes.programsWrite',
  'widget:read': 'apiKeys.scopes.widgetRead',
  'widget:write': 'apiKeys.scopes.widgetWrite',
  'whatsapp:read': 'apiKeys.scopes.whatsappRead',
  'whatsapp:write': 'apiKeys.scopes.whatsappWrite',
  'analytics:read': 'apiKeys.scopes.analyticsRead',
  'analytics:write': 'apiKeys.scopes.analyticsWrite',
} as const satisfies Record<ApiScope, string>;

/** Human words for a scope; the scope's code is shown beside it for developers. */
export function useScopeLabel() {
  const { t } = useTranslation();
  return (scope: ApiScope) => t(SCOPE_KEYS[scope]);
}
