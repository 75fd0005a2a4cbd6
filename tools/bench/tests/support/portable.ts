import { tmpdir } from 'node:os';
import { relative } from 'node:path';
import { WORKSPACE_ROOT } from '../../src/paths';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A recorder's scratch folder, absolute or as the bench writes it (relative to the workspace). */
function scratchPattern(workspace: string, temp: string): RegExp {
  return new RegExp(`(?:${escapeRegExp(temp)}|${escapeRegExp(relative(workspace, temp))})/bench-fixtures-[A-Za-z0-9]+`, 'g');
}

/**
 * Recorded fixtures name no path of the machine that recorded them: scratch folders become
 * `<scratch>`, and the workspace's own files (in logged stack traces) are named relative to it.
 */
export function portable(text: string, workspace = WORKSPACE_ROOT, temp = tmpdir()): string {
  return text.replace(scratchPattern(workspace, temp), '<scratch>').replaceAll(`${workspace}/`, '');
}
