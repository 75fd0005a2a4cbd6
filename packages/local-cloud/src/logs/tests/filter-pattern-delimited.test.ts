import { compileFilterPattern, splitFields } from '../filter-pattern';

// The User Guide's access-log lines.
const LINES = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 404 355',
];

const matching = (pattern: string, lines: readonly string[] = LINES): number[] => {
  const matches = compileFilterPattern(pattern);
  return lines.flatMap((l, i) => (matches(l) ? [i] : []));
};

describe('space-delimited filter patterns', () => {
  it('splits an event at spaces, keeping [..] and ".." as single fields without their delimiters', () => {
    expect(splitFields(LINES[0] as string)).toEqual(['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0', '200', '1534']);
  });

  it('matches when the event has exactly the named fields', () => {
    expect(matching('[ip, user, username, timestamp, request, status_code, bytes]')).toEqual([0, 1, 2]);
    expect(matching('[ip, user, username, timestamp, request, status_code]')).toEqual([]);
  });

  it('lets ... stand for any number of fields, at the start, middle or end', () => {
    expect(matching('[..., status_code, bytes]')).toEqual([0, 1, 2]);
    expect(matching('[ip, user, ..., status_code, bytes]')).toEqual([0, 1, 2]);
    expect(matching('[ip, user, ...]')).toEqual([0, 1, 2]);
  });

  it('compares numbers with >, <, >=, <=, = and !=', () => {
    expect(matching('[ip, user, username, timestamp, request, status_code, bytes > 1000]')).toEqual([0, 1]);
    expect(matching('[..., status_code, bytes <= 1534]')).toEqual([0, 2]);
    expect(matching('[ip, user, username, timestamp, request, status_code = 200, bytes]')).toEqual([0]);
    expect(matching('[..., status_code != 200, bytes]')).toEqual([1, 2]);
  });

  it('matches strings with wildcards', () => {
    expect(matching('[ip, user, username, timestamp, request, status_code = 4*, bytes]')).toEqual([2]);
    expect(matching('[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]')).toEqual([2]);
  });

  it('joins conditions on one field with && and ||', () => {
    expect(matching('[..., status_code = 4* || status_code = 5*, bytes]')).toEqual([1, 2]);
    expect(matching('[..., status_code = 5* && status_code != 503, bytes]')).toEqual([1]);
  });

  it('matches the User Guide OR example on words', () => {
    const events = ['ERROR WARN message', 'ERROR message', 'WARN message'];
    expect(matching('[w1=ERROR, w2]', events)).toEqual([1]);
    expect(matching('[w1=ERROR || w1=WARN, w2]', events)).toEqual([1, 2]);
  });

  it('ignores a trailing comma', () => {
    expect(matching('[..., request=*.html*, status_code=4*,]')).toEqual([]);
    expect(matching('[..., request=*.html*, status_code=4*, bytes,]')).toEqual([2]);
  });

  it('rejects conditions on names the pattern does not declare, and repeated names', () => {
    expect(() => compileFilterPattern('[a, b = 1 && c = 2]')).toThrow(/does not name/);
    expect(() => compileFilterPattern('[a, a]')).toThrow(/named twice/);
    expect(() => compileFilterPattern('[a, = 1]')).toThrow(/starts with a name/);
  });
});
