import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string().trim().min(1).max(320).email(),
  password: z.string().min(1).max(200),
});

export type SignInInput = z.infer<typeof signInSchema>;
