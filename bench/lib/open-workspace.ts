// The memory benchmark's reference process: Node that only opens (and closes) a workspace.
// Usage: node --experimental-strip-types bench/lib/open-workspace.ts FILE
import { Workspace } from '../../electron/core/workspace/workspace.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: open-workspace.ts FILE');
const workspace = Workspace.open(path);
workspace.listSessions({ limit: 10 });
workspace.close();
