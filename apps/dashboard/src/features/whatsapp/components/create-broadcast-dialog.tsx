import { ApiError } from '@companero/api-client';
import { type Broadcast, CreateBroadcastBodySchema, type WhatsAppTemplate } from '@companero/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ChipInput } from '../../../components/ui/chip-input.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useFocusFirstInvalid } from '../../../hooks/use-focus-first-invalid.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  translateFieldMessage,
  validateWith,
} from '../../../lib/form-errors.ts';
import { useCreateBroadcast } from '../api/create-broadcast.ts';
import { useAudienceSize } from '../api/get-audience-size.ts';
import { useTemplates } from '../api/get-templates.ts';
import { translateWhatsAppError } from '../utils/whatsapp-error.ts';
import { TemplateBodyPreview } from './template-body-preview.tsx';

/** A new broadcast: an approved template, its parameters, and which opted-in contacts get it. */
export function CreateBroadcastDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (broadcast: Broadcast) => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('whatsapp.newBroadcast.title')}
      description={t('whatsapp.newBroadcast.description')}
    >
      <CreateBroadcastBody onCreated={onCreated} onCancel={onClose} />
    </Dialog>
  );
}

function CreateBroadcastBody({
  onCreated,
  onCancel,
}: {
  onCreated: (broadcast: Broadcast) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const approved = templates.data?.filter((template) => template.status === 'APPROVED') ?? [];

  if (templates.isPending) return <LoadingState />;
  if (templates.isError || approved.length === 0) {
    return (
      <>
        <div className="dialog-body">
          {templates.isError ? (
            <Alert tone="error">{translateWhatsAppError(t, templates.error)}</Alert>
          ) : (
            <Alert
              tone="warning"
              title={t('whatsapp.newBroadcast.noApprovedTitle')}
              action={
                <Link to="/whatsapp/templates" className="btn btn-secondary btn-sm">
                  {t('whatsapp.newBroadcast.goToTemplates')}
                </Link>
              }
            >
              {t('whatsapp.newBroadcast.noApprovedBody')}
            </Alert>
          )}
        </div>
        <footer className="dialog-footer">
          <Button variant="secondary" onClick={onCancel}>
            {t('common.close')}
          </Button>
        </footer>
      </>
    );
  }
  return <CreateBroadcastForm templates={approved} onCreated={onCreated} onCancel={onCancel} />;
}

function CreateBroadcastForm({
  templates,
  onCreated,
  onCancel,
}: {
  templates: WhatsAppTemplate[];
  onCreated: (broadcast: Broadcast) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const [parameters, setParameters] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateBroadcast({
    mutationConfig: { onSuccess: onCreated, onError: (error) => setErrors(fieldErrorsOf(error)) },
  });
  useFocusFirstInvalid(formRef, errors);
  const template = templates.find((item) => item.id === templateId);
  const values = Array.from({ length: template?.parameterCount ?? 0 }, (_, index) => parameters[index] ?? '');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: FieldErrors = {};
    values.forEach((value, index) => {
      if (!value.trim()) missing[`parameters.${index}`] = { key: 'required' };
    });
    const result = validateWith(CreateBroadcastBodySchema, {
      name,
      templateName: template?.name ?? '',
      language: template?.language ?? '',
      parameters: values.map((value) => value.trim()),
      tags,
    });
    if (!result.ok || Object.keys(missing).length > 0) {
      create.reset();
      setErrors({ ...missing, ...(result.ok ? {} : result.errors) });
      return;
    }
    setErrors({});
    create.mutate(result.data);
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  const templateError = () => {
    const code = create.error instanceof ApiError ? create.error.fieldErrors.templateName?.code : undefined;
    if (errors.templateName && code === 'template_not_approved')
      return t('whatsapp.newBroadcast.notApproved');
    if (errors.templateName && code === 'unknown_template') return t('whatsapp.newBroadcast.unknownTemplate');
    return translateFieldMessage(t, errors.templateName ?? errors.language);
  };
  return (
    <form ref={formRef} className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {create.error && !hasFieldErrors && (
          <Alert tone="error">{translateWhatsAppError(t, create.error)}</Alert>
        )}
        <TextField
          label={t('whatsapp.newBroadcast.name')}
          name="name"
          value={name}
          maxLength={200}
          autoComplete="off"
          placeholder={t('whatsapp.newBroadcast.namePlaceholder')}
          hint={t('whatsapp.newBroadcast.nameHint')}
          data-autofocus
          error={translateFieldMessage(t, errors.name)}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField
          label={t('whatsapp.newBroadcast.template')}
          name="templateName"
          value={templateId}
          options={templates.map((item) => ({ value: item.id, label: `${item.name} (${item.language})` }))}
          hint={t('whatsapp.newBroadcast.templateHint')}
          error={templateError()}
          onChange={(event) => {
            setTemplateId(event.target.value);
            setParameters([]);
          }}
        />
        {template && values.length > 0 && (
          <fieldset className="wa-params">
            <legend className="field-label">{t('whatsapp.newBroadcast.parameters')}</legend>
            <p className="field-hint">{t('whatsapp.newBroadcast.parametersHint', { name: '{{name}}' })}</p>
            {errors.parameters && (
              <p className="field-error" role="alert">
                {t('whatsapp.newBroadcast.parameterCount', { count: values.length })}
              </p>
            )}
            {values.map((value, index) => (
              <TextField
                // biome-ignore lint/suspicious/noArrayIndexKey: parameters are positional ({{1}}, {{2}}…)
                key={index}
                label={t('whatsapp.newBroadcast.parameter', { parameter: `{{${index + 1}}}` })}
                name={`parameters.${index}`}
                value={value}
                maxLength={500}
                autoComplete="off"
                error={translateFieldMessage(t, errors[`parameters.${index}`])}
                onChange={(event) => {
                  const next = [...values];
                  next[index] = event.target.value;
                  setParameters(next);
                }}
              />
            ))}
          </fieldset>
        )}
        {template?.body && (
          <div className="wa-preview">
            <p className="field-label">
              <Icon name="whatsapp" size={16} />
              {t('whatsapp.newBroadcast.preview')}
            </p>
            <p className="wa-preview-bubble">
              <TemplateBodyPreview body={template.body} values={values} />
            </p>
          </div>
        )}
        <ChipInput
          label={t('whatsapp.newBroadcast.tags')}
          name="tags"
          values={tags}
          maxItems={20}
          maxLength={50}
          isOptional
          hint={t('whatsapp.newBroadcast.tagsHint')}
          error={translateFieldMessage(t, errors.tags)}
          onChange={setTags}
        />
        <AudienceSize tags={tags} />
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" icon={<Icon name="send" size={16} />} isLoading={create.isPending}>
          {create.isPending ? t('whatsapp.newBroadcast.submitting') : t('whatsapp.newBroadcast.submit')}
        </Button>
      </footer>
    </form>
  );
}

/** "Goes to 12 opted-in contacts", counted from the contacts list as the tags change. */
function AudienceSize({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation();
  const audience = useAudienceSize(tags);
  return (
    <p className="wa-audience" role="status" data-testid="broadcast-audience">
      <Icon name="user" size={16} />
      {audience.isPending
        ? t('whatsapp.newBroadcast.counting')
        : audience.isError
          ? t('whatsapp.newBroadcast.countFailed')
          : audience.data.isAtLeast
            ? t('whatsapp.newBroadcast.audienceAtLeast', { count: audience.data.count })
            : t('whatsapp.newBroadcast.audience', { count: audience.data.count })}
    </p>
  );
}
