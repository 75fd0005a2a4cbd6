/** Applies an ASL JSONPath payload template (keys ending in `.$` are paths) to a state input, for contract tests. */
import { JSONPath } from 'jsonpath-plus';

export function applyTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, input, context));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const path = String(value);
      const fromContext = path.startsWith('$$');
      out[key.slice(0, -2)] = JSONPath({ path: fromContext ? path.slice(1) : path, json: (fromContext ? context : input) as object, wrap: false });
    } else out[key] = applyTemplate(value, input, context);
  }
  return out;
}
