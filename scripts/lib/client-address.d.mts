import type { IncomingMessage } from 'node:http';

export type TrustedProxies = { size: number; has(ip: string | null): boolean };
export function normalizeAddress(raw: unknown): string | null;
export function parseTrustedProxies(value: string | undefined | null): TrustedProxies;
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string;
export function applyClientAddress(req: IncomingMessage, trusted: TrustedProxies): string;
