// Which Host and Origin headers the server answers. A web page can point a name it controls at 127.0.0.1
// (DNS rebinding) and then read the local server as if it were its own site; such a request carries that
// name in its Host header, so only the names the server is really reached by are answered. IP literals are
// always fine: rebinding needs a name. A POST whose Origin is another site (a form on a web page aimed at the
// local server) is refused too.
import { normalizeHost } from '../read/address-policy.js';

export interface HostPolicyOptions {
  /** The address the server binds (127.0.0.1, 0.0.0.0, a name). */
  bindHost: string;
  /** The public address feeds carry (--public-url), behind a reverse proxy or tunnel. */
  publicUrl?: string;
  /** More names the server is reached by (the machine's name, its .local mDNS name). */
  extraHosts?: readonly string[];
}

export interface HostPolicy {
  /** True when the Host header names this server. */
  allowsHost(hostHeader: string | undefined): boolean;
  /** True when a request from this Origin may change things: none (not a browser), or this server's own. */
  allowsOrigin(origin: string | undefined, hostHeader: string | undefined): boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The host name of a Host header ("example.com:8080", "[::1]:80"), normalized; undefined when malformed. */
export function hostOfHeader(hostHeader: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s/]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  return match ? normalizeHost(match[1]!) : undefined;
}

function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(':');
}

export function createHostPolicy(options: HostPolicyOptions): HostPolicy {
  const names = new Set(['localhost', ...(options.extraHosts ?? []).map(normalizeHost)]);
  const bind = normalizeHost(options.bindHost);
  if (!isIpLiteral(bind)) names.add(bind);
  const publicUrl = options.publicUrl === undefined ? undefined : new URL(options.publicUrl);
  if (publicUrl) names.add(normalizeHost(publicUrl.hostname));

  const allowsHost = (hostHeader: string | undefined): boolean => {
    const host = hostHeader === undefined ? undefined : hostOfHeader(hostHeader);
    if (host === undefined) return false;
    return isIpLiteral(host) || names.has(host) || host.endsWith('.localhost');
  };

  const allowsOrigin = (origin: string | undefined, hostHeader: string | undefined): boolean => {
    if (origin === undefined) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false; // "null" (a sandboxed frame, a file) and garbage
    }
    if (publicUrl && parsed.origin === publicUrl.origin) return true;
    return hostHeader !== undefined && parsed.host === hostHeader.trim().toLowerCase() && allowsHost(hostHeader);
  };

  return { allowsHost, allowsOrigin };
}
