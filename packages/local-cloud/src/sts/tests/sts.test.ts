// GetCallerIdentity on the query protocol, as SDK v3's awsQuery STS client and the AWS CLI send it.
import { XMLParser } from 'fast-xml-parser';
import { CredentialIssuer } from '../../core/credentials';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { roleId } from '../identity';
import { STS_NAMESPACE, stsService } from '../sts-service';

const ACCOUNT = '123456789012';
const issuer = new CredentialIssuer();
let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startGateway({ services: [stsService({ accountId: ACCOUNT })], identify: (key) => issuer.identify(key) });
});
afterAll(() => gateway.close());

const parser = new XMLParser({ ignoreAttributes: false });

/** A form POST with a SigV4-shaped Authorization header (the gateway reads the key and scope, not the signature). */
async function call(body: string, accessKeyId = 'AKIAEXAMPLE'): Promise<{ status: number; doc: Record<string, Record<string, Record<string, string>>> }> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body,
  });
  return { status: res.status, doc: parser.parse(await res.text()) };
}

it('answers an external caller as the account root', async () => {
  const { status, doc } = await call('Action=GetCallerIdentity&Version=2011-06-15');
  expect(status).toBe(200);
  const response = doc['GetCallerIdentityResponse'] as Record<string, Record<string, string>>;
  expect(response['@_xmlns']).toBe(STS_NAMESPACE);
  expect(response['GetCallerIdentityResult']).toEqual({ Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: Number(ACCOUNT), Account: Number(ACCOUNT) });
  expect(response['ResponseMetadata']?.['RequestId']).toMatch(/^[0-9a-f-]{36}$/);
});

it('answers a role caller (keys the local cloud issued) as its assumed-role session', async () => {
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/service/fanout-worker`;
  const keys = issuer.issue(roleArn, 'compute-direct');
  const { doc } = await call('Action=GetCallerIdentity&Version=2011-06-15', keys.accessKeyId);
  expect(doc['GetCallerIdentityResponse']?.['GetCallerIdentityResult']).toEqual({
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fanout-worker/compute-direct`,
    UserId: `${roleId(roleArn)}:compute-direct`,
    Account: Number(ACCOUNT),
  });
  expect(roleId(roleArn)).toMatch(/^AROA[A-Z2-7]{17}$/);
});

it('refuses other STS actions with an XML InvalidAction error naming them', async () => {
  const { status, doc } = await call('Action=AssumeRole&Version=2011-06-15&RoleArn=x&RoleSessionName=y');
  expect(status).toBe(400);
  expect(doc['ErrorResponse']?.['Error']).toMatchObject({ Type: 'Sender', Code: 'InvalidAction', Message: expect.stringContaining('AssumeRole') });
});
