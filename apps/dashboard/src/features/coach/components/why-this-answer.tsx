import type { ReplyDebug } from '@companero/contracts';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import type { ReplyTurn } from '../utils/playground-chat.ts';

const TIMING_KEYS = ['loadMs', 'retrieveMs', 'firstTokenMs', 'generateMs', 'saveMs', 'totalMs'] as const;
type TimingKey = (typeof TIMING_KEYS)[number];
const isTimingKey = (key: string): key is TimingKey => (TIMING_KEYS as readonly string[]).includes(key);

/**
 * The playground's explanation of one reply: what was searched, the passages
 * found (with scores, and whether the reply used them), the exact prompt a
 * model got, how long each step took, and what the coach remembers.
 */
export function WhyThisAnswer({
  id,
  turn,
  headingRef,
}: {
  id: string;
  turn: ReplyTurn | undefined;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  return (
    <aside id={id} className="card why-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="card-title">
        {t('coach.why.title')}
      </h2>
      {!turn ? (
        <p className="why-empty">{t('coach.why.empty')}</p>
      ) : turn.debug ? (
        <DebugDetails debug={turn.debug} />
      ) : turn.isStreaming ? (
        <LoadingState label={t('coach.why.waiting')} />
      ) : (
        <p className="why-empty">{t('coach.why.none')}</p>
      )}
    </aside>
  );
}

function DebugDetails({ debug }: { debug: ReplyDebug }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { maximumFractionDigits: 3 });
  const ms = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', { style: 'unit', unit: 'millisecond' });
  const timings = Object.entries(debug.timings).sort(
    ([a], [b]) =>
      (isTimingKey(a) ? TIMING_KEYS.indexOf(a) : TIMING_KEYS.length) -
      (isTimingKey(b) ? TIMING_KEYS.indexOf(b) : TIMING_KEYS.length),
  );

  return (
    <div className="why-sections">
      <section className="why-section">
        <h3 className="why-section-title">{t('coach.why.query')}</h3>
        <p className="why-query">{debug.query}</p>
      </section>

      <section className="why-section">
        <h3 className="why-section-title">{t('coach.why.passages', { count: debug.passages.length })}</h3>
        {debug.passages.length === 0 ? (
          <p className="why-empty">{t('coach.why.noPassages')}</p>
        ) : (
          <ol className="passage-list">
            {debug.passages.map((passage) => (
              <li key={passage.n} className="passage" data-used={passage.used || undefined}>
                <div className="passage-head">
                  <span className="citation-marker">[{passage.n}]</span>
                  <span className="passage-title">
                    {passage.kind === 'correction'
                      ? t('coach.reply.correctionSource')
                      : passage.documentTitle}
                  </span>
                  <span className={passage.used ? 'badge badge-success' : 'badge badge-muted'}>
                    {passage.used ? t('coach.why.used') : t('coach.why.unused')}
                  </span>
                  <span className="passage-score">
                    {t('coach.why.score', { score: number.format(passage.score) })}
                  </span>
                </div>
                <p className="passage-content">{passage.content}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="why-section">
        <h3 className="why-section-title">{t('coach.why.prompt')}</h3>
        {debug.prompt.system ? (
          <details className="why-details">
            <summary>
              {t('coach.why.systemPrompt', { chars: number.format(debug.prompt.system.length) })}
            </summary>
            <pre className="code-block">{debug.prompt.system}</pre>
          </details>
        ) : (
          <p className="why-empty">{t('coach.why.noPrompt')}</p>
        )}
        {debug.prompt.messages.length > 0 && (
          <details className="why-details">
            <summary>{t('coach.why.promptMessages', { count: debug.prompt.messages.length })}</summary>
            <ol className="prompt-messages">
              {debug.prompt.messages.map((message, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the prompt's turns are positional
                <li key={index}>
                  <span className="prompt-role">{message.role}</span>
                  <pre className="code-block">{message.content}</pre>
                </li>
              ))}
            </ol>
          </details>
        )}
      </section>

      <section className="why-section">
        <h3 className="why-section-title">{t('coach.why.timings')}</h3>
        <dl className="timings">
          {timings.map(([key, value]) => (
            <div key={key} className={key === 'totalMs' ? 'timing timing-total' : 'timing'}>
              <dt>{isTimingKey(key) ? t(`coach.why.timing.${key}`) : key}</dt>
              <dd>{ms.format(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="why-section">
        <h3 className="why-section-title">{t('coach.why.memory')}</h3>
        {debug.memory.length === 0 ? (
          <p className="why-empty">{t('coach.why.noMemory')}</p>
        ) : (
          <ul className="memory-list">
            {debug.memory.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
