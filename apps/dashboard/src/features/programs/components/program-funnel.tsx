import type { ProgramStats } from '@companero/contracts';
import { useTranslation } from 'react-i18next';

type Step = ProgramStats['funnel'][number];

/**
 * How far people get, one bar per step in the funnel's order: the whole bar is
 * everyone who reached the step, split into those who moved on, those there now
 * and those who stopped there. The numbers are in the text; the bars only draw them.
 */
export function ProgramFunnel({
  funnel,
  onSelectNode,
}: {
  funnel: ProgramStats['funnel'];
  onSelectNode: ((nodeId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const widest = Math.max(1, ...funnel.map((step) => step.reached));
  // Steps no one has reached yet would bury the ones that matter: they fold away below.
  const reached = funnel.filter((step) => step.reached > 0);
  const notYet = funnel.filter((step) => step.reached === 0);
  return (
    <>
      <ul className="programs-funnel-legend" aria-hidden="true">
        <li>
          <span className="programs-swatch programs-seg-passed" />
          {t('programs.participants.funnel.movedOn')}
        </li>
        <li>
          <span className="programs-swatch programs-seg-current" />
          {t('programs.participants.funnel.current')}
        </li>
        <li>
          <span className="programs-swatch programs-seg-dropped" />
          {t('programs.participants.funnel.droppedOff')}
        </li>
      </ul>
      <ol className="programs-funnel" aria-label={t('programs.participants.funnel.label')}>
        {reached.map((step) => (
          <FunnelRow key={step.nodeId} step={step} widest={widest} onSelectNode={onSelectNode} />
        ))}
      </ol>
      {notYet.length > 0 && (
        <details className="programs-funnel-more">
          <summary className="programs-funnel-more-summary">
            {t('programs.participants.funnel.notReached', { count: notYet.length })}
          </summary>
          <ul className="chip-list">
            {notYet.map((step) => (
              <li key={step.nodeId}>
                {onSelectNode ? (
                  <button
                    type="button"
                    className="chip programs-chip-button"
                    title={t('programs.simulator.showStep')}
                    onClick={() => onSelectNode(step.nodeId)}
                  >
                    {step.label || step.nodeId}
                  </button>
                ) : (
                  <span className="chip">{step.label || step.nodeId}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function FunnelRow({
  step,
  widest,
  onSelectNode,
}: {
  step: Step;
  widest: number;
  onSelectNode: ((nodeId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  // "There now" and "stopped there" can overlap (someone idle at their step for a week): draw each person once.
  const current = Math.min(step.current, step.reached);
  const dropped = Math.min(step.droppedOff, step.reached - current);
  const passed = step.reached - current - dropped;
  const share = (n: number) => `${(n / widest) * 100}%`;
  const name = step.label || step.nodeId;
  return (
    <li className="programs-funnel-row">
      <span className="programs-funnel-name">
        {onSelectNode ? (
          <button
            type="button"
            className="programs-link-button"
            title={t('programs.simulator.showStep')}
            onClick={() => onSelectNode(step.nodeId)}
          >
            {name}
          </button>
        ) : (
          name
        )}
      </span>
      <span className="programs-funnel-track" aria-hidden="true">
        {passed > 0 && <span className="programs-seg-passed" style={{ width: share(passed) }} />}
        {current > 0 && <span className="programs-seg-current" style={{ width: share(current) }} />}
        {dropped > 0 && <span className="programs-seg-dropped" style={{ width: share(dropped) }} />}
      </span>
      <span className="programs-funnel-numbers">
        <span>{t('programs.participants.funnel.reached', { count: step.reached })}</span>
        {step.current > 0 && <span>{t('programs.participants.funnel.here', { count: step.current })}</span>}
        {step.droppedOff > 0 && (
          <span className="programs-funnel-dropped">
            {t('programs.participants.funnel.dropped', { count: step.droppedOff })}
          </span>
        )}
      </span>
    </li>
  );
}
