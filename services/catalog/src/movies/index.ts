// What other features may use of movies; everything else in this folder is the feature's own.
export { MovieNotFound } from './errors.js';
export { refreshPeopleNames } from './editing.js';
export { CreditRole, MovieStatus } from './schemas.js';
