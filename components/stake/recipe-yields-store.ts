import { call } from '../../lib/state/call';
import { createResourceStore } from '../../lib/state/resource';

/**
 * Expected yield per recipe, read from the active network. Re-read when the network changes
 * (topic 'networks'), not on every flow step: the figures move by the day, not by the block.
 */
export const recipeYieldsStore = createResourceStore('networks', () => call('flows:yields'));
