import type { ApiKey } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function statusOf(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const TONE = { active: 'badge-success', revoked: 'badge-muted', expired: 'badge-warning' } as const;

export function ApiKeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status]}`}>{t(`apiKeys.status.${status}`)}</span>;
}
