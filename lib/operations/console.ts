import { z } from 'zod';
import { addCollaborator, removeCollaborator, setInboxToggles } from '../domain/inboxes';
import { createUser, setUserEnabled, setUserRole } from '../domain/users';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { changeAvailability } from '../domain/assignment/presence';
import { getDashboard } from '../domain/dashboard';
import { countUnreadAssigned, markConversationRead } from '../domain/unread';
import { loadInboxList } from '../domain/conversations/inbox-list';
import { loadRouteEditor } from '../domain/routing/editor';
import { inboxFiltersSchema } from '../query/inbox-filters';
import { createApiKeySchema } from '../validation/api-keys';
import { apiKeyRefSchema } from '../validation/api-keys';
import { conversationRefSchema } from '../validation/conversations';
import { myAvailabilitySchema } from '../validation/presence';
import { collaboratorSchema, createUserSchema, setInboxTogglesSchema, setUserCapacitySchema, setUserEnabledSchema, setUserRoleSchema } from '../validation/admin';
import { setAgentCapacity } from '../domain/capacity';
import { issuePasswordLink } from '../domain/users';
import { setPasswordUrl } from '../domain/password-tokens';
import { publicOrigin } from '../http/public-origin';
import { passwordLinkSchema } from '../validation/agents';
import { listAuditLog } from '../domain/audit-log';
import { auditQuerySchema } from '../validation/audit';
import { operation } from './operation';

// Operations only the console calls: they have no HTTP binding (yet).

const nothing = z.object({});

export const inboxListOp = operation({
  name: 'inbox.list',
  permission: 'conversations.work',
  input: inboxFiltersSchema,
  run: ({ db, actor }, filters) => loadInboxList(db, actor, filters),
});

export const unreadCountOp = operation({
  name: 'inbox.unreadCount',
  permission: 'conversations.work',
  input: nothing,
  run: ({ db, actor }) => countUnreadAssigned(db, actor),
});

export const markReadOp = operation({
  name: 'inbox.markRead',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => markConversationRead(db, actor, input),
});

/** The console's availability switch: one's own (OFFLINE hands open conversations on). */
export const setMyAvailabilityOp = operation({
  name: 'agents.availability.setOwn',
  permission: 'conversations.work',
  input: myAvailabilitySchema,
  run: ({ db, actor }, { availability }) => changeAvailability(db, actor, { agentId: actor.id, availability }),
});

export const dashboardOp = operation({
  name: 'dashboard.get',
  permission: 'dashboard.view',
  input: nothing,
  run: ({ db, actor }) => getDashboard(db, actor),
});

/** The saved route list with its history, for the editor's "Reload" after a conflict. */
export const routeEditorOp = operation({
  name: 'routes.editor',
  permission: 'queues.view',
  input: nothing,
  run: ({ db, actor }) => loadRouteEditor(db, actor),
});

export const addCollaboratorOp = operation({
  name: 'inboxes.collaborators.add',
  permission: 'inboxes.manage',
  input: collaboratorSchema,
  run: async ({ db, actor }, input) => {
    await addCollaborator(db, actor, input);
    return input;
  },
});

export const removeCollaboratorOp = operation({
  name: 'inboxes.collaborators.remove',
  permission: 'inboxes.manage',
  input: collaboratorSchema,
  run: async ({ db, actor }, input) => {
    await removeCollaborator(db, actor, input);
    return input;
  },
});

export const setInboxTogglesOp = operation({
  name: 'inboxes.toggles.set',
  permission: 'inboxes.manage',
  input: setInboxTogglesSchema,
  run: ({ db, actor }, input) => setInboxToggles(db, actor, input),
});

export const createUserOp = operation({
  name: 'users.create',
  permission: 'users.manage',
  input: createUserSchema,
  run: ({ db, actor }, input) => createUser(db, actor, input),
});

export const setUserRoleOp = operation({
  name: 'users.role.set',
  permission: 'users.manage',
  input: setUserRoleSchema,
  run: ({ db, actor }, input) => setUserRole(db, actor, input),
});

export const setUserEnabledOp = operation({
  name: 'users.enabled.set',
  permission: 'users.manage',
  input: setUserEnabledSchema,
  run: ({ db, actor }, input) => setUserEnabled(db, actor, input),
});

/** The People page's capacity field (admins only, SPEC §2); PUT /ccaas/1/agents/{id} takes it too. */
export const setUserCapacityOp = operation({
  name: 'users.capacity.set',
  permission: 'users.manage',
  input: setUserCapacitySchema,
  run: ({ db, actor }, input) => setAgentCapacity(db, actor, input),
});

/** The plaintext key is in this one answer only; it is never stored or shown again. */
export const createApiKeyOp = operation({
  name: 'apiKeys.create',
  permission: 'apiKeys.manage',
  input: createApiKeySchema,
  run: ({ db, actor }, input) => createApiKey(db, actor, input),
});

export const revokeApiKeyOp = operation({
  name: 'apiKeys.revoke',
  permission: 'apiKeys.manage',
  input: apiKeyRefSchema,
  run: async ({ db, actor }, input) => {
    await revokeApiKey(db, actor, input);
    return { id: input.keyId };
  },
});

/** A one-time set-password link for a user; the link is in this answer only. */
export const issuePasswordLinkOp = operation({
  name: 'users.passwordLink.issue',
  permission: 'users.manage',
  input: passwordLinkSchema,
  run: async ({ db, actor }, input) => {
    const { token, ...issued } = await issuePasswordLink(db, actor, input);
    return { ...issued, url: setPasswordUrl(await publicOrigin(), token) };
  },
});

/** The audit log, newest first, filtered (the /audit page). */
export const listAuditLogOp = operation({
  name: 'audit.list',
  permission: 'audit.view',
  input: auditQuerySchema,
  run: ({ db, actor }, q) => listAuditLog(db, actor, q),
});
