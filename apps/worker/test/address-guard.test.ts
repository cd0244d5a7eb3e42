import { describe, expect, it } from 'vitest';
import { AddressAllowlist, assertUrlAllowed, isPrivateAddress } from '../src/fetch/address-guard.js';
import { FetchError } from '../src/fetch/fetch-error.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.16.5.4',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a9fe:a9fe',
    '[::1]',
    // IPv4-compatible ::/96: `[::127.0.0.1]` reaches 127.0.0.1 on a dual-stack host.
    '::127.0.0.1',
    '[::7f00:1]',
    '::10.0.0.1',
    // IPv4-translated ::ffff:0:0:0/96.
    '::ffff:0:127.0.0.1',
    '::ffff:0:a9fe:a9fe',
    // 6to4 2002::/16 carrying a private IPv4.
    '2002:7f00:1::',
    '2002:c0a8:101::1',
    '2002:a9fe:a9fe::',
    // NAT64 64:ff9b::/96 carrying loopback or metadata, in dotted form too.
    '64:ff9b::127.0.0.1',
    '64:ff9b::10.0.0.1',
    // Teredo 2001::/32, whatever it carries.
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:0:8.8.8.8',
    '2002:808:808::1',
    '64:ff9b::8.8.8.8',
    'not an address',
  ])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('AddressAllowlist', () => {
  it('matches addresses, CIDRs (v4 and v6) and host names', () => {
    const allow = new AddressAllowlist(['127.0.0.1', '10.1.0.0/16', 'fd12::/16', 'Intranet.example.']);
    expect(allow.allowsAddress('127.0.0.1')).toBe(true);
    expect(allow.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(allow.allowsAddress('127.0.0.2')).toBe(false);
    expect(allow.allowsAddress('10.1.200.3')).toBe(true);
    expect(allow.allowsAddress('10.2.0.1')).toBe(false);
    expect(allow.allowsAddress('fd12::5')).toBe(true);
    expect(allow.allowsHost('intranet.example')).toBe(true);
    expect(allow.allowsHost('other.example')).toBe(false);
  });
});

describe('AddressAllowlist with ports', () => {
  it('opens only the named port of a `host:port` entry, and every port of a plain one', () => {
    const allow = new AddressAllowlist(['127.0.0.1:8080', '[::1]:9000', 'intranet.example:8443', '10.0.0.5']);
    expect(allow.allowsAddress('127.0.0.1', 8080)).toBe(true);
    expect(allow.allowsAddress('127.0.0.1', 9464)).toBe(false);
    expect(allow.allowsAddress('::ffff:127.0.0.1', 8080)).toBe(true);
    expect(allow.allowsAddress('::1', 9000)).toBe(true);
    expect(allow.allowsAddress('::1', 22)).toBe(false);
    expect(allow.allowsHost('Intranet.Example', 8443)).toBe(true);
    expect(allow.allowsHost('intranet.example', 80)).toBe(false);
    expect(allow.allowsAddress('10.0.0.5', 22)).toBe(true);
    expect(allow.allowsAddress('10.0.0.5', 80)).toBe(true);
  });

  it('refuses an allowlisted address on another port of a URL, and an embedded loopback', () => {
    const allow = new AddressAllowlist(['127.0.0.1:8080']);
    expect(() => assertUrlAllowed(new URL('http://127.0.0.1:8080/feed'), allow)).not.toThrow();
    for (const url of ['http://127.0.0.1:9464/metrics', 'http://127.0.0.1/', 'http://[::127.0.0.1]:9464/']) {
      expect(() => assertUrlAllowed(new URL(url), allow), url).toThrow(FetchError);
    }
    const none = new AddressAllowlist([]);
    for (const url of ['http://[::127.0.0.1]/', 'http://[2002:7f00:1::]/', 'http://[::ffff:0:7f00:1]/']) {
      expect(() => assertUrlAllowed(new URL(url), none), url).toThrow(/private address/);
    }
  });
});
