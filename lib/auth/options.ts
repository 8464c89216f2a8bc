import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '../db';
import { signInWithPassword } from './signin';
import { setAvailability } from '../domain/presence';
import { clientIp } from './client-ip';

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const result = await signInWithPassword(db(), credentials, clientIp(req?.headers));
        // next-auth hands a thrown message back to the sign-in form as `error`.
        if (!result.ok) throw new Error(result.error);
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // The token carries the user id and the sessionVersion it was signed in with: role, `enabled`
    // and the current sessionVersion are read from the database on every request (session.ts), so
    // a password change or reset ends every session signed in before it.
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, sessionVersion: typeof token.sv === 'number' ? token.sv : 0 };
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) await setAvailability(db(), token.sub, 'OFFLINE', 'signed out');
    },
  },
};
