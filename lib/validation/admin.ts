import { z } from 'zod';
import { idSchema } from './common';
import { ROLES } from './api-keys';
import { capacitySchema, PASSWORD_MAX, PASSWORD_MIN } from './agents';

// Inputs of the admin pages' operations: inbox collaborators and switches, user accounts.

/** A user's place on an inbox's round-robin order (add, remove). */
export const collaboratorSchema = z.strictObject({ inboxId: idSchema, userId: idSchema });
export type CollaboratorRef = z.output<typeof collaboratorSchema>;

const toggleFields = { autoAssign: z.boolean().optional(), reassignOnOffline: z.boolean().optional() };
const changesSomething = (t: { autoAssign?: boolean; reassignOnOffline?: boolean }) => t.autoAssign !== undefined || t.reassignOnOffline !== undefined;

/** The switches with the inbox they belong to. */
export const setInboxTogglesSchema = z.strictObject({ inboxId: idSchema, ...toggleFields }).refine(changesSomething, 'Nothing to change.');
export type SetInboxTogglesInput = z.output<typeof setInboxTogglesSchema>;

const roleSchema = z.enum(ROLES, { message: 'Choose Admin, Supervisor or Agent.' });

export const createUserSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give a name.').max(100, 'At most 100 characters.'),
  // Stored lower-case because sign-in looks emails up lower-cased.
  email: z.string().trim().toLowerCase().pipe(z.email('Not an email address.').max(254, 'At most 254 characters.')),
  role: roleSchema,
  password: z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`),
});
export type CreateUserInput = z.input<typeof createUserSchema>;
export type NewUser = z.output<typeof createUserSchema>;

export const setUserRoleSchema = z.strictObject({ userId: idSchema, role: roleSchema });
export type SetUserRoleInput = z.output<typeof setUserRoleSchema>;

export const setUserEnabledSchema = z.strictObject({ userId: idSchema, enabled: z.boolean({ message: 'Expected true or false.' }) });
export type SetUserEnabledInput = z.output<typeof setUserEnabledSchema>;

/** The People page's capacity field: a whole number, or null (an empty field) for unlimited. */
export const setUserCapacitySchema = z.strictObject({ userId: idSchema, capacity: capacitySchema });
export type SetUserCapacityInput = z.output<typeof setUserCapacitySchema>;
