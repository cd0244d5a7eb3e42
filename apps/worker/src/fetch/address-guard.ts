import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { FetchError } from './fetch-error.js';

// Addresses a feed URL must never reach unless allowlisted: this process's own machine, private
// networks, link-local (cloud metadata lives at 169.254.169.254 and fd00:ec2::254), multicast and
// reserved ranges. A URL a user pastes must not become a way to probe the inside of the network.
const BLOCKED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const BLOCKED_V6: Array<[string, number]> = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function buildBlockList(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of BLOCKED_V4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of BLOCKED_V6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const BLOCKED = buildBlockList();

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP literal is in a range feeds must not reach (ignoring any allowlist). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(bare);
  if (v4) return BLOCKED.check(v4, 'ipv4');
  return BLOCKED.check(bare, 'ipv6');
}

/** The `WORKER_ALLOWED_ADDRESSES` entries: IPs, CIDRs and host names let through the guard. */
export class AddressAllowlist {
  private readonly addresses = new BlockList();
  private readonly hostnames = new Set<string>();
  readonly isEmpty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [network, prefixText] = entry.split('/');
      const bare = (network ?? '').replace(/^\[|\]$/g, '');
      const family = isIP(bare);
      if (family === 0) {
        this.hostnames.add(entry.toLowerCase().replace(/\.$/, ''));
        continue;
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefixText === undefined) this.addresses.addAddress(bare, type);
      else this.addresses.addSubnet(bare, Number(prefixText), type);
    }
    this.isEmpty = entries.length === 0;
  }

  allowsHost(hostname: string): boolean {
    return this.hostnames.has(
      hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, ''),
    );
  }

  allowsAddress(address: string): boolean {
    const bare = address.replace(/^\[|\]$/g, '');
    const family = isIP(bare);
    if (family === 0) return false;
    if (this.addresses.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true;
    const v4 = family === 6 ? embeddedIpv4(bare) : null;
    return v4 !== null && this.addresses.check(v4, 'ipv4');
  }
}

/** Names the setting that lets a refused address through, so the message says how to proceed. */
const ALLOWLIST_HINT = 'list it in WORKER_ALLOWED_ADDRESSES to allow it';

/** Refuses a URL whose host is an IP literal in a blocked range (names are checked at connect time). */
export function assertUrlAllowed(url: URL, allowlist: AddressAllowlist): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0 || allowlist.allowsHost(host) || allowlist.allowsAddress(host)) return;
  if (isPrivateAddress(host)) {
    throw new FetchError(
      'BLOCKED_ADDRESS',
      url.href,
      `Refused to connect to private address ${host} (${ALLOWLIST_HINT})`,
    );
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that resolves the name and refuses it when any of its addresses is
 * private. Checking the addresses the socket will actually use (not a separate, earlier lookup)
 * leaves no window for DNS rebinding.
 */
export function guardedLookup(allowlist: AddressAllowlist) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const hostAllowed = allowlist.allowsHost(hostname);
      const refused = addresses.find(
        (entry) => !hostAllowed && isPrivateAddress(entry.address) && !allowlist.allowsAddress(entry.address),
      );
      if (refused || addresses.length === 0) {
        const reason = refused
          ? `${hostname} resolves to private address ${refused.address}`
          : `${hostname} has no address`;
        const blocked = new FetchError(
          'BLOCKED_ADDRESS',
          hostname,
          `Refused to connect: ${reason} (${ALLOWLIST_HINT})`,
        );
        callback(Object.assign(blocked, { errno: undefined }) as unknown as NodeJS.ErrnoException, []);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
