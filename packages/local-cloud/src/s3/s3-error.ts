import { AwsError } from '../core/aws-error';

/**
 * An S3 API rejection: an AwsError whose body is S3's `<Error>` document. `details` become extra
 * elements of that document, as S3 adds them (`<BucketName>`, `<Key>`, `<Condition>`, …).
 */
export class S3Error extends AwsError {
  override readonly name = 'S3Error';
  constructor(
    code: string,
    message: string,
    status = 400,
    readonly details: Readonly<Record<string, string | number>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, message, status, headers);
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string): S3Error => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const noSuchUpload = (uploadId: string): S3Error =>
  new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );

export const invalidArgument = (message: string, name?: string, value?: string): S3Error =>
  new S3Error('InvalidArgument', message, 400, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' });

export const invalidRequest = (message: string): S3Error => new S3Error('InvalidRequest', message, 400);

export const malformedXml = (why?: string): S3Error =>
  new S3Error(
    'MalformedXML',
    `The XML you provided was not well-formed or did not validate against our published schema${why ? ` (${why})` : ''}`,
    400,
  );

export const preconditionFailed = (condition: string): S3Error =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

export const notImplemented = (what: string): S3Error =>
  new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented: ${what}`, 501);

export const methodNotAllowed = (method: string, resource: string): S3Error =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: resource });

export const invalidTag = (message: string): S3Error => new S3Error('InvalidTag', message, 400);

export const badDigest = (message: string): S3Error => new S3Error('BadDigest', message, 400);
