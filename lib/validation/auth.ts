import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './agents';

export const signInSchema = z.object({
  email: z.string().trim().min(1).max(320).email(),
  password: z.string().min(1).max(200),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** The profile page's change of one's own password: the current one, and the new one twice. */
export const changeOwnPasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`),
    newPassword: z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`),
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });
export type ChangeOwnPasswordInput = z.output<typeof changeOwnPasswordSchema>;
