import { describe, expect, it } from 'vitest';
import { sendTransactionParams } from './schemas';

const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TO = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('eth_sendTransaction recipient checksum', () => {
  it('a mixed-case "to" that fails EIP-55 is refused, naming it; lower case and a valid checksum pass', () => {
    const bad = TO.replace('Cd', 'CD');
    const refused = sendTransactionParams.safeParse([{ from: FROM, to: bad, value: '0x1' }]);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: [0, 'to'],
      message: expect.stringContaining(`checksum (EIP-55) of ${bad} does not match`),
    });
    expect(sendTransactionParams.safeParse([{ from: FROM, to: TO.toLowerCase() }]).data?.[0].to).toBe(TO);
    expect(sendTransactionParams.safeParse([{ from: FROM, to: TO }]).success).toBe(true);
  });
});
