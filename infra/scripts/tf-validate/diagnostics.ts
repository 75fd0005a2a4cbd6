/** Reading what Terraform says: `validate -json`, the JSON lines of `plan -json`, and plain `init` output. */

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
}

interface ValidateJson {
  valid?: boolean;
  diagnostics?: { severity?: string; summary?: string; detail?: string }[];
}

export function parseValidate(stdout: string): CheckResult & { valid: boolean } {
  let parsed: ValidateJson;
  try {
    parsed = JSON.parse(stdout) as ValidateJson;
  } catch {
    return { valid: false, diagnostics: [{ severity: 'error', summary: 'terraform validate -json printed no JSON', detail: stdout.slice(0, 500) }] };
  }
  const diagnostics = (parsed.diagnostics ?? []).map((d): Diagnostic => ({ severity: d.severity === 'warning' ? 'warning' : 'error', summary: d.summary ?? '(no summary)', ...(d.detail ? { detail: d.detail } : {}) }));
  return { valid: parsed.valid === true, diagnostics };
}

export interface PlanSummary extends CheckResult {
  changes?: { add: number; change: number; remove: number };
}

/** The machine-readable UI: one JSON object per line; diagnostics carry `@level` warn or error. */
export function parsePlanLines(stdout: string): PlanSummary {
  const result: PlanSummary = { diagnostics: [] };
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let message: { type?: string; '@level'?: string; diagnostic?: { severity?: string; summary?: string; detail?: string }; changes?: { add?: number; change?: number; remove?: number } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if (message.type === 'diagnostic' && message.diagnostic !== undefined) {
      const d = message.diagnostic;
      result.diagnostics.push({ severity: d.severity === 'warning' || message['@level'] === 'warn' ? 'warning' : 'error', summary: d.summary ?? '(no summary)', ...(d.detail ? { detail: d.detail } : {}) });
    }
    if (message.type === 'change_summary' && message.changes !== undefined) {
      result.changes = { add: message.changes.add ?? 0, change: message.changes.change ?? 0, remove: message.changes.remove ?? 0 };
    }
  }
  return result;
}

/**
 * The one init warning that says nothing about the stack: installing from a mirror, Terraform
 * can only compute this platform's checksum for the scratch copy's lock file, which is thrown
 * away with it. Every other warning counts.
 */
export const SCRATCH_LOCK_FILE_WARNING = 'Incomplete lock file information for providers';

/** `init` has no JSON output in every version: its warnings and errors are blocks headed `Warning:` / `Error:`. */
export function parseInitOutput(output: string): CheckResult {
  const diagnostics: Diagnostic[] = [];
  for (const match of output.matchAll(/^(?:│\s*)?(Warning|Error): (.+)$/gm)) {
    const summary = (match[2] ?? '').trim();
    if (match[1] === 'Warning' && summary === SCRATCH_LOCK_FILE_WARNING) continue;
    diagnostics.push({ severity: match[1] === 'Warning' ? 'warning' : 'error', summary });
  }
  return { diagnostics };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity}: ${d.summary}${d.detail ? ` — ${d.detail.replace(/\s+/g, ' ').slice(0, 400)}` : ''}`;
}
