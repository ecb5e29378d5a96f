// Every string the interface shows, in one place, so that a Dutch translation can follow.
// Functions are used where a string has a number or a name in it. One module per group of
// screens; `strings` is all of them together.

import { adminStrings } from './admin';
import { appStrings } from './app';
import { composerStrings } from './composer';
import { inboxStrings } from './inbox';

export const strings = {
  ...appStrings,
  ...inboxStrings,
  ...composerStrings,
  ...adminStrings,
};

export type Strings = typeof strings;
