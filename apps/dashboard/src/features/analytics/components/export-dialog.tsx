import { ANALYTICS_EXPORT_FORMATS, ANALYTICS_EXPORT_SECTIONS } from '@companero/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { ProgressBar } from '../../../components/ui/progress-bar.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { type ExportFormat, type ExportSection, useExportAnalytics } from '../api/export-analytics.ts';
import type { AnalyticsPeriod } from '../utils/period.ts';

/**
 * Downloads the period's figures: one table as CSV, every table as an Excel
 * workbook, or a PDF report. The file comes through the API with the session
 * token, then is handed to the browser as a normal download.
 */
export function ExportDialog({
  open,
  onClose,
  period,
  periodText,
}: {
  open: boolean;
  onClose: () => void;
  period: AnalyticsPeriod;
  /** The period as the page shows it, with its time zone. */
  periodText: string;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('analytics.export.title')}
      description={t('analytics.export.description', { period: periodText })}
    >
      <ExportForm period={period} onClose={onClose} />
    </Dialog>
  );
}

function ExportForm({ period, onClose }: { period: AnalyticsPeriod; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [section, setSection] = useState<ExportSection>('daily');
  const exporting = useExportAnalytics();

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        exporting.mutate({ period, format, section });
      }}
    >
      <div className="dialog-body">
        <fieldset className="an-formats">
          <legend className="field-label">{t('analytics.export.format')}</legend>
          {ANALYTICS_EXPORT_FORMATS.map((value) => (
            <label key={value} className="an-format" htmlFor={`${id}-${value}`}>
              <input
                id={`${id}-${value}`}
                type="radio"
                name="format"
                value={value}
                checked={format === value}
                onChange={() => {
                  setFormat(value);
                  exporting.reset();
                }}
              />
              <span>
                <span className="an-format-name">{t(`analytics.export.formats.${value}.name`)}</span>
                <span className="an-format-hint">{t(`analytics.export.formats.${value}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {format === 'csv' && (
          <SelectField
            label={t('analytics.export.section')}
            name="section"
            value={section}
            onChange={(event) => {
              setSection(event.target.value as ExportSection);
              exporting.reset();
            }}
            options={ANALYTICS_EXPORT_SECTIONS.map((value) => ({
              value,
              label: t(`analytics.export.sections.${value}`),
            }))}
          />
        )}
        {exporting.isPending && (
          <div className="an-export-progress" role="status">
            <ProgressBar value={undefined} label={t('analytics.export.preparing')} />
            <span className="field-hint">{t('analytics.export.preparing')}</span>
          </div>
        )}
        {exporting.isError && <Alert tone="error">{translateError(t, exporting.error)}</Alert>}
        {exporting.isSuccess && (
          <Alert tone="success">{t('analytics.export.done', { filename: exporting.data.filename })}</Alert>
        )}
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button type="submit" isLoading={exporting.isPending} icon={<Icon name="download" size={18} />}>
          {exporting.isPending ? t('analytics.export.downloading') : t('analytics.export.download')}
        </Button>
      </footer>
    </form>
  );
}
