// Types for security-headers.mjs (plain JavaScript so scripts/server.mjs and next.config.mjs import it unbuilt).
export declare const FIXED_HEADERS: Readonly<Record<string, string>>;
export declare const HSTS: string;
export declare const HTTPS_FORWARDED_PROTO: string;
export declare function isHttps(forwardedProto: string | string[] | null | undefined): boolean;
export declare const NON_DOCUMENT_CSP: string;
export declare function pageCsp(o: { nonce: string; dev?: boolean; https?: boolean }): string;
export declare function newNonce(): string;
export declare function foreignOriginRefusal(h: {
  origin?: string | null;
  host?: string | null;
  forwardedHost?: string | null;
  extraOrigins?: (string | undefined)[];
}): string | null;
