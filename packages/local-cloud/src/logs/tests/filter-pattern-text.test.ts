import { compileFilterPattern, FilterPatternError } from '../filter-pattern';

/** Which of `messages` the pattern matches. */
function matching(pattern: string, messages: readonly string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return messages.filter((m) => matches(m));
}

// The User Guide's three events for the OR examples.
const EVENTS = ['ERROR WARN message', 'ERROR message', 'WARN message'];

describe('unstructured filter patterns', () => {
  it('matches every event when the pattern is empty or blank', () => {
    expect(matching('', EVENTS)).toEqual(EVENTS);
    expect(matching('   ', EVENTS)).toEqual(EVENTS);
  });

  it('matches a single term anywhere in the message, case-sensitively', () => {
    const events = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1', 'error in lower case'];
    expect(matching('ERROR', events)).toEqual(events.slice(0, 2));
  });

  it('requires every plain term', () => {
    expect(matching('ERROR WARN', EVENTS)).toEqual(['ERROR WARN message']);
    const events = ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception', '[ERROR] all good'];
    expect(matching('ERROR Exception', events)).toEqual(events.slice(0, 2));
  });

  it('excludes events holding a -term, also when the minus stands apart from a quoted term', () => {
    expect(matching('ERROR -WARN', EVENTS)).toEqual(['ERROR message']);
    expect(matching('"ERROR" - "Exiting"', ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'])).toEqual([
      '[ERROR] A fatal exception has occurred',
    ]);
  });

  it('matches any ?term', () => {
    expect(matching('?ERROR ?WARN', EVENTS)).toEqual(EVENTS);
    expect(matching('?WARN ?nothing', EVENTS)).toEqual(['ERROR WARN message', 'WARN message']);
  });

  it('matches a quoted phrase exactly, not its words apart', () => {
    const events = ['[WARN] Failed to process the request', 'the request Failed to process'];
    expect(matching('"Failed to process the request"', events)).toEqual(['[WARN] Failed to process the request']);
    expect(matching('Failed process request', events)).toEqual(events);
  });

  it('matches a %regex% term', () => {
    expect(matching('%^ERROR%', EVENTS)).toEqual(['ERROR WARN message', 'ERROR message']);
    expect(matching('%WARN\\smessage$%', EVENTS)).toEqual(['ERROR WARN message', 'WARN message']);
  });

  it('rejects unquoted terms with characters other than letters, digits and _', () => {
    expect(() => compileFilterPattern('index.html')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('index.html')).toThrow(/Invalid character\(s\) in term 'index.html'/);
    expect(matching('"index.html"', ['GET /index.html', 'GET /'])).toEqual(['GET /index.html']);
  });

  it('rejects an unterminated quote, a dangling operator and regex groups', () => {
    expect(() => compileFilterPattern('"ERROR')).toThrow(/Unterminated/);
    expect(() => compileFilterPattern('ERROR -')).toThrow(/applies to no term/);
    expect(() => compileFilterPattern('%(a|b)%')).toThrow(/'\('/);
    expect(() => compileFilterPattern('%WARN message%')).toThrow(/contains ' '/);
  });

  it('allows at most two regular expressions', () => {
    expect(() => compileFilterPattern('%a% %b% %c%')).toThrow(/at most 2 regular expressions/);
  });
});
