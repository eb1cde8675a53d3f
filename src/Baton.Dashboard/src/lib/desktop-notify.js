// Browser notifications for new things that need the person: only after they pressed "Notify me" (the permission
// prompt is never shown on load), and only while this tab is not the one they are looking at.
const KEY = 'baton.notify';

export function notificationsSupported() {
  return typeof Notification !== 'undefined';
}

export function notificationsOn() {
  return notificationsSupported() && Notification.permission === 'granted' && localStorage.getItem(KEY) === '1';
}

export async function enableNotifications() {
  if (!notificationsSupported()) return 'unsupported';
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission === 'granted') localStorage.setItem(KEY, '1');
  return permission;
}

export function disableNotifications() {
  localStorage.removeItem(KEY);
}

export function showNotification(title, body, tag, onClick) {
  if (!notificationsOn()) return;
  // The person is looking at the inbox already: the new card is the notice.
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the inbox on the page is enough then.
  }
}
