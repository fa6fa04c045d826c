import { FILE_REJECTION_CODES, type KbDocument } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

type Kind = KbDocument['kind'];
type Status = KbDocument['status'];
type Visibility = KbDocument['visibility'];

/** Rejection and failure codes we can say in the interface language; others show the server's own words. */
const KNOWN_REASONS = new Set<string>(FILE_REJECTION_CODES);

/**
 * The server's message as a sentence of its own: without the "<file name>: "
 * it starts with when the file name is already on screen, and capitalised.
 */
export function tidyMessage(message: string, filename?: string): string {
  let text = message.trim();
  if (filename && text.startsWith(`${filename}: `)) text = text.slice(filename.length + 2);
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Words for kinds, stages, visibilities and rejection reasons, in the interface language. */
export function useKnowledgeLabels() {
  const { t, i18n } = useTranslation();
  return {
    kind: (kind: Kind) => t(`knowledge.kinds.${kind}`),
    status: (status: Status) => t(`knowledge.statuses.${status}`),
    visibility: (visibility: Visibility) => t(`knowledge.visibilities.${visibility}`),
    /**
     * Why a file was refused or failed. The server's message is specific (sizes,
     * what to do) but English; in another language a known code is said in that language.
     */
    reason: (
      reason: { code: string | null; message: string | null } | undefined,
      { filename }: { filename?: string } = {},
    ) => {
      if (!reason) return '';
      const message = tidyMessage(reason.message ?? '', filename);
      const isEnglish = (i18n.resolvedLanguage ?? 'en') === 'en';
      if (reason.code && KNOWN_REASONS.has(reason.code) && (!isEnglish || !message)) {
        return t(`knowledge.reasons.${reason.code as 'EMPTY_FILE'}`);
      }
      return message || t('knowledge.reasons.unknown');
    },
  };
}
