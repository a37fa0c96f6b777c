/* eslint-disable @nx/enforce-module-boundaries -- the list of images `npm run images` builds lives
   in scripts/ (no Nx project); the manifests and compose are checked against that same list. */
export { IMAGES, STANDINS, VERSION } from '../../../scripts/lib/images/list.js';
