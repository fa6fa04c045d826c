import type { Broadcast } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

type CountKey = Exclude<keyof Broadcast['counts'], 'total'>;
/** Best outcome first, so the bar fills from the left with the good news. */
const SEGMENTS: readonly CountKey[] = ['read', 'delivered', 'sent', 'queued', 'failed', 'skipped'];
const LEGEND: readonly CountKey[] = ['sent', 'delivered', 'read', 'failed', 'skipped'];

/**
 * Where a broadcast's messages stand: a bar with a segment per status (each
 * recipient counted once, at its latest status) and the numbers in words.
 * The bar is decoration; the list beside it carries the meaning.
 */
export function BroadcastCounts({ counts }: { counts: Broadcast['counts'] }) {
  const { t } = useTranslation();
  const sum = SEGMENTS.reduce((total, key) => total + counts[key], 0);
  const scale = Math.max(counts.total, sum, 1);
  return (
    <div className="wa-counts">
      <span className="wa-bar" aria-hidden="true">
        {SEGMENTS.filter((key) => counts[key] > 0).map((key) => (
          <span key={key} className={`wa-bar-${key}`} style={{ width: `${(counts[key] / scale) * 100}%` }} />
        ))}
      </span>
      <ul className="wa-count-list">
        <li>
          <strong>{counts.total}</strong> {t('whatsapp.broadcasts.counts.total')}
        </li>
        {LEGEND.filter(
          (key) => counts[key] > 0 || key === 'sent' || key === 'delivered' || key === 'read',
        ).map((key) => (
          <li key={key} className={`wa-count-${key}`}>
            <span className="wa-count-dot" aria-hidden="true" />
            <strong>{counts[key]}</strong> {t(`whatsapp.broadcasts.counts.${key}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
