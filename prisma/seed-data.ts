// Fixed tables for the demo seed (prisma/seed.ts). Plain data only, so the seed logic stays readable.
import type { Channel, Priority, Role } from '../lib/generated/prisma/enums';

export const DEMO_PASSWORD = 'demo1234';

export type SeedUser = { key: string; email: string; name: string; role: Role };

export const USERS: SeedUser[] = [
  { key: 'admin', email: 'admin@example.com', name: 'Alex Admin', role: 'ADMIN' },
  { key: 'supervisor', email: 'supervisor@example.com', name: 'Sam Supervisor', role: 'SUPERVISOR' },
  { key: 'ana', email: 'ana@example.com', name: 'Ana Alvarez', role: 'AGENT' },
  { key: 'ben', email: 'ben@example.com', name: 'Ben Brooks', role: 'AGENT' },
  { key: 'chen', email: 'chen@example.com', name: 'Chen Wei', role: 'AGENT' },
  { key: 'dara', email: 'dara@example.com', name: 'Dara Okafor', role: 'AGENT' },
];

export type SeedInbox = {
  name: string;
  channel: Channel;
  isDefault?: boolean;
  autoAssign?: boolean;
  /** Agent keys, in round-robin order. */
  collaborators: string[];
  /** Relative share of the demo conversations arriving here. */
  weight: number;
};

// SMS has auto-assignment off so the admin page shows both states of the toggle.
export const INBOXES: SeedInbox[] = [
  { name: 'Website chat', channel: 'LIVE_CHAT', isDefault: true, collaborators: ['ana', 'ben', 'chen'], weight: 35 },
  { name: 'WhatsApp DE', channel: 'WHATSAPP', collaborators: ['ana', 'dara'], weight: 28 },
  { name: 'Support email', channel: 'EMAIL', collaborators: ['ben', 'chen', 'dara'], weight: 27 },
  { name: 'SMS alerts', channel: 'SMS', autoAssign: false, collaborators: ['chen', 'dara'], weight: 10 },
];

// "Authentication bot" is worked by a bot through the API, so it has no human members and its
// conversations stay unassigned until the bot routes them on.
export const QUEUES: { name: string; isDefault?: boolean; members: string[] }[] = [
  { name: 'General support', isDefault: true, members: ['ana', 'ben', 'chen'] },
  { name: 'Authentication bot', members: [] },
  { name: 'Verified customers', members: ['ana', 'dara'] },
  { name: 'VIP', members: ['ben', 'dara'] },
  { name: 'Billing', members: ['chen', 'dara'] },
];

export type Expr =
  | { $and: Expr[] }
  | { $or: Expr[] }
  | { $not: Expr }
  | { $eq: Record<string, string> }
  | { $contains: Record<string, string> }
  | { $hasTag: { tags: string } };

export type SeedRoute = { name: string; enabled: boolean; expression: Expr; queue: string; priority: Priority | null };

// SPEC §3's own scenario: a WhatsApp customer who asks about their account talks to the bot
// first; once the bot tags strong_auth and re-routes, the first route sends them to humans.
export const ROUTES: SeedRoute[] = [
  {
    name: 'Verified customers',
    enabled: true,
    expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] },
    queue: 'Verified customers',
    priority: 'HIGH',
  },
  {
    name: 'WhatsApp account questions → Authentication bot',
    enabled: true,
    expression: { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $contains: { 'message.text': 'account' } }] },
    queue: 'Authentication bot',
    priority: null,
  },
  { name: 'VIP', enabled: true, expression: { $eq: { 'customer.tier': 'gold' } }, queue: 'VIP', priority: 'HIGH' },
  {
    name: 'Billing',
    enabled: true,
    expression: { $or: [{ $contains: { 'message.text': 'invoice' } }, { $contains: { 'message.text': 'refund' } }] },
    queue: 'Billing',
    priority: null,
  },
  {
    name: 'Night shift (disabled)',
    enabled: false,
    expression: { $eq: { 'conversation.channel': 'SMS' } },
    queue: 'General support',
    priority: 'LOW',
  },
];

export const TAGS = [
  'strong_auth', 'vip', 'billing', 'refund', 'bug', 'feature-request', 'urgent', 'follow-up', 'churn-risk', 'onboarding',
];

export const COUNTRY_PHONE: Record<string, string> = {
  DE: '+49', AT: '+43', US: '+1', GB: '+44', FR: '+33', HR: '+385', ES: '+34', NL: '+31', IT: '+39', PL: '+48',
};

// "Name|COUNTRY"; German-speaking names dominate because of the WhatsApp DE inbox.
export const CUSTOMERS = [
  'Lena Hoffmann|DE', 'Jonas Becker|DE', 'Mia Schneider|DE', 'Felix Wagner|DE', 'Hannah Fischer|DE',
  'Lukas Weber|DE', 'Sophie Meyer|DE', 'Paul Schulz|DE', 'Emma Koch|DE', 'Leon Richter|DE',
  'Clara Wolf|DE', 'Maximilian Braun|DE', 'Anna Zimmermann|DE', 'Tobias Krüger|DE', 'Laura Hartmann|DE',
  'Katharina Gruber|AT', 'Florian Huber|AT', 'Julia Steiner|AT', 'David Moser|AT', 'Lisa Pichler|AT',
  'Stefan Bauer|AT', 'Emily Johnson|US', 'Michael Brown|US', 'Olivia Davis|US', 'James Miller|US',
  'Ava Wilson|US', 'Ethan Moore|US', 'Grace Taylor|US', 'Daniel Anderson|US', 'Oliver Smith|GB',
  'Charlotte Jones|GB', 'Harry Evans|GB', 'Amelia Roberts|GB', 'George Walker|GB', 'Isla Wright|GB',
  'Camille Dubois|FR', 'Louis Martin|FR', 'Chloé Bernard|FR', 'Hugo Petit|FR', 'Manon Laurent|FR',
  'Ivan Horvat|HR', 'Petra Kovačević|HR', 'Marko Babić|HR', 'Ana Marić|HR', 'Luka Jurić|HR',
  'Lucía García|ES', 'Javier Fernández|ES', 'Carmen López|ES', 'Pablo Sánchez|ES', 'Sofía Martínez|ES',
  'Daan de Vries|NL', 'Sanne Jansen|NL', 'Giulia Rossi|IT', 'Marco Bianchi|IT', 'Francesca Romano|IT',
  'Kasia Nowak|PL', 'Piotr Kowalski|PL', 'Zofia Wiśniewska|PL', 'Noah Schmid|DE', 'Marie Keller|AT',
];

export type Topic = { topic: string; text: string; tags?: string[]; summary?: string };

// {n} becomes a random order/ticket number. Texts say "account", "invoice", "refund" in lower
// case where a route should catch them, so the stored queues agree with the seeded routes.
export const TOPICS: Topic[] = [
  { topic: 'Cannot log in to my account', text: 'Hi, I cannot log in to my account since this morning. The password reset mail never arrives.', summary: 'Password reset mails were caught by the spam filter; customer whitelisted our sender.' },
  { topic: 'Refund for order #{n}', text: 'Hello, I returned order #{n} two weeks ago and I am still waiting for my refund.', tags: ['refund', 'billing'], summary: 'Return received late by the warehouse; refund issued manually.' },
  { topic: 'Invoice address change', text: 'Could you change the address on my last invoice? We moved offices in March.', tags: ['billing'], summary: 'Invoice reissued with the new address.' },
  { topic: 'App crashes on start', text: 'The app crashes right after the splash screen on my phone. I already reinstalled it.', tags: ['bug'], summary: 'Crash caused by an outdated OS version; fixed in the next release.' },
  { topic: 'Delivery of order #{n} is late', text: 'My order #{n} was supposed to arrive on Monday. Where is it?', summary: 'Parcel delayed at the carrier hub; new delivery date shared.' },
  { topic: 'Change the email on my account', text: 'I would like to change the email address on my account to my new work address.', summary: 'Email updated after identity check.' },
  { topic: 'Double charge on my card', text: 'I was charged twice for the same order, please send a refund for the second payment.', tags: ['billing', 'refund', 'urgent'], summary: 'Duplicate authorisation; second charge refunded.' },
  { topic: 'Missing invoice for March', text: 'I cannot find the invoice for March in the portal. Our accountant needs it.', tags: ['billing'] },
  { topic: 'Dark mode please', text: 'Any plans for a dark mode in the web app? My eyes would thank you.', tags: ['feature-request'] },
  { topic: 'How do I add a colleague?', text: 'We just signed up. How do I invite a colleague to our workspace?', tags: ['onboarding'], summary: 'Explained invitations under Settings → Team.' },
  { topic: 'Thinking about cancelling', text: 'Honestly the price went up a lot and I am thinking about cancelling my subscription.', tags: ['churn-risk'], summary: 'Offered the annual plan discount; customer stays for now.' },
  { topic: 'Two-factor code not received', text: 'I do not receive the SMS code for two-factor login on my account.', tags: ['urgent'], summary: 'Carrier blocked short codes; switched the customer to an authenticator app.' },
  { topic: 'Export to CSV is broken', text: 'When I export my reports to CSV, the file is empty. This worked last week.', tags: ['bug'], summary: 'Regression in the export job, fixed in hotfix 4.2.1.' },
  { topic: 'Upgrade to the Pro plan', text: 'We want to upgrade to the Pro plan. Will the invoice be prorated?', tags: ['billing'], summary: 'Upgraded; prorated invoice sent.' },
  { topic: 'Wrong item delivered', text: 'I ordered the blue version but received a red one (order #{n}).', summary: 'Replacement sent with express shipping.' },
  { topic: 'Account locked after too many attempts', text: 'My account is locked after too many attempts. Can you unlock it?', tags: ['urgent'], summary: 'Unlocked after verifying the customer.' },
  { topic: 'Question about data privacy', text: 'Where is my data stored, and can I get a copy of everything you have about me?' },
  { topic: 'Discount code does not work', text: 'The code SPRING20 is rejected at checkout, it says expired.', summary: 'Code had expired; applied the discount manually.' },
  { topic: 'Cannot update payment method', text: 'The page for updating my credit card shows an error 500.', tags: ['bug', 'billing'] },
  { topic: 'Request for a refund of the annual plan', text: 'I paid for a year by mistake. I would like a refund and to switch to monthly.', tags: ['refund', 'churn-risk'] },
  { topic: 'Notifications arrive twice', text: 'Every push notification arrives twice on my phone since the update.', tags: ['bug'] },
  { topic: 'Onboarding call', text: 'Could we book an onboarding call for our team of twelve next week?', tags: ['onboarding'], summary: 'Call scheduled with the customer success team.' },
  { topic: 'Delete my account', text: 'Please delete my account and all my personal data.', tags: ['churn-risk'], summary: 'Deletion request confirmed; data removed within 30 days.' },
  { topic: 'API rate limits', text: 'We keep hitting 429 errors from your API. What are the limits on our plan?', tags: ['feature-request'] },
  { topic: 'Tracking link not working', text: 'The tracking link in the shipping mail for #{n} leads to an error page.' },
  { topic: 'Invoice in English please', text: 'Our finance team needs the invoice in English instead of German.', tags: ['billing'] },
  { topic: 'Password reset link expired', text: 'The reset link says it has expired although I clicked it right away.', tags: ['bug'] },
  { topic: 'Bulk import of contacts', text: 'Is there a way to import 3,000 contacts from a spreadsheet at once?', tags: ['feature-request', 'onboarding'] },
  { topic: 'Store opening hours', text: 'Is your store in the city centre open on the public holiday?' },
  { topic: 'Damaged parcel', text: 'The parcel for order #{n} arrived crushed and the product is broken.', tags: ['refund'], summary: 'Photos received; refund approved.' },
];

export const AGENT_REPLIES = [
  'Thanks for reaching out! I am looking into this right now.',
  'Sorry for the trouble. Could you send me a screenshot of what you see?',
  'I have checked your details and forwarded this to the team in charge.',
  'Thanks for your patience. This should be fixed now, could you try again?',
  'I understand. Let me check what we can do for you.',
  'I have updated this on our side. You will get a confirmation by email shortly.',
  'Could you confirm the email address you used for the order?',
  'Good news: this has been sorted. Anything else I can help with?',
];

export const CUSTOMER_FOLLOW_UPS = [
  'Thanks, here it is.',
  'It still does not work, unfortunately.',
  'Great, that worked. Thank you!',
  'Any news on this?',
  'Yes, it is the same address as on my profile.',
  'Okay, I will wait for the email.',
  'Hello? Is anyone there?',
];
