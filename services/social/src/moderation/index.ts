// The moderation feature's public surface (account erasure uses it).
export { anonymizeReports as anonymizeReporter } from './repository.js';
export { recordAction } from './audit.js';
