import { changeOwnPassword } from '../domain/passwords';
import { changeOwnPasswordSchema } from '../validation/auth';
import { operation } from './operation';

// One's own account (the profile page). Console only: an API key has no password to change.

export const changeOwnPasswordOp = operation({
  name: 'account.password.change',
  permission: 'conversations.work',
  input: changeOwnPasswordSchema,
  run: ({ db, actor, clientIp }, input) => changeOwnPassword(db, actor, input, clientIp ?? 'unknown'),
});
