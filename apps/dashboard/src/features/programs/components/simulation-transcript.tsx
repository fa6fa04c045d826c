import type { SimulationRun, Variables } from '@companero/contracts';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/ui/icons.tsx';
import { formatDuration } from '../utils/simulation.ts';

/**
 * A pause longer than this between two entries is shown as "3 days later". An answer
 * comes one virtual minute after its question: that is not a pause worth a line.
 */
const GAP_SHOWN_MS = 2 * 60_000;

type Entry = SimulationRun['transcript'][number];

/**
 * One simulated run as a chat: the program's messages (with their quick replies) on
 * the left, the virtual user's answers on the right, the engine's notes (waits, tags,
 * events) in between, each at its time on the virtual user's clock.
 */
export function SimulationTranscript({
  run,
  userName,
  timeZone,
}: {
  run: SimulationRun;
  userName: string;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const clock = clockFormat(locale, timeZone);

  if (run.transcript.length === 0) {
    return <p className="chat-empty">{t('programs.simulator.transcriptEmpty')}</p>;
  }
  return (
    <ol className="programs-transcript" aria-label={t('programs.simulator.transcriptLabel')}>
      {run.transcript.map((entry, index) => {
        const previous = run.transcript[index - 1];
        const gap = previous ? Date.parse(entry.at) - Date.parse(previous.at) : 0;
        // The engine notes a wait when the clock has moved on; said here in the creator's language.
        if (entry.from === 'system' && gap >= 60_000) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a run's transcript never reorders; entries have no id
            <li key={index} className="programs-note programs-note-gap" title={entry.text}>
              <Icon name="history" size={14} />
              <span>{t('programs.simulator.later', { duration: formatDuration(gap, locale) })}</span>
              <time dateTime={entry.at} className="programs-note-time">
                {clock(entry.at)}
              </time>
            </li>
          );
        }
        const showGap = gap > GAP_SHOWN_MS && entry.from !== 'system' && previous?.from !== 'system';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a run's transcript never reorders; entries have no id
          <Fragment key={index}>
            {showGap && (
              <li className="programs-note programs-note-gap">
                <Icon name="history" size={14} />
                <span>{t('programs.simulator.later', { duration: formatDuration(gap, locale) })}</span>
              </li>
            )}
            <TranscriptEntry entry={entry} userName={userName} time={clock(entry.at)} />
          </Fragment>
        );
      })}
    </ol>
  );
}

function TranscriptEntry({ entry, userName, time }: { entry: Entry; userName: string; time: string }) {
  const { t } = useTranslation();
  if (entry.from === 'system') {
    return (
      <li className="programs-note">
        <Icon name="info" size={14} />
        <span>{entry.text}</span>
        <time dateTime={entry.at} className="programs-note-time">
          {time}
        </time>
      </li>
    );
  }
  const isUser = entry.from === 'user';
  return (
    <li className={isUser ? 'chat-turn chat-turn-user' : 'chat-turn chat-turn-coach'}>
      <div className={isUser ? 'bubble bubble-user' : 'bubble bubble-coach'}>
        <p className="bubble-name">
          {isUser ? userName : t('programs.simulator.programName')}
          <time dateTime={entry.at} className="programs-bubble-time">
            {time}
          </time>
        </p>
        <p className="bubble-text">{entry.text}</p>
        {entry.quickReplies && entry.quickReplies.length > 0 && (
          <ul className="programs-quick-replies" aria-label={t('programs.simulator.quickReplies')}>
            {entry.quickReplies.map((reply) => (
              <li key={reply} className="programs-quick-reply">
                {reply}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/** The variables a run ended with, by name. */
export function VariablesList({ variables }: { variables: Variables }) {
  const { t } = useTranslation();
  const names = Object.keys(variables).sort();
  if (names.length === 0) return <p className="muted small">{t('programs.simulator.noVariables')}</p>;
  return (
    <dl className="programs-variables">
      {names.map((name) => {
        const value = variables[name];
        return (
          <div key={name} className="programs-variable">
            <dt>
              <code className="code-chip">{name}</code>
            </dt>
            <dd>
              {value === null || value === undefined ? <span className="muted">—</span> : String(value)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** "Mon 6 Jan, 09:00" on the virtual user's clock (their time zone, not the creator's). */
function clockFormat(locale: string, timeZone: string) {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  }
  return (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : format.format(date);
  };
}
