import { describe, expect, it } from 'vitest';
import { checkResolvedAddress, checkUrl, describeLocalName, describeNonPublicAddress, describeRefusal } from '../../src/read/address-policy.js';

describe('describeNonPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address (this computer)'],
    ['127.255.0.9', 'a loopback address (this computer)'],
    ['0.0.0.0', 'an unspecified address (0.0.0.0/8)'],
    ['0.1.2.3', 'an unspecified address (0.0.0.0/8)'],
    ['10.0.0.1', 'a private-network address'],
    ['172.16.5.4', 'a private-network address'],
    ['172.31.255.255', 'a private-network address'],
    ['192.168.1.20', 'a private-network address'],
    ['100.64.0.1', 'a shared carrier-grade NAT address'],
    ['100.127.255.254', 'a shared carrier-grade NAT address'],
    ['169.254.169.254', 'a link-local address'],
    ['224.0.0.251', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['192.0.2.10', 'a reserved address'],
    ['198.18.0.1', 'a reserved address'],
    ['::1', 'the IPv6 loopback address (this computer)'],
    ['::', 'the unspecified IPv6 address'],
    ['fc00::1', 'a unique-local IPv6 address (a private network)'],
    ['fd12:3456:789a::1', 'a unique-local IPv6 address (a private network)'],
    ['fe80::1', 'a link-local IPv6 address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['::ffff:7f00:1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['::127.0.0.1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['64:ff9b::a00:1', 'a NAT64 address for 10.0.0.1, a private-network address'],
    ['64:ff9b::7f00:1', 'a NAT64 address for 127.0.0.1, a loopback address (this computer)'],
    ['64:ff9b:1::1', 'a local-use NAT64 address'],
    ['2002:c0a8:0101::1', 'a 6to4 address for 192.168.1.1, a private-network address'],
    ['2001::1', 'a Teredo tunnel address'],
    ['2001:db8::1', 'a reserved IPv6 address'],
    ['100::1', 'a reserved IPv6 address'],
    ['fec0::1', 'a reserved IPv6 address'],
    ['[::1]', 'the IPv6 loopback address (this computer)'],
    ['not-an-address', 'not an IP address'],
    ['2130706433', 'not an IP address'],
  ])('%s is %s', (address, reason) => {
    expect(describeNonPublicAddress(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(describeNonPublicAddress(address)).toBeUndefined();
  });
});

describe('describeLocalName', () => {
  it.each([
    ['localhost', 'a name for this computer'],
    ['LOCALHOST.', 'a name for this computer'],
    ['app.localhost', 'a name for this computer'],
    ['printer.local', 'a local-network (mDNS) name'],
    ['metadata.google.internal', 'an internal-network name'],
    ['nas.home.arpa', 'a home-network name'],
    ['router', 'a single-label name, which names a host on the local network'],
  ])('%s is %s', (host, reason) => {
    expect(describeLocalName(host)).toBe(reason);
  });

  it.each(['example.com', 'news.example.co.uk', 'localhost.example.com', 'local.example.org', '127.0.0.1', '[::1]'])('%s is not local by name', (host) => {
    expect(describeLocalName(host)).toBeUndefined();
  });
});

describe('checkUrl', () => {
  const policy = {};

  it('refuses every scheme but http and https', () => {
    expect(checkUrl(new URL('file:///etc/passwd'), policy)).toEqual({ kind: 'scheme', scheme: 'file:' });
    expect(checkUrl(new URL('ftp://example.com/a'), policy)).toEqual({ kind: 'scheme', scheme: 'ftp:' });
    expect(checkUrl(new URL('gopher://example.com/'), { allowPrivate: true })).toEqual({ kind: 'scheme', scheme: 'gopher:' });
    expect(checkUrl(new URL('https://example.com/a'), policy)).toBeUndefined();
  });

  // The URL parser rewrites every spelling of an IPv4 address to dotted decimal; the check sees that.
  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::1]:8080/', '::1'],
    ['http://[::]/', '::'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[fe80::1]/', 'fe80::1'],
  ])('refuses %s (%s) before connecting', (input, address) => {
    const refusal = checkUrl(new URL(input), policy);
    expect(refusal).toMatchObject({ kind: 'address', address });
  });

  it('refuses local names, and allows them with allowPrivate or an exact allowHosts entry', () => {
    expect(checkUrl(new URL('http://localhost:3000/'), policy)).toEqual({ kind: 'name', host: 'localhost', reason: 'a name for this computer' });
    expect(checkUrl(new URL('http://localhost:3000/'), { allowPrivate: true })).toBeUndefined();
    expect(checkUrl(new URL('http://wiki.internal/'), { allowHosts: ['wiki.internal'] })).toBeUndefined();
    expect(checkUrl(new URL('http://other.internal/'), { allowHosts: ['wiki.internal'] })).toMatchObject({ kind: 'name', host: 'other.internal' });
    expect(checkUrl(new URL('http://127.0.0.1/'), { allowHosts: ['127.0.0.1'] })).toBeUndefined();
  });
});

describe('checkResolvedAddress', () => {
  it('checks the address a name resolved to, unless the name is allowed', () => {
    expect(checkResolvedAddress('evil.example', '10.0.0.1', {})).toEqual({
      kind: 'address',
      host: 'evil.example',
      address: '10.0.0.1',
      reason: 'a private-network address',
    });
    expect(checkResolvedAddress('example.com', '93.184.216.34', {})).toBeUndefined();
    expect(checkResolvedAddress('wiki.example', '10.0.0.1', { allowHosts: ['WIKI.example'] })).toBeUndefined();
    expect(checkResolvedAddress('evil.example', '10.0.0.1', { allowPrivate: true })).toBeUndefined();
  });
});

describe('describeRefusal', () => {
  it('says what was refused and why, on one line', () => {
    expect(describeRefusal('ftp://example.com/', { kind: 'scheme', scheme: 'ftp:' })).toBe(
      'Refused to fetch ftp://example.com/: it uses the ftp: scheme, and briefcast fetches only http and https URLs.',
    );
    expect(describeRefusal('http://10.0.0.1/', { kind: 'address', host: '10.0.0.1', address: '10.0.0.1', reason: 'a private-network address' })).toBe(
      'Refused to fetch http://10.0.0.1/: 10.0.0.1 is a private-network address, and briefcast fetches only public addresses (--allow-private permits local ones).',
    );
    expect(
      describeRefusal('http://evil.example/', { kind: 'address', host: 'evil.example', address: '127.0.0.1', reason: 'a loopback address (this computer)' }),
    ).toBe(
      'Refused to fetch http://evil.example/: evil.example resolves to 127.0.0.1, which is a loopback address (this computer), and briefcast fetches only public addresses (--allow-private permits local ones).',
    );
    expect(describeRefusal('http://localhost/', { kind: 'name', host: 'localhost', reason: 'a name for this computer' })).toBe(
      'Refused to fetch http://localhost/: localhost is a name for this computer, and briefcast fetches only public addresses (--allow-private permits local ones).',
    );
  });
});
