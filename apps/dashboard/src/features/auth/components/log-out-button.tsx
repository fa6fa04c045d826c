import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Icon } from '../../../components/ui/icons.tsx';
import { useLogOut } from '../api/log-out.ts';

export function LogOutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logOut = useLogOut({ mutationConfig: { onSettled: () => navigate('/login', { replace: true }) } });
  return (
    <Button
      variant="ghost"
      size="sm"
      icon={<Icon name="logout" size={18} />}
      isLoading={logOut.isPending}
      onClick={() => logOut.mutate()}
    >
      {logOut.isPending ? t('topbar.loggingOut') : t('topbar.logOut')}
    </Button>
  );
}
