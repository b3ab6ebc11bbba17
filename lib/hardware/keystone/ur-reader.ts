import { URRegistryDecoder } from '@keystonehq/bc-ur-registry-eth';
import type { AppError } from '../../errors';

/**
 * Collects the QR texts of one UR (a single code, or the frames of an animated one, in any order and
 * with repeats, as a camera sees them). `fail` names the error: a sync code and a signature each have
 * their own code.
 */
export function urReader(fail: (details: string) => AppError) {
  const decoder = new URRegistryDecoder();
  return {
    /** One scanned QR text; true once every part needed has arrived. */
    receive(text: string): boolean {
      try {
        decoder.receivePart(text.trim().toLowerCase());
      } catch (error) {
        // The UR library throws on text that is not a UR at all (no "ur:" scheme, bad bytewords).
        throw fail(`the QR code is not a Keystone code (${error instanceof Error ? error.message : String(error)})`);
      }
      if (decoder.isError()) throw fail(`the QR code is not a Keystone code (${decoder.resultError()})`);
      return decoder.isComplete();
    },
    progress: () => decoder.estimatedPercentComplete(),
    complete() {
      if (!decoder.isComplete()) throw fail('the code is incomplete: keep the device’s QR code in view');
      return decoder.resultUR();
    },
  };
}
