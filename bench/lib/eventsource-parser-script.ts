// The reference of the whole-process parser benchmark: what a user would write to parse an
// event-stream file with eventsource-parser. Reads FILE in 16 KiB chunks, decodes them with a
// streaming TextDecoder, feeds the parser, prints the event count. Run: node <this> FILE
import { openSync, readSync } from 'node:fs';
import { createParser } from 'eventsource-parser';

const fd = openSync(process.argv[2]!, 'r');
const buffer = new Uint8Array(16 * 1024);
const decoder = new TextDecoder();
let events = 0;
const parser = createParser({ onEvent: () => void events++ });
for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
  parser.feed(decoder.decode(buffer.subarray(0, n), { stream: true }));
}
parser.feed(decoder.decode());
process.stdout.write(`${JSON.stringify({ events })}\n`);
