import { describe, expect, it } from 'vitest';
import { describeProductionSecrets, STRONG_SECRET } from '@kavosh/service-host/testing';
import { readConfig } from '../src/config.js';

const problemsOf = describeProductionSecrets({
  name: 'catalog',
  readConfig,
  env: {
    CURSOR_SECRET: 'c'.repeat(8) + STRONG_SECRET + STRONG_SECRET,
    MEDIA_SIGNING_SECRET: 'M8x2Qp4Lr7Tz1Vb5Nc9Kd3Hf6Jg0Ws2Ye8Ua4Io1Pl',
  },
});

describe('catalog secrets in production', () => {
  it('refuses a known or short MEDIA_SIGNING_SECRET: it would let anyone mint premium playback URLs', () => {
    expect(
      problemsOf({ MEDIA_SIGNING_SECRET: 'kavosh-dev-media-signing-secret-change-me' }),
    ).toEqual(['MEDIA_SIGNING_SECRET']);
    // Long enough, yet still a placeholder.
    expect(problemsOf({ MEDIA_SIGNING_SECRET: 'dev-media-secret-change-me-0000000000' })).toEqual([
      'MEDIA_SIGNING_SECRET',
    ]);
  });

  it('refuses a known CURSOR_SECRET', () => {
    expect(problemsOf({ CURSOR_SECRET: 'kavosh-dev-catalog-cursor-secret-change-me' })).toEqual([
      'CURSOR_SECRET',
    ]);
  });
});
