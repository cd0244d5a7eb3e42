import { describe, expect, it } from 'vitest';
import { SecondRequestAdmission } from '../lib/page-cache/admission';

describe('SecondRequestAdmission', () => {
  it('admits a URL from its second request on', () => {
    const admission = new SecondRequestAdmission();
    expect(admission.admit('/search?q=a')).toBe(false);
    expect(admission.admit('/search?q=b')).toBe(false);
    expect(admission.admit('/search?q=a')).toBe(true);
    expect(admission.admit('/search?q=a')).toBe(true);
    expect(admission.admit('/search?q=b')).toBe(true);
  });

  it('forgets the least recently asked URLs beyond its capacity', () => {
    const admission = new SecondRequestAdmission(2);
    admission.admit('a');
    admission.admit('b');
    expect(admission.admit('a')).toBe(true); // a is now the most recent
    admission.admit('c'); // b, the least recent, is forgotten
    expect(admission.admit('b')).toBe(false);
    expect(admission.admit('a')).toBe(false); // dropped when b came back
    expect(admission.admit('b')).toBe(true); // c was dropped when a came back; b is still there
  });
});
