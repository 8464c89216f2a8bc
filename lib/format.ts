import type { Availability, Channel, ConversationStatus, Priority } from './generated/prisma/enums';

/** "now", "5m", "3h", "2d", "6w": compact ages for lists. */
export function age(from: Date, now = new Date()): string {
  const s = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return 'now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 14) return `${d}d`;
  return `${Math.floor(d / 7)}w`;
}

export const STATUS_LABEL: Record<ConversationStatus, string> = { OPEN: 'Open', WAITING: 'Waiting', SOLVED: 'Solved', CLOSED: 'Closed' };
export const PRIORITY_LABEL: Record<Priority, string> = { URGENT: 'Urgent', HIGH: 'High', NORMAL: 'Normal', LOW: 'Low' };
export const AVAILABILITY_LABEL: Record<Availability, string> = { ONLINE: 'Online', BUSY: 'Busy', OFFLINE: 'Offline' };

/** What the console shows for an agent's availability: an ONLINE or BUSY one whose console fell silent is away (SPEC §4). */
export function availabilityLabel(availability: Availability, disconnected = false): string {
  return disconnected && availability !== 'OFFLINE' ? 'Away — disconnected' : AVAILABILITY_LABEL[availability];
}
export const CHANNEL_LABEL: Record<Channel, string> = {
  NO_CHANNEL: 'No channel',
  SMS: 'SMS',
  WHATSAPP: 'WhatsApp',
  VIBER: 'Viber',
  FACEBOOK_MESSENGER: 'Messenger',
  INSTAGRAM_MESSAGING: 'Instagram',
  TELEGRAM: 'Telegram',
  LIVE_CHAT: 'Live chat',
  EMAIL: 'Email',
  VOICE: 'Voice',
  LINE: 'LINE',
  APPLE_BUSINESS_CHAT: 'Apple Messages',
  RCS: 'RCS',
  INTERNAL: 'Internal',
};
