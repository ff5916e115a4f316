import { describe, expect, it } from 'vitest';
import { TimelineLog } from '../../store/timeline-log.ts';
import { eventEntry } from '../../store/timeline-test-kit.ts';
import { checkCommandText } from './cli-command-text.ts';
import { checksFeed, schemasInTheApp } from './checks-feed.ts';

describe('checks feed', () => {
  it('judges the rows as they arrive, pushing each once', () => {
    const log = new TimelineLog(1);
    const expectations = { events: { min: 2 }, types: ['message'] };
    const feed = checksFeed(log, expectations);
    log.append([eventEntry(0)], []);
    feed.sync(false);
    expect(feed.results().map((r) => r.state)).toEqual(['pending', 'pass']);
    log.append([eventEntry(1)], []);
    feed.sync(false);
    feed.sync(false);
    expect(feed.results()[0]).toMatchObject({
      state: 'pass',
      detail: '2 events (expected at least 2)',
    });
    log.append([eventEntry(2, { type: 'other' })], []);
    feed.sync(true);
    expect(feed.results()[1]!.state).toBe('fail');
    // The same log and spec give the same feed.
    expect(checksFeed(log, expectations)).toBe(feed);
  });

  it('skips JSON Schemas in the app, saying where they run', () => {
    const feed = checksFeed(new TimelineLog(2), { schemas: { delta: {} } });
    feed.sync(true);
    expect(feed.results()[0]).toMatchObject({ state: 'skipped', detail: schemasInTheApp });
  });
});

describe('copy as CLI command', () => {
  it('writes the spec with the connection request, without secrets', () => {
    const text = checkCommandText(
      { expect: { status: 200 } },
      { url: 'https://api.example/v1/stream?key=[REDACTED]', method: 'POST' },
    );
    expect(text).toBe(
      [
        "cat > sse-check.json <<'JSON'",
        JSON.stringify(
          {
            expect: { status: 200 },
            request: { url: 'https://api.example/v1/stream?key=[REDACTED]', method: 'POST' },
          },
          null,
          2,
        ),
        'JSON',
        'npm run --silent cli -- check --spec sse-check.json --junit sse-check.xml',
        '',
      ].join('\n'),
    );
  });
});
