/**
 * Sessions a recorder in this process is writing right now, keyed by database file. Startup
 * recovery must not call them interrupted when a second Workspace on the same file (another
 * window, a CLI command in-process, a test) runs it.
 */
const recording = new Set<string>();

function keyOf(databaseKey: string, sessionId: number): string {
  return `${sessionId}@${databaseKey}`;
}

export function markRecording(databaseKey: string, sessionId: number): void {
  recording.add(keyOf(databaseKey, sessionId));
}

export function unmarkRecording(databaseKey: string, sessionId: number): void {
  recording.delete(keyOf(databaseKey, sessionId));
}

export function isRecordingHere(databaseKey: string, sessionId: number): boolean {
  return recording.has(keyOf(databaseKey, sessionId));
}

/** Whether a process with this id is running (another app instance or a CLI capture). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
