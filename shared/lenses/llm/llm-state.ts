import type {
  LlmBlockKind,
  LlmFormat,
  LlmGap,
  LlmProblem,
  LlmProblemCode,
  LlmProblemSeverity,
  LlmTextBlock,
  LlmToolCall,
  LlmUsage,
} from './types.ts';
import { normalizeUsage } from './usage.ts';

/** Where a decoder is in the stream when it reports something. */
export interface EventContext {
  index: number;
  t: number | null;
}

/** Problems of one code kept for display; the rest are only counted (a broken stream repeats). */
export const MAX_PROBLEMS_PER_CODE = 50;
export const MAX_GAPS = 1000;
/** One day of 1 s buckets; later deltas land in the last bucket rather than growing forever. */
const MAX_BUCKETS = 86_400;

/** finish/stop reasons meaning "the model was cut off by a token limit". */
const TRUNCATION_REASONS = new Set([
  'length',
  'max_tokens',
  'max_output_tokens',
  'model_context_window_exceeded',
]);

/**
 * Text is kept as parts and joined when a snapshot asks for it; the joined string replaces the
 * parts, so each character is copied O(1) times amortized however often snapshots are taken.
 */
class PartList {
  private parts: string[] = [];

  add(part: string): void {
    this.parts.push(part);
  }

  set(whole: string): void {
    this.parts = [whole];
  }

  text(): string {
    if (this.parts.length === 0) return '';
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts[0] as string;
  }
}

interface BlockState {
  key: string;
  choice: number;
  kind: LlmBlockKind;
  text: PartList;
  deltas: number;
}

interface ToolState {
  key: string;
  choice: number;
  index: number;
  id: string | null;
  name: string | null;
  args: PartList;
  complete: boolean;
  /** JSON validity of the arguments, cached by their length (checked only when they grew). */
  checkedLength: number;
  valid: boolean;
}

/** Everything the format decoders report, in format-neutral terms. */
export class LlmState {
  format: LlmFormat | null = null;
  model: string | null = null;
  responseId: string | null = null;
  terminated = false;
  /** Bumped on every change: snapshots are cached against it. */
  version = 0;
  timeOrigin: number | null = null;
  deltas = 0;
  firstTextT: number | null = null;
  lastTextT: number | null = null;
  readonly gaps: LlmGap[] = [];
  readonly problems: LlmProblem[] = [];
  readonly problemCounts: Partial<Record<LlmProblemCode, number>> = {};
  readonly buckets: number[] = [];

  private readonly blockMap = new Map<string, BlockState>();
  private readonly toolMap = new Map<string, ToolState>();
  private readonly finishByChoice = new Map<number, string>();
  private usageRaw: Record<string, unknown> | null = null;
  private readonly gapThresholdMs: number;
  private readonly bucketMs: number;

  constructor(gapThresholdMs: number, bucketMs: number) {
    this.gapThresholdMs = gapThresholdMs;
    this.bucketMs = bucketMs;
  }

  textDelta(
    ctx: EventContext,
    key: string,
    choice: number,
    kind: LlmBlockKind,
    text: string,
  ): void {
    if (text === '') return;
    let block = this.blockMap.get(key);
    if (block === undefined) {
      block = { key, choice, kind, text: new PartList(), deltas: 0 };
      this.blockMap.set(key, block);
    }
    block.text.add(text);
    block.deltas++;
    this.version++;
    this.checkAfterEnd(ctx, 'a text delta');
    if (kind === 'text') this.countTextDelta(ctx.t);
  }

  /** Creates the tool call on first sight; later calls fill in what was missing. */
  toolCall(
    key: string,
    choice: number,
    index: number,
    fields: { id?: string | null; name?: string | null },
  ): void {
    let tool = this.toolMap.get(key);
    if (tool === undefined) {
      tool = {
        key,
        choice,
        index,
        id: null,
        name: null,
        args: new PartList(),
        complete: false,
        checkedLength: -1,
        valid: true,
      };
      this.toolMap.set(key, tool);
    }
    if (fields.id) tool.id = fields.id;
    // OpenAI repeats nothing but some proxies resend the name with every fragment: keep the first.
    if (fields.name && tool.name === null) tool.name = fields.name;
    this.version++;
  }

  toolArguments(ctx: EventContext, key: string, choice: number, index: number, part: string): void {
    this.toolCall(key, choice, index, {});
    if (part === '') return;
    (this.toolMap.get(key) as ToolState).args.add(part);
    this.version++;
    this.checkAfterEnd(ctx, 'a tool-call arguments fragment');
  }

  /** A complete argument string from a `done` event, used when no fragments arrived. */
  toolArgumentsDone(key: string, whole: string): void {
    const tool = this.toolMap.get(key);
    if (tool === undefined || tool.args.text() !== '') return;
    tool.args.set(whole);
    this.version++;
  }

  completeTool(key: string): void {
    const tool = this.toolMap.get(key);
    if (tool === undefined || tool.complete) return;
    tool.complete = true;
    this.version++;
  }

  completeToolsOfChoice(choice: number): void {
    for (const tool of this.toolMap.values())
      if (tool.choice === choice) this.completeTool(tool.key);
  }

  finish(ctx: EventContext, choice: number, reason: string): void {
    if (this.finishByChoice.get(choice) === reason) return;
    this.finishByChoice.set(choice, reason);
    this.version++;
    if (TRUNCATION_REASONS.has(reason.toLowerCase())) {
      this.problem(
        'truncated-output',
        'warning',
        `The output was cut off by the token limit (finish reason "${reason}").`,
        ctx.index,
      );
    }
  }

  get finishReason(): string | null {
    return this.finishByChoice.get(0) ?? this.finishByChoice.values().next().value ?? null;
  }

  /** Later values win, but a null never erases a count an earlier event gave. */
  mergeUsage(raw: Record<string, unknown>): void {
    const merged = { ...(this.usageRaw ?? {}) };
    for (const [key, value] of Object.entries(raw)) {
      if (value !== null && value !== undefined) merged[key] = value;
    }
    this.usageRaw = merged;
    this.version++;
  }

  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.version++;
  }

  problem(
    code: LlmProblemCode,
    severity: LlmProblemSeverity,
    message: string,
    eventIndex: number | null,
  ): void {
    const count = (this.problemCounts[code] ?? 0) + 1;
    this.problemCounts[code] = count;
    if (count <= MAX_PROBLEMS_PER_CODE) this.problems.push({ code, severity, message, eventIndex });
    this.version++;
  }

  blocks(): LlmTextBlock[] {
    return [...this.blockMap.values()].map((b) => ({
      key: b.key,
      choice: b.choice,
      kind: b.kind,
      text: b.text.text(),
      deltas: b.deltas,
    }));
  }

  toolCalls(): LlmToolCall[] {
    return [...this.toolMap.values()].map((tool) => {
      const args = tool.args.text();
      if (tool.checkedLength !== args.length) {
        tool.checkedLength = args.length;
        tool.valid = isJson(args);
      }
      return {
        key: tool.key,
        choice: tool.choice,
        index: tool.index,
        id: tool.id,
        name: tool.name,
        arguments: args,
        argumentsValid: tool.valid,
        complete: tool.complete,
      };
    });
  }

  usage(): LlmUsage | null {
    return this.usageRaw === null ? null : normalizeUsage(this.usageRaw);
  }

  private checkAfterEnd(ctx: EventContext, what: string): void {
    if (!this.terminated) return;
    this.problem(
      'delta-after-end',
      'error',
      `Event ${ctx.index} carries ${what} after the stream's terminal event.`,
      ctx.index,
    );
  }

  private countTextDelta(t: number | null): void {
    this.deltas++;
    if (t === null) return;
    this.firstTextT ??= t;
    if (this.lastTextT !== null && t - this.lastTextT > this.gapThresholdMs) {
      if (this.gaps.length < MAX_GAPS) {
        this.gaps.push({ afterDelta: this.deltas - 1, ms: t - this.lastTextT, t });
      }
    }
    this.lastTextT = t;
    const origin = this.timeOrigin ?? t;
    const bucket = Math.min(MAX_BUCKETS - 1, Math.max(0, Math.floor((t - origin) / this.bucketMs)));
    while (this.buckets.length <= bucket) this.buckets.push(0);
    this.buckets[bucket] = (this.buckets[bucket] as number) + 1;
  }
}

function isJson(text: string): boolean {
  if (text.trim() === '') return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
