import type { Enrollment, EnrollmentStatus, ProgramStats } from '@companero/contracts';
import { ENROLLMENT_STATUSES } from '@companero/contracts';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import type { EnrollmentFilters } from '../api/program-keys.ts';
import { useProgramEnrollments } from '../api/use-program-enrollments.ts';
import { useProgramStats } from '../api/use-program-stats.ts';
import { EnrollUserButton } from './enroll-user-dialog.tsx';
import { ProgramFunnel } from './program-funnel.tsx';

/**
 * Who is in the program and where: the totals, a funnel of how far people get, and
 * every enrollment with its current step. Refreshes every 10 seconds while on screen.
 */
export function ParticipantsPanel({
  programId,
  onSelectNode,
}: {
  programId: string;
  onSelectNode?: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const stats = useProgramStats(programId);
  const [done, setDone] = useState<string>();

  return (
    <section className="programs-participants" aria-labelledby={headingId}>
      <header className="programs-panel-header">
        <div>
          <h2 id={headingId} className="programs-panel-title">
            {t('programs.participants.title')}
          </h2>
          <p className="programs-panel-subtitle">{t('programs.participants.subtitle')}</p>
        </div>
        <EnrollUserButton programId={programId} onEnrolled={setDone} />
      </header>
      {done && (
        <p className="inline-status" role="status">
          {done}
        </p>
      )}
      {stats.isPending && <LoadingState />}
      {stats.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => stats.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, stats.error)}
        </Alert>
      )}
      {stats.data && <StatsTiles stats={stats.data} />}
      {stats.data && (
        <PanelSection
          title={t('programs.participants.funnel.title')}
          subtitle={t('programs.participants.funnel.subtitle')}
        >
          {stats.data.enrolled === 0 ? (
            <EmptyState icon="analytics" title={t('programs.participants.funnel.empty')}>
              {t('programs.participants.funnel.emptyHint')}
            </EmptyState>
          ) : (
            <ProgramFunnel funnel={stats.data.funnel} onSelectNode={onSelectNode} />
          )}
        </PanelSection>
      )}
      <EnrollmentsSection programId={programId} stats={stats.data} onSelectNode={onSelectNode} />
    </section>
  );
}

/** A titled part of the panel (the panel may be a narrow side column: no cards in cards). */
function PanelSection({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="programs-panel-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="programs-section-title">
        {title}
      </h3>
      {subtitle && <p className="programs-panel-subtitle">{subtitle}</p>}
      {children}
    </section>
  );
}

function StatsTiles({ stats }: { stats: ProgramStats }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // The three numbers that say how the program goes, then where everyone enrolled is now.
  const headline = [
    { key: 'enrolled', value: count.format(stats.enrolled) },
    { key: 'completionRate', value: percent.format(stats.completionRate) },
    { key: 'averageProgress', value: percent.format(stats.averageProgress / 100) },
  ] as const;
  const byStatus = [
    { key: 'active', value: stats.active },
    { key: 'waiting', value: stats.waiting },
    { key: 'completed', value: stats.completed },
    { key: 'exited', value: stats.exited },
  ] as const;
  return (
    <div className="programs-stats-block">
      <dl className="programs-stats">
        {headline.map((tile) => (
          <div key={tile.key} className="programs-stat">
            <dt>{t(`programs.participants.stats.${tile.key}`)}</dt>
            <dd>{tile.value}</dd>
          </div>
        ))}
      </dl>
      <dl className="programs-stats programs-stats-status">
        {byStatus.map((tile) => (
          <div key={tile.key} className="programs-stat" data-status={tile.key}>
            <dt>{t(`programs.participants.stats.${tile.key}`)}</dt>
            <dd>{count.format(tile.value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

type StatusFilter = EnrollmentStatus | '';

function EnrollmentsSection({
  programId,
  stats,
  onSelectNode,
}: {
  programId: string;
  stats: ProgramStats | undefined;
  onSelectNode: ((nodeId: string) => void) | undefined;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusFilter>('');
  const [nodeId, setNodeId] = useState('');
  const filters: EnrollmentFilters = { ...(status ? { status } : {}), ...(nodeId ? { nodeId } : {}) };
  const enrollments = useProgramEnrollments(programId, filters);
  const items = enrollments.data?.pages.flatMap((page) => page.items) ?? [];
  const labels = new Map(stats?.funnel.map((step) => [step.nodeId, step.label || step.nodeId]) ?? []);
  const hasFilters = status !== '' || nodeId !== '';

  return (
    <PanelSection
      title={t('programs.participants.enrollments.title')}
      subtitle={t('programs.participants.refreshHint')}
    >
      <div className="programs-filters">
        <SelectField
          label={t('programs.participants.enrollments.statusFilter')}
          name="status"
          value={status}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
          options={[
            { value: '', label: t('programs.participants.enrollments.anyStatus') },
            ...ENROLLMENT_STATUSES.map((value) => ({
              value,
              label: t(`programs.participants.status.${value}`),
            })),
          ]}
        />
        <SelectField
          label={t('programs.participants.enrollments.stepFilter')}
          name="nodeId"
          value={nodeId}
          onChange={(event) => setNodeId(event.target.value)}
          options={[
            { value: '', label: t('programs.participants.enrollments.anyStep') },
            ...(stats?.funnel ?? []).map((step) => ({
              value: step.nodeId,
              label: step.label || step.nodeId,
            })),
          ]}
        />
        {hasFilters && (
          <Button
            variant="ghost"
            size="sm"
            className="programs-filters-clear"
            onClick={() => {
              setStatus('');
              setNodeId('');
            }}
          >
            {t('programs.participants.enrollments.clearFilters')}
          </Button>
        )}
      </div>
      {enrollments.isPending && <LoadingState />}
      {enrollments.isError && (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" size="sm" onClick={() => enrollments.refetch()}>
              {t('common.retry')}
            </Button>
          }
        >
          {translateError(t, enrollments.error)}
        </Alert>
      )}
      {enrollments.isSuccess && items.length === 0 && (
        <EmptyState
          icon={hasFilters ? 'search' : 'user'}
          title={
            hasFilters
              ? t('programs.participants.enrollments.noMatch')
              : t('programs.participants.enrollments.empty')
          }
        >
          {hasFilters ? undefined : t('programs.participants.enrollments.emptyHint')}
        </EmptyState>
      )}
      {items.length > 0 && <EnrollmentsTable items={items} labels={labels} onSelectNode={onSelectNode} />}
      {enrollments.hasNextPage && (
        <div className="list-footer">
          <Button
            variant="secondary"
            isLoading={enrollments.isFetchingNextPage}
            onClick={() => enrollments.fetchNextPage()}
          >
            {enrollments.isFetchingNextPage ? t('common.loadingMore') : t('common.showMore')}
          </Button>
        </div>
      )}
    </PanelSection>
  );
}

const STATUS_TONES: Record<EnrollmentStatus, string> = {
  active: 'badge-info',
  waiting: 'badge-muted',
  completed: 'badge-success',
  exited: 'badge-warning',
};

function EnrollmentsTable({
  items,
  labels,
  onSelectNode,
}: {
  items: Enrollment[];
  labels: ReadonlyMap<string, string>;
  onSelectNode: ((nodeId: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const columns = {
    user: t('programs.participants.columns.user'),
    version: t('programs.participants.columns.version'),
    step: t('programs.participants.columns.step'),
    progress: t('programs.participants.columns.progress'),
    status: t('programs.participants.columns.status'),
    lastActivity: t('programs.participants.columns.lastActivity'),
    resumes: t('programs.participants.columns.resumes'),
  };
  return (
    <div className="table-wrap">
      <table className="table table-stack programs-enrollments">
        <caption className="visually-hidden">{t('programs.participants.enrollments.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.user}</th>
            <th scope="col">{columns.version}</th>
            <th scope="col">{columns.step}</th>
            <th scope="col">{columns.progress}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">{columns.lastActivity}</th>
            <th scope="col">{columns.resumes}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((enrollment) => {
            const name = enrollment.endUserName ?? t('programs.participants.unnamed');
            const step = enrollment.currentNodeId;
            const stepName = step ? (labels.get(step) ?? step) : undefined;
            return (
              <tr key={enrollment.id}>
                <th scope="row" className="cell-name">
                  <span className="cell-strong">{name}</span>
                </th>
                <td data-label={columns.version} className="cell-nowrap">
                  {t('programs.list.versionShort', { version: enrollment.version })}
                </td>
                <td data-label={columns.step}>
                  {step && stepName ? (
                    onSelectNode ? (
                      <button
                        type="button"
                        className="programs-link-button"
                        title={t('programs.simulator.showStep')}
                        onClick={() => onSelectNode(step)}
                      >
                        {stepName}
                      </button>
                    ) : (
                      stepName
                    )
                  ) : (
                    <span className="muted">{t('programs.participants.finished')}</span>
                  )}
                </td>
                <td data-label={columns.progress} className="programs-progress-cell">
                  <ProgressBar
                    value={enrollment.progress}
                    label={t('programs.participants.progressOf', { name })}
                    tone={
                      enrollment.status === 'exited'
                        ? 'muted'
                        : enrollment.progress >= 100
                          ? 'success'
                          : 'primary'
                    }
                  />
                  <span className="small muted">{percent.format(enrollment.progress / 100)}</span>
                </td>
                <td data-label={columns.status}>
                  <span className={`badge ${STATUS_TONES[enrollment.status]}`}>
                    {t(`programs.participants.status.${enrollment.status}`)}
                  </span>
                </td>
                <td data-label={columns.lastActivity} className="cell-nowrap">
                  <time dateTime={enrollment.lastActivityAt}>
                    {format.dateTime(enrollment.lastActivityAt)}
                  </time>
                </td>
                <td data-label={columns.resumes} className="cell-nowrap">
                  {enrollment.resumeAt ? (
                    <span className="programs-resume">
                      <Icon name="history" size={14} />
                      <time dateTime={enrollment.resumeAt}>{format.dateTime(enrollment.resumeAt)}</time>
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
