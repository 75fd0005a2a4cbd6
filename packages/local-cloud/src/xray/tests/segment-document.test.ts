import { parseSegmentDocument, SegmentDocumentError } from '../segment-document';

const TRACE = '1-581cf771-a006649127e371903a2de979';
const valid = { name: 'example.com', id: '70de5b6f19ff9a0a', start_time: 1.478293361271e9, trace_id: TRACE, end_time: 1.478293361449e9 };
const parse = (doc: unknown) => parseSegmentDocument(JSON.stringify(doc));
const reason = (doc: unknown): string => {
  try {
    parse(doc);
  } catch (err) {
    if (err instanceof SegmentDocumentError) return `${err.reason}: ${err.message}`;
    throw err;
  }
  return 'accepted';
};

describe('segment documents', () => {
  it('reads the Developer Guide minimal segment, in-progress segment and independent subsegment', () => {
    expect(parse(valid)[0]).toMatchObject({ kind: 'segment', id: '70de5b6f19ff9a0a', traceId: TRACE, inProgress: false, parentId: undefined });
    expect(parse({ ...valid, end_time: undefined, in_progress: true })[0]).toMatchObject({ inProgress: true, endTime: undefined });
    const independent = { name: 'api.example.com', id: '53995c3f42cd8ad8', start_time: 1, end_time: 2, type: 'subsegment', trace_id: TRACE, parent_id: 'defdfd9912dc5a56', namespace: 'remote' };
    expect(parse(independent)[0]).toMatchObject({ kind: 'subsegment', parentId: 'defdfd9912dc5a56' });
  });

  it.each([
    [{ ...valid, id: '70DE5B6F19FF9A0' }, /InvalidSegment: document.id must be 16/],
    [{ ...valid, trace_id: '1-581cf771' }, /document.trace_id must look like/],
    [{ ...valid, name: '' }, /document.name must be a string of 1 to 200/],
    [{ ...valid, name: 'bad!name' }, /characters a segment name may not/],
    [{ ...valid, start_time: '1' }, /start_time must be a number/],
    [{ ...valid, end_time: undefined }, /needs an end_time or in_progress/],
    [{ ...valid, type: 'subsegment' }, /needs a parent_id/],
    [{ ...valid, annotations: { nested: { a: 1 } } }, /annotations.nested must be a string, number or boolean/],
    [{ ...valid, subsegments: [{ name: 'x', id: '0123456789abcdef', start_time: 1 }] }, /document.subsegments\[0\] needs an end_time/],
    [[valid], /array document holds independent subsegments only/],
    [42, /is a JSON object/],
  ])('refuses %j', (doc, message) => {
    expect(reason(doc)).toMatch(message);
  });

  it('refuses text that is not JSON and documents over 64 KB', () => {
    expect(() => parseSegmentDocument('{')).toThrow(expect.objectContaining({ reason: 'MalformedJson' }));
    const big = JSON.stringify({ ...valid, metadata: { default: { pad: 'x'.repeat(64 * 1024) } } });
    expect(() => parseSegmentDocument(big)).toThrow(expect.objectContaining({ reason: 'DocumentTooLarge', id: '70de5b6f19ff9a0a' }));
  });
});
