#!/bin/sh
# Stands in for the native Prisma schema engine, which cannot be downloaded here. It must fail:
# a stub that succeeds would let `prisma migrate` report success while applying nothing.
echo "The native Prisma schema engine is not available; use npm run db:migrate / db:migration." >&2
exit 1
