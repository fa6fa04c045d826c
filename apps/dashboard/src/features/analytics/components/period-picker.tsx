import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import {
  type AnalyticsPeriod,
  addDays,
  type CustomRangeError,
  MAX_PERIOD_DAYS,
  PERIOD_PRESETS,
  validateCustomRange,
} from '../utils/period.ts';

/**
 * The period: four presets as toggle buttons, and Custom, which opens two
 * date fields checked as the API checks them (from ≤ to, at most 366 days).
 */
export function PeriodPicker({
  period,
  onChange,
  today,
}: {
  period: AnalyticsPeriod;
  onChange: (period: AnalyticsPeriod) => void;
  /** Today in the creator's time zone (YYYY-MM-DD): the latest day a range can end. */
  today: string;
}) {
  const { t } = useTranslation();
  // Custom opens its fields for the period shown when it was pressed: another
  // period from the address (Back, a link) closes them again.
  const shownKey = period.period === 'custom' ? `${period.from}/${period.to}` : period.period;
  const [customOpenedFor, setCustomOpenedFor] = useState<string>();
  const isCustom = period.period === 'custom' || customOpenedFor === shownKey;

  return (
    <div className="an-period">
      {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset */}
      <div className="an-switch an-period-presets" role="group" aria-label={t('analytics.period.label')}>
        {PERIOD_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="an-switch-button"
            aria-pressed={!isCustom && period.period === preset}
            onClick={() => {
              setCustomOpenedFor(undefined);
              onChange({ period: preset });
            }}
          >
            {t(`analytics.period.${preset}`)}
          </button>
        ))}
        <button
          type="button"
          className="an-switch-button"
          aria-pressed={isCustom}
          onClick={() => setCustomOpenedFor(shownKey)}
        >
          <Icon name="clock" size={15} />
          {t('analytics.period.custom')}
        </button>
      </div>
      {isCustom && (
        <CustomRangeForm
          // A new range from the address (Back, a shared link) resets the fields.
          key={shownKey}
          initial={
            period.period === 'custom'
              ? { from: period.from, to: period.to }
              : { from: addDays(today, -29), to: today }
          }
          today={today}
          onApply={(from, to) => onChange({ period: 'custom', from, to })}
        />
      )}
    </div>
  );
}

function CustomRangeForm({
  initial,
  today,
  onApply,
}: {
  initial: { from: string; to: string };
  today: string;
  onApply: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [error, setError] = useState<CustomRangeError>();
  const errorId = `${id}-error`;
  // The order and length errors are about the end date; a missing or unreadable date, about both.
  const fromInvalid = error === 'missing' || error === 'invalid';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = validateCustomRange(from, to);
    setError(problem);
    if (!problem) onApply(from, to);
  }

  return (
    <form className="an-custom" onSubmit={submit} noValidate aria-label={t('analytics.period.customLabel')}>
      <div className="an-custom-field">
        <label htmlFor={`${id}-from`} className="field-label">
          {t('analytics.period.from')}
        </label>
        <input
          id={`${id}-from`}
          className="input"
          type="date"
          value={from}
          max={today}
          required
          aria-invalid={fromInvalid || undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setFrom(event.target.value)}
        />
      </div>
      <div className="an-custom-field">
        <label htmlFor={`${id}-to`} className="field-label">
          {t('analytics.period.to')}
        </label>
        <input
          id={`${id}-to`}
          className="input"
          type="date"
          value={to}
          min={from || undefined}
          max={today}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setTo(event.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary">
        {t('analytics.period.apply')}
      </Button>
      {error && (
        <p id={errorId} className="field-error an-custom-error" role="alert">
          <Icon name="alert" size={16} />
          {t(`analytics.period.errors.${error}`, { max: MAX_PERIOD_DAYS })}
        </p>
      )}
    </form>
  );
}
