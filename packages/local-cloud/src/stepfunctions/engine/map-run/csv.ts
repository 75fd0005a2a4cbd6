/** The delimiters ReaderConfig.CSVDelimiter names. */
export const CSV_DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** A CSV text that cannot be read as rows of fields; `row` is 1-based. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(readonly row: number, message: string) {
    super(`row ${row}: ${message}`);
  }
}

/**
 * Rows of fields (RFC 4180): fields split by `delimiter`, a field in double quotes may hold the
 * delimiter, line breaks and `""` for a quote; rows end with LF or CRLF; a final line break ends
 * the last row rather than starting an empty one.
 */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const after = text[i + 1];
        if (after !== undefined && after !== delimiter && after !== '\n' && after !== '\r') throw new CsvError(rows.length + 1, 'a closing quote must end its field');
      }
    } else if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRow();
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) throw new CsvError(rows.length + 1, 'a quoted field is not closed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the headers; a row with another number of fields is an error. */
export function csvRecords(rows: readonly string[][], headers: readonly string[], firstRow: number): Record<string, string>[] {
  return rows.map((fields, i) => {
    if (fields.length !== headers.length) throw new CsvError(firstRow + i, `${fields.length} fields where the header names ${headers.length}`);
    const record: Record<string, string> = {};
    headers.forEach((h, j) => (record[h] = fields[j] as string));
    return record;
  });
}
