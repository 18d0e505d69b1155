import { describe, expect, it } from 'vitest';
import { classifyVisitor, type VisitorFacts } from './classify-visitor';

const sentAt = Date.parse('2026-03-02T10:00:00Z');
const later = sentAt + 3_600_000;
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const OUTLOOK = 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)';

const open = (facts: Partial<VisitorFacts> = {}): VisitorFacts => ({ kind: 'open', method: 'GET', userAgent: CHROME, at: later, sentAt, ...facts });
const click = (facts: Partial<VisitorFacts> = {}): VisitorFacts => ({ kind: 'click', method: 'GET', userAgent: CHROME, at: later, sentAt, linkCount: 3, recentClicks: [], ...facts });

describe('classifyVisitor', () => {
  it('takes a mail client or browser GET to be a person', () => {
    for (const userAgent of [CHROME, APPLE_MAIL, OUTLOOK, 'Mozilla/5.0 (Linux; Android 14; CUBOT X30) AppleWebKit/537.36 Mobile Safari/537.36']) {
      expect(classifyVisitor(open({ userAgent })), userAgent).toEqual({ machine: false });
      expect(classifyVisitor(click({ userAgent })), userAgent).toEqual({ machine: false });
    }
  });

  it("labels Gmail's image proxy", () => {
    const userAgent = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
    expect(classifyVisitor(open({ userAgent }))).toEqual({ machine: true, reason: 'gmail-image-proxy' });
  });

  it("labels Apple Mail Privacy Protection's prefetch (the bare Mozilla/5.0 agent), whenever it comes", () => {
    expect(classifyVisitor(open({ userAgent: 'Mozilla/5.0', at: sentAt + 2_000 }))).toEqual({ machine: true, reason: 'apple-privacy-prefetch' });
    expect(classifyVisitor(open({ userAgent: 'Mozilla/5.0', at: later }))).toEqual({ machine: true, reason: 'apple-privacy-prefetch' });
  });

  it('labels security scanners, crawlers and HTTP libraries', () => {
    const agents = [
      'Mozilla/5.0 (compatible; Barracuda Sentinel)',
      'Mimecast URL Protect',
      'Proofpoint URL Defense',
      'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b',
      'Symantec Email Security',
      'Trend Micro InterScan',
      'Cisco IronPort',
      'python-requests/2.32.3',
      'curl/8.7.1',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
      'Go-http-client/1.1',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
    ];
    for (const userAgent of agents) {
      expect(classifyVisitor(open({ userAgent })), userAgent).toEqual({ machine: true, reason: 'known-scanner' });
      expect(classifyVisitor(click({ userAgent })), userAgent).toEqual({ machine: true, reason: 'known-scanner' });
    }
  });

  it('labels HEAD requests and requests with no user agent', () => {
    expect(classifyVisitor(open({ method: 'HEAD' }))).toEqual({ machine: true, reason: 'head-request' });
    expect(classifyVisitor(click({ method: 'head' }))).toEqual({ machine: true, reason: 'head-request' });
    expect(classifyVisitor(open({ userAgent: undefined }))).toEqual({ machine: true, reason: 'no-user-agent' });
    expect(classifyVisitor(click({ userAgent: '  ' }))).toEqual({ machine: true, reason: 'no-user-agent' });
  });

  it('labels a click within 10 seconds of delivery, not one after', () => {
    expect(classifyVisitor(click({ at: sentAt + 9_999 }))).toEqual({ machine: true, reason: 'click-right-after-delivery' });
    expect(classifyVisitor(click({ at: sentAt + 10_000 }))).toEqual({ machine: false });
    // An open that soon is a person with the message already on screen (or a prefetch, caught by its agent).
    expect(classifyVisitor(open({ at: sentAt + 1_000 }))).toEqual({ machine: false });
    // Not recorded as sent yet: no timing rule applies.
    expect(classifyVisitor(click({ sentAt: null, at: sentAt }))).toEqual({ machine: false });
  });

  it('labels the click that completes "every link within 5 seconds"', () => {
    const recentClicks = [
      { linkIndex: 0, at: later - 3_000 },
      { linkIndex: 1, at: later - 1_000 },
      { linkIndex: 2, at: later },
    ];
    expect(classifyVisitor(click({ recentClicks }))).toEqual({ machine: true, reason: 'clicked-every-link' });
    // Spread over more than the window: a person reading and clicking.
    expect(classifyVisitor(click({ recentClicks: [{ linkIndex: 0, at: later - 6_000 }, ...recentClicks.slice(1)] }))).toEqual({ machine: false });
    // The same link twice is not every link.
    expect(classifyVisitor(click({ recentClicks: [{ linkIndex: 2, at: later - 500 }, { linkIndex: 2, at: later }] }))).toEqual({ machine: false });
    // A message with one link: clicking it is not a burst.
    expect(classifyVisitor(click({ linkCount: 1, recentClicks: [{ linkIndex: 0, at: later }] }))).toEqual({ machine: false });
  });

  it('gives a repeated agent the same answer, still after the method and the click rules', () => {
    const proxy = 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)';
    for (let i = 0; i < 3; i++) {
      expect(classifyVisitor(open({ userAgent: proxy }))).toEqual({ machine: true, reason: 'gmail-image-proxy' });
      expect(classifyVisitor(open({ userAgent: APPLE_MAIL }))).toEqual({ machine: false });
      expect(classifyVisitor(open({ userAgent: APPLE_MAIL, method: 'HEAD' }))).toEqual({ machine: true, reason: 'head-request' });
      expect(classifyVisitor(click({ userAgent: APPLE_MAIL, at: sentAt + 1_000 }))).toEqual({ machine: true, reason: 'click-right-after-delivery' });
      expect(classifyVisitor(open({ userAgent: '  ' }))).toEqual({ machine: true, reason: 'no-user-agent' });
      expect(classifyVisitor(open({ userAgent: undefined }))).toEqual({ machine: true, reason: 'no-user-agent' });
    }
  });
});

