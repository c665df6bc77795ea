import { describe, expect, it } from 'vitest';
import { createEgress, nonPublicAddressReason, publicEgress } from './egress.ts';

describe('which addresses Earshot may connect to', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['fd00:ec2::254', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378::1', 'Teredo'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(nonPublicAddressReason(address)).toContain(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111'])(
    'accepts the public address %s',
    (address) => {
      expect(nonPublicAddressReason(address)).toBeUndefined();
    },
  );

  it('reads the host of a URL in every spelling the URL parser accepts', () => {
    const problem = (url: string) => publicEgress.urlProblem(url);
    expect(problem('http://127.0.0.1:8080/x')).toMatch(/^127\.0\.0\.1 is a loopback address/);
    expect(problem('http://2130706433/')).toMatch(/^127\.0\.0\.1 is a loopback/);
    expect(problem('http://0x7f.1/')).toMatch(/loopback/);
    expect(problem('http://[::1]/')).toMatch(/^\[::1\] is a/);
    expect(problem('http://[::ffff:169.254.169.254]/')).toMatch(/IPv4-mapped/);
    expect(problem('http://169.254.169.254/latest/meta-data/')).toMatch(/link-local/);
    expect(problem('http://LOCALHOST:3000/')).toMatch(/^localhost is this machine/);
    expect(problem('http://api.localhost/')).toMatch(/this machine/);
    expect(problem('http://10.0.0.5/')).toContain('EARSHOT_ALLOW_PRIVATE_EGRESS');
    expect(problem('https://0177.0.0.1/')).toMatch(/^127\.0\.0\.1 is a loopback/);
    expect(problem('wss://[::1]/')).toMatch(/loopback/);
    expect(problem('http://hooks.example.com/')).toMatch(/is not https/);
    expect(problem('ftp://hooks.example.com/')).toMatch(/not allowed/);
    expect(problem('wss://relay.example.com/')).toBeUndefined();
    expect(problem('https://hooks.example.com/earshot')).toBeUndefined();
    expect(problem('https://8.8.8.8/')).toBeUndefined();
  });

  it('lets the operator opt in to internal addresses and plain http', () => {
    const open = createEgress({ allowPrivate: true });
    expect(open.urlProblem('http://127.0.0.1:8080/x')).toBeUndefined();
    expect(open.urlProblem('ws://localhost:2583/')).toBeUndefined();
    expect(open.urlProblem('file:///etc/passwd')).toMatch(/not allowed/);
  });
});

describe('resolving a name', () => {
  const resolve = (hostname: string, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((done) =>
      publicEgress.lookup(hostname, { all }, (error, address) => done({ error, address })),
    );

  it('refuses a name that resolves to this machine', async () => {
    for (const all of [true, false]) {
      const { error } = await resolve('localhost', all);
      expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback/);
      expect(error).toMatchObject({ code: 'EGRESS_REFUSED' });
    }
  });

  it('passes the resolver’s own errors through', async () => {
    const { error } = await resolve('no-such-host.invalid', false);
    expect(error).not.toBeNull();
    expect(error).not.toMatchObject({ code: 'EGRESS_REFUSED' });
  });
});
