import { useState } from 'react';

const isSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/**
 * Browser notifications for alerts, once the creator allowed them with a
 * button (browsers ignore a permission request nobody clicked for). Shown
 * only while the dashboard is not in front: in front, the toast says it.
 */
export function useDesktopNotifications() {
  const [permission, setPermission] = useState<NotificationPermission>(() =>
    isSupported() ? Notification.permission : 'denied',
  );
  return {
    isSupported: isSupported(),
    permission,
    request: async () => {
      if (!isSupported()) return;
      setPermission(await Notification.requestPermission());
    },
    notify: (title: string, { body, tag, onClick }: { body: string; tag: string; onClick: () => void }) => {
      if (!isSupported() || Notification.permission !== 'granted') return;
      if (document.visibilityState === 'visible' && document.hasFocus()) return;
      try {
        const notification = new Notification(title, { body, tag });
        notification.onclick = () => {
          window.focus();
          onClick();
          notification.close();
        };
      } catch {
        // Some browsers (Android Chrome) only notify from a service worker: the toast still shows.
      }
    },
  };
}
