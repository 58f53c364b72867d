// Which URLs, host names and IP addresses briefcast may fetch from: only public ones, unless the user opts out.
// A server that fetches URLs sent to it must not become a way into the network it runs on (SSRF), so loopback,
// private, link-local, shared (CGNAT), multicast and reserved addresses are refused, in every spelling an address
// can take (IPv4-mapped IPv6, NAT64 and 6to4 forms carry an IPv4 address inside them). Pure: the resolver and the
// connection live in safe-fetch.ts, which asks this module about every address it is about to connect to.
import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Allow private, loopback and link-local addresses everywhere: an intranet, or tests (--allow-private). */
  allowPrivate?: boolean;
  /**
   * Host names (or IP literals) that may be local, exactly as they appear in a URL: an explicit allowlist for one
   * intranet host. Every other host, including those a redirect leads to, is still checked.
   */
  allowHosts?: readonly string[];
}

export type UrlRefusal =
  { kind: 'scheme'; scheme: string } | { kind: 'name'; host: string; reason: string } | { kind: 'address'; host: string; address: string; reason: string };

const IPV4_REASONS: Readonly<Record<string, string>> = {
  loopback: 'a loopback address (this computer)',
  private: 'a private-network address',
  carrierGradeNat: 'a shared carrier-grade NAT address',
  linkLocal: 'a link-local address',
  unspecified: 'an unspecified address (0.0.0.0/8)',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
};

const IPV6_REASONS: Readonly<Record<string, string>> = {
  loopback: 'the IPv6 loopback address (this computer)',
  unspecified: 'the unspecified IPv6 address',
  uniqueLocal: 'a unique-local IPv6 address (a private network)',
  linkLocal: 'a link-local IPv6 address',
  multicast: 'a multicast address',
  ipv4Mapped: 'an IPv4-mapped or IPv4-compatible IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  teredo: 'a Teredo tunnel address',
};

// Global unicast IPv6 is 2000::/3; everything outside it is local, special or unassigned.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

function describeIPv4(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  return range === 'unicast' ? undefined : (IPV4_REASONS[range] ?? 'a special-purpose address');
}

function embeddedIPv4(bytes: readonly number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4([bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!]);
}

/** An IPv6 address that stands for an IPv4 one (NAT64, 6to4) is as public as the address inside it. */
function describeEmbedded(kind: string, inner: ipaddr.IPv4): string | undefined {
  const reason = describeIPv4(inner);
  return reason === undefined ? undefined : `${kind} for ${inner.toString()}, ${reason}`;
}

function describeIPv6(address: ipaddr.IPv6): string | undefined {
  const range = address.range();
  const bytes = address.toByteArray();
  if (range === 'rfc6052') {
    // 64:ff9b::/96 is the well-known NAT64 prefix, which IPv6-only networks use to reach public IPv4 hosts;
    // 64:ff9b:1::/48 is for a network's own translators.
    const wellKnown = bytes.slice(4, 12).every((byte) => byte === 0);
    return wellKnown ? describeEmbedded('a NAT64 address', embeddedIPv4(bytes.slice(12))) : 'a local-use NAT64 address';
  }
  if (range === '6to4') return describeEmbedded('a 6to4 address', embeddedIPv4(bytes.slice(2, 6)));
  if (range === 'unicast' && address.match(GLOBAL_UNICAST_V6)) return undefined;
  return IPV6_REASONS[range] ?? 'a reserved IPv6 address';
}

/**
 * Why an IP address may not be fetched from ("a loopback address (this computer)"), or undefined when it is
 * public. Anything that does not parse as an address is refused too.
 */
export function describeNonPublicAddress(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return describeIPv4(ipaddr.IPv4.parse(bare));
  if (ipaddr.IPv6.isValid(bare)) return describeIPv6(ipaddr.IPv6.parse(bare));
  return 'not an IP address';
}

/** A URL's host as a name to compare: lower case, IPv6 without brackets, no trailing root dot. */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

function isIpLiteral(host: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);
}

const LOCAL_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['localhost', 'a name for this computer'],
  ['localdomain', 'a name for this computer'],
  ['local', 'a local-network (mDNS) name'],
  ['internal', 'an internal-network name'],
  ['intranet', 'an internal-network name'],
  ['lan', 'a local-network name'],
  ['home.arpa', 'a home-network name'],
];

/** Why a host name is local by its name alone (localhost, *.local, a single label), or undefined. */
export function describeLocalName(host: string): string | undefined {
  const name = normalizeHost(host);
  if (isIpLiteral(name)) return undefined;
  for (const [suffix, reason] of LOCAL_SUFFIXES) {
    if (name === suffix || name.endsWith(`.${suffix}`)) return reason;
  }
  // A name without a dot is completed by the local resolver's search domains: a host on this network.
  if (!name.includes('.')) return 'a single-label name, which names a host on the local network';
  return undefined;
}

function isAllowedHost(host: string, policy: AddressPolicy): boolean {
  return policy.allowPrivate === true || (policy.allowHosts ?? []).some((allowed) => normalizeHost(allowed) === host);
}

/** Whether an address that `host` resolved to may be connected to; the refusal when it may not. */
export function checkResolvedAddress(host: string, address: string, policy: AddressPolicy): UrlRefusal | undefined {
  const name = normalizeHost(host);
  if (isAllowedHost(name, policy)) return undefined;
  const reason = describeNonPublicAddress(address);
  return reason === undefined ? undefined : { kind: 'address', host: name, address, reason };
}

/**
 * What can be refused before any connection: a scheme other than http(s), a local name, an IP literal that is
 * not public. (A name's addresses are checked when it is resolved, at connect time.)
 */
export function checkUrl(url: URL, policy: AddressPolicy): UrlRefusal | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'scheme', scheme: url.protocol };
  const host = normalizeHost(url.hostname);
  if (isAllowedHost(host, policy)) return undefined;
  if (isIpLiteral(host)) return checkResolvedAddress(host, host, policy);
  const reason = describeLocalName(host);
  return reason === undefined ? undefined : { kind: 'name', host, reason };
}

/** One line for the user: what was refused and why, and how to allow it when that is what they meant. */
export function describeRefusal(url: string, refusal: UrlRefusal): string {
  switch (refusal.kind) {
    case 'scheme':
      return `Refused to fetch ${url}: it uses the ${refusal.scheme} scheme, and briefcast fetches only http and https URLs.`;
    case 'name':
      return `Refused to fetch ${url}: ${refusal.host} is ${refusal.reason}, and briefcast fetches only public addresses (--allow-private permits local ones).`;
    case 'address': {
      const what = refusal.host === normalizeHost(refusal.address) ? refusal.address : `${refusal.host} resolves to ${refusal.address}, which`;
      return `Refused to fetch ${url}: ${what} is ${refusal.reason}, and briefcast fetches only public addresses (--allow-private permits local ones).`;
    }
  }
}
