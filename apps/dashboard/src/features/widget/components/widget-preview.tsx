import type { WidgetTheme } from '@companero/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { useCoachName } from '../api/get-coach-name.ts';
import { type CompaneroWidget, loadWidgetScript } from '../utils/load-widget-script.ts';

type Loaded = CompaneroWidget | 'unavailable' | undefined;

/**
 * The real widget, inline, in preview mode (sample messages, no network),
 * following every change to the draft theme before it is saved. If this
 * server has no widget build, it says so instead.
 */
export function WidgetPreview({ publicKey, theme }: { publicKey: string; theme: WidgetTheme }) {
  const { t } = useTranslation();
  const targetRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded>(undefined);
  const [isMounted, setIsMounted] = useState(false);
  const coachName = useCoachName().data || undefined;
  const latest = useRef({ publicKey, theme });
  latest.current = { publicKey, theme };
  const themeKey = JSON.stringify(theme);

  useEffect(() => {
    let isCancelled = false;
    loadWidgetScript().then(
      (widget) => !isCancelled && setLoaded(widget),
      () => !isCancelled && setLoaded('unavailable'),
    );
    return () => {
      isCancelled = true;
    };
  }, []);

  // (Re)mounts the widget: `init` again replaces it, e.g. once the coach's name is known.
  useEffect(() => {
    const target = targetRef.current;
    if (!loaded || loaded === 'unavailable' || !target) return;
    try {
      loaded.init({
        key: latest.current.publicKey,
        mode: 'inline',
        target,
        preview: true,
        theme: latest.current.theme,
        ...(coachName ? { coachName } : {}),
      });
      setIsMounted(true);
    } catch {
      setLoaded('unavailable');
    }
  }, [loaded, coachName]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeKey stands for the theme's content (a new object every render)
  useEffect(() => {
    if (!isMounted || !loaded || loaded === 'unavailable') return;
    try {
      loaded.setTheme(latest.current.theme);
    } catch {
      setLoaded('unavailable');
    }
  }, [themeKey, isMounted, loaded]);

  const state = loaded === 'unavailable' ? 'unavailable' : isMounted ? 'ready' : 'loading';
  return (
    <aside className="card widget-preview" aria-labelledby="widget-preview-title">
      <header className="widget-preview-header">
        <h2 id="widget-preview-title" className="card-title">
          {t('widget.preview.title')}
        </h2>
        <p className="card-subtitle">{t('widget.preview.subtitle')}</p>
      </header>
      <div className="widget-preview-stage" data-state={state}>
        {/* The widget renders here (in its own shadow root); React keeps out of it. */}
        <div ref={targetRef} className="widget-preview-target" data-testid="widget-preview" />
        {state === 'loading' && <LoadingState label={t('widget.preview.loading')} />}
        {state === 'unavailable' && (
          <Alert tone="info" title={t('widget.preview.unavailableTitle')}>
            {t('widget.preview.unavailableBody')}
          </Alert>
        )}
      </div>
    </aside>
  );
}
