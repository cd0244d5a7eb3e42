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

/** The eight 16-bit groups of an IPv6 literal (URL parsing validates it and writes dotted tails as hex). */
function ipv6Groups(address: string): number[] | null {
  let canonical: string;
  try {
    canonical = new URL(`http://[${address.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * The IPv4 address an IPv6 address carries, if any: IPv4-compatible ::/96 (`[::127.0.0.1]`),
 * mapped ::ffff:0:0/96, translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 6to4 2002::/16. Each
 * reaches the IPv4 host on a dual-stack or translating network, so it is judged as that host.
 * (Teredo, 2001::/32, sits inside the blocked 2001::/23.)
 */
function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroUpTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
  if (zeroUpTo(6)) return ipv4Of(g6, g7);
  if (zeroUpTo(5) && g5 === 0xffff) return ipv4Of(g6, g7);
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return ipv4Of(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Of(g6, g7);
  if (g0 === 0x2002) return ipv4Of(g1, g2);
  return null;
}

/** Whether an IP literal is in a range feeds must not reach (ignoring any allowlist). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family !== 6) return false;
  if (BLOCKED.check(bare, 'ipv6')) return true;
  const v4 = embeddedIpv4(bare);
  return v4 !== null && BLOCKED.check(v4, 'ipv4');
}

/** The port of a scheme (`http:`/`https:`) whose URL names none. */
export function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** Port a URL connects to. */
function portOf(url: URL): number {
  return url.port === '' ? defaultPort(url.protocol) : Number(url.port);
}

/** One `WORKER_ALLOWED_ADDRESSES` entry split into what it names and the port it opens (null: every port). */
function splitPort(entry: string): { target: string; port: number | null } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { target: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { target: withPort[1]!, port: Number(withPort[2]) };
  return { target: entry, port: null };
}

/**
 * The `WORKER_ALLOWED_ADDRESSES` entries: IPs, CIDRs and host names let through the guard, each on
 * every port or, written `host:port` (`[v6]:port`), on that port only.
 */
export class AddressAllowlist {
  /** Address lists by port; key null holds entries open on every port. */
  private readonly addresses = new Map<number | null, BlockList>();
  private readonly hostnames = new Map<string, Set<number | null>>();
  readonly isEmpty: boolean;

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const { target, port } = splitPort(entry.trim());
      const [network, prefixText] = target.split('/');
      const bare = network ?? '';
      const family = isIP(bare);
      if (family === 0) {
        const name = normalizeHost(target);
        const ports = this.hostnames.get(name) ?? new Set();
        ports.add(port);
        this.hostnames.set(name, ports);
        continue;
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      let list = this.addresses.get(port);
      if (!list) {
        list = new BlockList();
        this.addresses.set(port, list);
      }
      if (prefixText === undefined) list.addAddress(bare, type);
      else list.addSubnet(bare, Number(prefixText), type);
    }
    this.isEmpty = entries.length === 0;
  }

  /** Whether a host name is allowed on `port` (any port when omitted, as before ports existed). */
  allowsHost(hostname: string, port?: number): boolean {
    const ports = this.hostnames.get(normalizeHost(hostname));
    if (!ports) return false;
    return ports.has(null) || port === undefined || ports.has(port);
  }

  /** Whether an address is allowed on `port`; an IPv4 carried in IPv6 counts as that IPv4. */
  allowsAddress(address: string, port?: number): boolean {
    const bare = address.replace(/^\[|\]$/g, '');
    const family = isIP(bare);
    if (family === 0) return false;
    const v4 = family === 6 ? embeddedIpv4(bare) : null;
    for (const [listPort, list] of this.addresses) {
      if (listPort !== null && port !== undefined && listPort !== port) continue;
      if (list.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true;
      if (v4 !== null && list.check(v4, 'ipv4')) return true;
    }
    return false;
  }
}

function normalizeHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** Names the setting that lets a refused address through, so the message says how to proceed. */
const ALLOWLIST_HINT = 'list it in WORKER_ALLOWED_ADDRESSES to allow it';

/** Refuses a URL whose host is an IP literal in a blocked range (names are checked at connect time). */
export function assertUrlAllowed(url: URL, allowlist: AddressAllowlist): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);
  if (isIP(host) === 0 || allowlist.allowsHost(host, port) || allowlist.allowsAddress(host, port)) return;
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
export function guardedLookup(allowlist: AddressAllowlist, port: number) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const hostAllowed = allowlist.allowsHost(hostname, port);
      const refused = addresses.find(
        (entry) =>
          !hostAllowed && isPrivateAddress(entry.address) && !allowlist.allowsAddress(entry.address, port),
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
