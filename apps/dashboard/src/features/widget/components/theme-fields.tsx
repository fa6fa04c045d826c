import {
  WIDGET_LANGUAGES,
  WIDGET_LAUNCHER_ICONS,
  WIDGET_POSITIONS,
  WIDGET_SIZES,
} from '@companero/contracts';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { TextareaField } from '../../../components/ui/textarea-field.tsx';
import type { WidgetDraft } from '../utils/widget-draft.ts';
import { ColorField } from './color-field.tsx';

type Theme = WidgetDraft['theme'];

/** Colours, placement, size, icon, texts, avatar, language and custom CSS of the widget. */
export function ThemeFields({
  theme,
  onChange,
  errorOf,
}: {
  theme: Theme;
  onChange: <K extends keyof Theme>(key: K, value: Theme[K]) => void;
  errorOf: (key: keyof Theme) => string | undefined;
}) {
  const { t } = useTranslation();
  const text = (key: 'title' | 'subtitle' | 'avatarUrl', maxLength: number, extra: object = {}) => (
    <TextField
      label={t(`widget.theme.${key}`)}
      name={`theme.${key}`}
      value={theme[key]}
      maxLength={maxLength}
      isOptional
      hint={t(`widget.theme.hints.${key}`)}
      error={errorOf(key)}
      onChange={(event) => onChange(key, event.target.value)}
      {...extra}
    />
  );
  return (
    <div className="widget-theme">
      <div className="widget-colors">
        {(['primaryColor', 'textOnPrimary', 'background'] as const).map((key) => (
          <ColorField
            key={key}
            label={t(`widget.theme.${key}`)}
            name={`theme.${key}`}
            value={theme[key]}
            error={errorOf(key)}
            onChange={(value) => onChange(key, value)}
          />
        ))}
      </div>
      <div className="widget-grid-3">
        <SelectField
          label={t('widget.theme.position')}
          name="theme.position"
          value={theme.position}
          options={WIDGET_POSITIONS.map((value) => ({ value, label: t(`widget.theme.positions.${value}`) }))}
          onChange={(event) => onChange('position', event.target.value as Theme['position'])}
        />
        <SelectField
          label={t('widget.theme.size')}
          name="theme.size"
          value={theme.size}
          options={WIDGET_SIZES.map((value) => ({ value, label: t(`widget.theme.sizes.${value}`) }))}
          onChange={(event) => onChange('size', event.target.value as Theme['size'])}
        />
        <SelectField
          label={t('widget.theme.launcherIcon')}
          name="theme.launcherIcon"
          value={theme.launcherIcon}
          options={WIDGET_LAUNCHER_ICONS.map((value) => ({ value, label: t(`widget.theme.icons.${value}`) }))}
          onChange={(event) => onChange('launcherIcon', event.target.value as Theme['launcherIcon'])}
        />
      </div>
      <div className="widget-grid-2">
        {text('title', 60, { placeholder: t('widget.theme.titlePlaceholder') })}
        {text('subtitle', 120)}
      </div>
      <TextareaField
        label={t('widget.theme.greeting')}
        name="theme.greeting"
        rows={2}
        maxLength={500}
        value={theme.greeting}
        isOptional
        hint={t('widget.theme.hints.greeting')}
        error={errorOf('greeting')}
        onChange={(event) => onChange('greeting', event.target.value)}
      />
      <div className="widget-grid-2">
        {text('avatarUrl', 500, { type: 'url', inputMode: 'url', placeholder: 'https://…' })}
        <SelectField
          label={t('widget.theme.language')}
          name="theme.language"
          value={theme.language}
          hint={t('widget.theme.hints.language')}
          options={WIDGET_LANGUAGES.map((value) => ({
            value,
            label: value === 'auto' ? t('widget.theme.languageAuto') : t(`language.${value}`),
          }))}
          onChange={(event) => onChange('language', event.target.value as Theme['language'])}
        />
      </div>
      <details className="widget-advanced" open={theme.customCss.trim() !== '' || undefined}>
        <summary>{t('widget.theme.advanced')}</summary>
        <TextareaField
          label={t('widget.theme.customCss')}
          name="theme.customCss"
          className="widget-css"
          rows={6}
          maxLength={20_000}
          spellCheck={false}
          value={theme.customCss}
          isOptional
          hint={t('widget.theme.hints.customCss')}
          error={errorOf('customCss')}
          onChange={(event) => onChange('customCss', event.target.value)}
        />
      </details>
    </div>
  );
}
