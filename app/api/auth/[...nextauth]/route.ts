import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth reads a JSON body with req.json() and lets a parse error become a 500; a body the client
// broke is its own fault, so it gets a 400 in the API's envelope and next-auth never sees it.
async function post(req: Request, context: Context) {
  if (req.headers.get('content-type')?.includes('application/json')) {
    try {
      JSON.parse(await req.clone().text());
    } catch {
      return Response.json(
        { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'The body of this request is not JSON.' } } },
        { status: 400 },
      );
    }
  }
  return handler(req, context);
}

export { handler as GET, post as POST };
