import { createHmac } from 'node:crypto';
import {
  GithubSignatureVerifier,
  StandardWebhooksVerifier,
} from './signatures';

/** Signs like the Standard Webhooks spec says, independently of the library under test. */
function standardSignature(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

const secretA = `whsec_${Buffer.from('first-secret-for-tests-0123456').toString(
  'base64',
)}`;
const secretB = `whsec_${Buffer.from('second-secret-for-tests-654321').toString(
  'base64',
)}`;
const secretC = `whsec_${Buffer.from('a-secret-nobody-configured-99').toString(
  'base64',
)}`;
const body = '{"id":"evt-1","type":"deployment"}';
const nowSeconds = () => Math.floor(Date.now() / 1000);

function headers(secret: string, timestamp = nowSeconds(), id = 'msg_1') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardSignature(secret, id, timestamp, body),
  };
}

describe('StandardWebhooksVerifier', () => {
  const verifier = new StandardWebhooksVerifier([secretA, secretB]);

  it('accepts a body signed with any configured secret (rotation)', () => {
    expect(() => verifier.verify(body, headers(secretA))).not.toThrow();
    expect(() => verifier.verify(body, headers(secretB))).not.toThrow();
  });

  it('accepts one valid signature among several', () => {
    const h = headers(secretB);
    const other = standardSignature(
      secretC,
      'msg_1',
      Number(h['webhook-timestamp']),
      body,
    );
    expect(() =>
      verifier.verify(body, {
        ...h,
        'webhook-signature': `${other} ${h['webhook-signature']}`,
      }),
    ).not.toThrow();
  });

  it('refuses an unknown secret, a changed body, and a changed id', () => {
    expect(() => verifier.verify(body, headers(secretC))).toThrow(
      /Invalid webhook signature: no matching signature/,
    );
    expect(() => verifier.verify(`${body} `, headers(secretA))).toThrow(
      /Invalid webhook signature/,
    );
    expect(() =>
      verifier.verify(body, { ...headers(secretA), 'webhook-id': 'msg_2' }),
    ).toThrow(/Invalid webhook signature/);
  });

  it('refuses timestamps outside ±5 minutes', () => {
    expect(() =>
      verifier.verify(body, headers(secretA, nowSeconds() - 6 * 60)),
    ).toThrow(/more than 5 minutes in the past/);
    expect(() =>
      verifier.verify(body, headers(secretA, nowSeconds() + 6 * 60)),
    ).toThrow(/more than 5 minutes in the future/);
    expect(() =>
      verifier.verify(body, headers(secretA, nowSeconds() - 4 * 60)),
    ).not.toThrow();
  });

  it('names the missing headers', () => {
    expect(() => verifier.verify(body, {})).toThrow(
      /webhook-id, webhook-timestamp, webhook-signature/,
    );
    const { 'webhook-signature': _omitted, ...rest } = headers(secretA);
    expect(() => verifier.verify(body, rest)).toThrow(
      /Missing signature header\(s\): webhook-signature;/,
    );
  });

  it('is not configured without secrets, and rejects malformed secrets', () => {
    expect(new StandardWebhooksVerifier([]).configured).toBe(false);
    expect(verifier.configured).toBe(true);
    expect(() => new StandardWebhooksVerifier(['whsec_'])).toThrow();
  });
});

describe('GithubSignatureVerifier', () => {
  // GitHub's published test vector:
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
  const secret = "It's a Secret to Everybody";
  const payload = 'Hello, World!';
  const signature =
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it('verifies the published test vector', async () => {
    await expect(
      new GithubSignatureVerifier([secret]).verify(payload, signature),
    ).resolves.toBeUndefined();
  });

  it('accepts any configured secret (rotation)', async () => {
    await expect(
      new GithubSignatureVerifier(['old-secret', secret]).verify(
        payload,
        signature,
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a wrong secret, a changed payload, a missing or SHA-1 signature', async () => {
    const verifier = new GithubSignatureVerifier([secret]);
    await expect(
      new GithubSignatureVerifier(['another']).verify(payload, signature),
    ).rejects.toThrow(/no configured secret matches/);
    await expect(verifier.verify('Hello, World?', signature)).rejects.toThrow(
      /no configured secret matches/,
    );
    await expect(verifier.verify(payload, undefined)).rejects.toThrow(
      /Missing X-Hub-Signature-256/,
    );
    await expect(
      verifier.verify(payload, 'sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59'),
    ).rejects.toThrow(/expected sha256=/);
  });

  it('is not configured without secrets', () => {
    expect(new GithubSignatureVerifier([]).configured).toBe(false);
    expect(new GithubSignatureVerifier(['']).configured).toBe(false);
  });
});
