import type { KbDocument } from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';
import { useKnowledgeLabels } from '../hooks/use-knowledge-labels.ts';

const TONE = { public: 'badge-success', members: 'badge-accent', private: 'badge-muted' } as const;
const ICON = { public: 'globe', members: 'user', private: 'shield' } as const;

/** Who the AI coach may use a document for; members-only names the tag that grants access. */
export function VisibilityBadge({
  visibility,
  membersTag,
}: {
  visibility: KbDocument['visibility'];
  membersTag: string | null;
}) {
  const { t } = useTranslation();
  const labels = useKnowledgeLabels();
  return (
    <span className={`badge ${TONE[visibility]}`} title={t(`knowledge.visibilityHints.${visibility}`)}>
      <Icon name={ICON[visibility]} size={14} />
      {labels.visibility(visibility)}
      {visibility === 'members' && membersTag && <span className="badge-extra">· {membersTag}</span>}
    </span>
  );
}
