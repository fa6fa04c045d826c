import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { Tabs } from '../../../components/ui/tabs.tsx';
import { useCopyToClipboard } from '../../../hooks/use-copy-to-clipboard.ts';
import { buildEmbedSnippet, EMBED_MODES, type EmbedMode, INLINE_TARGET_ID } from '../utils/embed-snippet.ts';

type Platform = 'html' | 'wordpress' | 'shopify';
const PLATFORMS: readonly Platform[] = ['html', 'wordpress', 'shopify'];
const STEPS = ['1', '2', '3', '4'] as const;

/**
 * The snippet for the creator's own key in the display mode they pick, a Copy
 * button, and where to paste it on a plain site, WordPress or Shopify.
 */
export function EmbedCode({ publicKey }: { publicKey: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<EmbedMode>('bubble');
  const [platform, setPlatform] = useState<Platform>('html');
  const clipboard = useCopyToClipboard();
  const snippet = buildEmbedSnippet({ origin: window.location.origin, publicKey, mode });

  return (
    <div className="widget-embed">
      <fieldset className="widget-modes">
        <legend className="field-label">{t('widget.embed.modeLabel')}</legend>
        <div className="widget-mode-options">
          {EMBED_MODES.map((value) => (
            <label key={value} className="widget-mode" data-checked={mode === value || undefined}>
              <input
                type="radio"
                name={`${id}-mode`}
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              <span>
                <span className="widget-mode-name">{t(`widget.embed.modes.${value}`)}</span>
                <span className="widget-mode-hint">{t(`widget.embed.modeHints.${value}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="widget-snippet">
        <div className="widget-snippet-header">
          <p className="field-label">{t('widget.embed.snippetLabel')}</p>
          <Button
            variant="secondary"
            size="sm"
            icon={<Icon name={clipboard.state === 'copied' ? 'check' : 'copy'} size={16} />}
            onClick={() => clipboard.copy(snippet)}
          >
            {clipboard.state === 'copied' ? t('widget.embed.copied') : t('widget.embed.copy')}
          </Button>
        </div>
        <pre className="widget-snippet-code" data-testid="embed-snippet">
          <code>{snippet}</code>
        </pre>
        <p className="field-hint" role="status">
          {clipboard.state === 'failed'
            ? t('widget.embed.copyFailed')
            : mode === 'inline'
              ? t('widget.embed.inlineHint', { id: INLINE_TARGET_ID })
              : mode === 'popup'
                ? t('widget.embed.popupHint')
                : t('widget.embed.bubbleHint')}
        </p>
      </div>
      <div>
        <h3 className="subsection-title">{t('widget.install.title')}</h3>
        <Tabs
          label={t('widget.install.tabsLabel')}
          tabs={PLATFORMS.map((p) => ({ id: p, label: t(`widget.install.platforms.${p}`) }))}
          selected={platform}
          onSelect={setPlatform}
        >
          <ol className="widget-steps">
            {STEPS.map((step) => (
              <li key={step}>{t(`widget.install.steps.${platform}.${step}`)}</li>
            ))}
          </ol>
        </Tabs>
      </div>
    </div>
  );
}
