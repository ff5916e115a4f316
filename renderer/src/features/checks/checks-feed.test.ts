import { describe, expect, it } from 'vitest';
import { TimelineLog } from '../../store/timeline-log.ts';
import { appendEntries, eventEntry } from '../../store/timeline-test-kit.ts';
import { checkCommandText } from './cli-command-text.ts';
import { checksFeed } from './checks-feed.ts';
import { schemaFilesInTheApp } from './inline-schemas.ts';

describe('checks feed', () => {
  it('judges the rows as they arrive, pushing each once', () => {
    const log = new TimelineLog(1);
    const expectations = { events: { min: 2 }, types: ['message'] };
    const feed = checksFeed(log, expectations);
    appendEntries(log, [eventEntry(0)], []);
    feed.sync(false);
    expect(feed.results().map((r) => r.state)).toEqual(['pending', 'pass']);
    appendEntries(log, [eventEntry(1)], []);
    feed.sync(false);
    feed.sync(false);
    expect(feed.results()[0]).toMatchObject({
      state: 'pass',
      detail: '2 events (expected at least 2)',
    });
    appendEntries(log, [eventEntry(2, { type: 'other' })], []);
    feed.sync(true);
    expect(feed.results()[1]!.state).toBe('fail');
    // The same log and spec give the same feed.
    expect(checksFeed(log, expectations)).toBe(feed);
  });

  it('checks inline JSON Schemas in the app, naming the event and the failing place', () => {
    const log = new TimelineLog(3);
    const feed = checksFeed(log, {
      schemas: {
        message: {
          type: 'object',
          required: ['i'],
          properties: { i: { type: 'integer' } },
        },
      },
    });
    appendEntries(log, [eventEntry(0, { data: '{"i":1}' })], []);
    feed.sync(false);
    expect(feed.results()[0]).toMatchObject({ state: 'pass' });
    appendEntries(log, [eventEntry(1, { data: '{"i":"one"}' })], []);
    feed.sync(true);
    expect(feed.results()[0]).toMatchObject({
      state: 'fail',
      detail: expect.stringMatching(/^event 1 \(message\): #\/i: .*integer/),
    });
  });

  it('leaves schema files to cli check, saying so', () => {
    const feed = checksFeed(new TimelineLog(2), { schemas: { delta: './delta.schema.json' } });
    feed.sync(true);
    expect(feed.results()[0]).toMatchObject({ state: 'skipped', detail: schemaFilesInTheApp });
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
