import { ApiError } from '@companero/api-client';
import type { EndUser } from '@companero/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { LoadingState } from '../../../components/ui/spinner.tsx';
import { translateError } from '../../../lib/form-errors.ts';
import { useEndUsers } from '../api/use-end-users.ts';
import { useEnrollUser } from '../api/use-enroll-user.ts';
import { useProgram } from '../api/use-program.ts';

/** How an end user is shown in the picker: their name, else how they reach the coach. */
const endUserLabel = (user: EndUser) =>
  user.displayName ?? user.email ?? user.phoneE164 ?? user.appAccountId ?? user.id.slice(0, 8);

/** "Enroll a user": starts one of the creator's end users on the latest published version. */
export function EnrollUserButton({
  programId,
  onEnrolled,
}: {
  programId: string;
  onEnrolled: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button icon={<Icon name="plus" size={18} />} onClick={() => setIsOpen(true)}>
        {t('programs.participants.enroll.open')}
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        title={t('programs.participants.enroll.title')}
        description={t('programs.participants.enroll.description')}
      >
        <EnrollUserForm
          programId={programId}
          onCancel={() => setIsOpen(false)}
          onDone={(message) => {
            setIsOpen(false);
            onEnrolled(message);
          }}
        />
      </Dialog>
    </>
  );
}

function EnrollUserForm({
  programId,
  onCancel,
  onDone,
}: {
  programId: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const program = useProgram(programId);
  const endUsers = useEndUsers();
  const users = endUsers.data?.items ?? [];
  // Only a published, not archived program takes enrollments: say so before the creator tries.
  const blocker =
    program.data?.status === 'archived'
      ? t('programs.participants.enroll.archived')
      : program.data && program.data.publishedVersion === null
        ? t('programs.participants.enroll.notPublished')
        : undefined;
  const [picked, setPicked] = useState('');
  const [error, setError] = useState<string>();
  const endUserId = picked || users[0]?.id || '';
  const enroll = useEnrollUser();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const user = users.find((u) => u.id === endUserId);
    if (!user) {
      setError(t('fieldErrors.required'));
      return;
    }
    setError(undefined);
    enroll.mutate(
      { programId, body: { endUserId } },
      { onSuccess: () => onDone(t('programs.participants.enroll.done', { name: endUserLabel(user) })) },
    );
  }

  if (endUsers.isPending) {
    return (
      <div className="dialog-body">
        <LoadingState />
      </div>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="dialog-body">
        {endUsers.isError && <Alert tone="error">{translateError(t, endUsers.error)}</Alert>}
        {blocker && <Alert tone="warning">{blocker}</Alert>}
        {enroll.error && (
          <Alert tone="error">
            {/* The program was checked above: a conflict now means this person is already in it. */}
            {enroll.error instanceof ApiError && enroll.error.code === 'CONFLICT' && !blocker
              ? t('programs.participants.enroll.alreadyEnrolled')
              : translateError(t, enroll.error)}
          </Alert>
        )}
        {endUsers.isSuccess && users.length === 0 ? (
          <Alert tone="info" title={t('programs.participants.enroll.noUsers')}>
            {t('programs.participants.enroll.noUsersHint')}
          </Alert>
        ) : (
          <SelectField
            label={t('programs.participants.enroll.user')}
            name="endUserId"
            value={endUserId}
            onChange={(event) => setPicked(event.target.value)}
            data-autofocus
            error={error}
            hint={t('programs.participants.enroll.userHint')}
            options={users.map((user) => ({ value: user.id, label: endUserLabel(user) }))}
          />
        )}
      </div>
      <footer className="dialog-footer">
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          isLoading={enroll.isPending}
          disabled={users.length === 0 || blocker !== undefined}
        >
          {enroll.isPending
            ? t('programs.participants.enroll.enrolling')
            : t('programs.participants.enroll.submit')}
        </Button>
      </footer>
    </form>
  );
}
