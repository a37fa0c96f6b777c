/**
 * Patterns for strings that carry free text, so their schemas say what they accept (the OWASP
 * API ruleset asks every string for a format, pattern, enum or const).
 */

/** Free text: any character but the C0 controls other than tab, LF and CR, and DEL. */
export const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** An HTTP header value as Node lets it in: tab, visible ASCII, space and obs-text (RFC 9110). */
export const HEADER_VALUE_PATTERN = '^[\\t\\u0020-\\u007E\\u0080-\\u00FF]*$';

/**
 * A format for free text a service checks itself (e.g. social's COMMENT_BODY_INVALID for control
 * characters): the kit's validator accepts any string under it, so the service's code answers.
 */
export const TEXT_FORMAT = 'text';
