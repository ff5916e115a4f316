import {
  CheckSpecError,
  parseCheckSpecText,
  type CheckSpec,
} from '../../../../shared/checks/index.ts';

/** Specs to start from; the user edits the JSON. */
export const starterSpecs: ReadonlyArray<{ name: string; spec: CheckSpec }> = [
  {
    name: 'Event stream basics',
    spec: {
      expect: {
        status: 200,
        contentType: 'text/event-stream',
        events: { min: 1 },
        noWarnings: true,
        maxGapMs: 30000,
      },
    },
  },
  {
    name: 'Ordered events with ids',
    spec: {
      expect: {
        types: ['start', 'delta', 'done'],
        sequence: ['start', 'delta+', 'done'],
        ids: 'increasing',
        endsWith: { type: 'done' },
      },
    },
  },
  {
    name: 'LLM answer (OpenAI chat)',
    spec: {
      expect: {
        status: 200,
        firstEventWithinMs: 5000,
        llm: { format: 'openai-chat', finishReason: 'stop', maxTtftMs: 5000 },
      },
    },
  },
  {
    name: 'Resume after a drop',
    spec: { expect: { ids: 'increasing', resume: { dropAfter: 5 } } },
  },
];

export const defaultSpecText = JSON.stringify(starterSpecs[0]!.spec, null, 2);

/** The spec text per connection while the window lives (switching tabs keeps it). */
const drafts = new Map<number, string>();

export const specDraft = (connectionId: number): string =>
  drafts.get(connectionId) ?? defaultSpecText;
/** Whether the user wrote or picked a spec for this connection (else it shows the default). */
export const hasSpecDraft = (connectionId: number): boolean => drafts.has(connectionId);
export const setSpecDraft = (connectionId: number, text: string): void => {
  drafts.set(connectionId, text);
};

export type ParsedDraft = { spec: CheckSpec; error: null } | { spec: null; error: string };

/** The spec, or the one-line problem (as `cli check` would say it). */
export function parseDraft(text: string): ParsedDraft {
  try {
    return { spec: parseCheckSpecText(text), error: null };
  } catch (error) {
    if (error instanceof CheckSpecError) return { spec: null, error: error.message };
    throw error;
  }
}
