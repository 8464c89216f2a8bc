import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authOptions } from './options';

// next-auth v4's session cookie, by the names it gives it (the __Secure- one when served over https).
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/**
 * After one's own password change: the session it was made from carries the new sessionVersion,
 * so it goes on while every other session of the user ends. Only a server action or route handler
 * may set cookies; the token is re-signed with the same secret next-auth uses.
 */
export async function reissueSessionCookie(sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const secret = authOptions.secret ?? process.env.NEXTAUTH_SECRET;
  if (!secret) return;
  const maxAge = authOptions.session?.maxAge ?? 30 * 24 * 60 * 60;
  for (const name of COOKIE_NAMES) {
    const current = jar.get(name)?.value;
    if (!current) continue;
    const token = await decode({ token: current, secret });
    if (!token) return;
    const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge });
    jar.set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: name.startsWith('__Secure-'), maxAge });
    return;
  }
}
