import type { Handlers } from './context';

/** The address book: names the user gives addresses, plus the wallet's own accounts. */
export const addressBookHandlers = {
  'addressBook:list': { userAction: true, handle: (_d, s) => s.addressBook.list() },
  'addressBook:add': { userAction: true, handle: (d, s) => s.addressBook.add(d) },
  'addressBook:update': { userAction: true, handle: (d, s) => s.addressBook.update(d) },
  'addressBook:remove': { userAction: true, handle: (d, s) => s.addressBook.remove(d.address) },
} satisfies Handlers;
