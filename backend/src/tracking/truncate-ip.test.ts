import { describe, expect, it } from 'vitest';
import { truncateIpAddress } from './truncate-ip';

describe('truncateIpAddress', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(truncateIpAddress('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIpAddress('10.0.0.0')).toBe('10.0.0.0');
  });

  it('keeps the /24 of an IPv4-mapped IPv6 address, as Node reports IPv4 peers', () => {
    expect(truncateIpAddress('::ffff:198.51.100.9')).toBe('198.51.100.0');
    expect(truncateIpAddress('::FFFF:127.0.0.1')).toBe('127.0.0.0');
  });

  it('keeps the /48 of an IPv6 address, in every spelling', () => {
    expect(truncateIpAddress('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::');
    expect(truncateIpAddress('2001:0DB8:ABCD:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd::');
    expect(truncateIpAddress('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIpAddress('::1')).toBe('0:0:0::');
    expect(truncateIpAddress('fe80::1%eth0')).toBe('fe80:0:0::');
    expect(truncateIpAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0::');
  });

  it('gives null for anything that is not an address', () => {
    for (const bad of ['', 'unknown', '256.1.1.1', '1.2.3', '1.2.3.4.5', '2001:db8:::1', '1:2:3:4:5:6:7:8:9', 'g::1', '1::2::3']) {
      expect(truncateIpAddress(bad), bad).toBeNull();
    }
  });
});
