import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { identityOf } from '@kavosh/auth-client';
import { problemSchema, traceparentOf } from '@kavosh/service-kit';
import { Type } from 'typebox';
import type { CookieTransport } from '../sessions/cookies.js';
import { clientIp, type TrustedProxies } from './client-ip.js';
import { TokenPair } from '../sessions/schemas.js';
import { PasswordHashingBusy } from '../passwords/errors.js';
import { InvalidCredentials, TooManyAttempts } from './errors.js';
import type { AccountMetrics } from './metrics.js';
import {
  ChangePasswordBody,
  DeleteMeBody,
  LoginBody,
  RegisterBody,
  UpdateMeBody,
  User,
} from './schemas.js';
import type { AccountsService } from './service.js';

const LoginReply = Type.Object(
  { user: User, ...TokenPair.properties },
  { additionalProperties: false },
);

export const accountsRoutes: FastifyPluginAsyncTypebox<{
  accounts: AccountsService;
  cookies: CookieTransport;
  trustedProxies: TrustedProxies;
  metrics: AccountMetrics;
}> = async (app, { accounts, cookies, trustedProxies, metrics }) => {
  // The problem body says how long to wait; the header says it to HTTP clients and proxies.
  app.addHook('onError', async (_req, reply, err) => {
    if (err instanceof TooManyAttempts || err instanceof PasswordHashingBusy)
      reply.header('retry-after', String(err.retryAfterSeconds));
  });

  app.post(
    '/register',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Create an account (role user)',
        description:
          'Registers a new account with the role user. The password must follow the policy (8 to 128 characters, not a common password); an email already in use is 409 EMAIL_TAKEN.',
        body: RegisterBody,
        response: { 201: User, 409: problemSchema('EMAIL_TAKEN'), 400: problemSchema() },
      },
    },
    async (req, reply) => {
      const user = await accounts.register(req.body, traceparentOf(req));
      metrics.registered();
      return reply.code(201).send(user);
    },
  );

  app.post(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Exchange email and password for a token pair',
        description:
          'Checks the credentials and answers a short-lived access token and a refresh token (in the body, or as an HttpOnly cookie in cookie mode). Wrong credentials are one answer, 401 INVALID_CREDENTIALS, whether or not the email exists; repeated failures are throttled.',
        body: LoginBody,
        response: {
          200: LoginReply,
          401: problemSchema('INVALID_CREDENTIALS'),
          429: problemSchema('TOO_MANY_ATTEMPTS'),
          503: problemSchema('PASSWORD_HASHING_BUSY or REDIS_UNAVAILABLE'),
        },
      },
    },
    async (req, reply) => {
      const { user, tokens } = await accounts
        .login(req.body, clientIp(req, trustedProxies))
        .catch((err: unknown) => {
          if (err instanceof InvalidCredentials) metrics.login('invalid_credentials');
          if (err instanceof TooManyAttempts) metrics.login('throttled');
          throw err;
        });
      metrics.login('success');
      return { user, ...(req.body.refreshTokenCookie ? cookies.deliver(reply, tokens) : tokens) };
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'The caller',
        description: 'The account the access token belongs to: id, email, display name and role.',
        response: { 200: User },
      },
    },
    async (req) => accounts.me(identityOf(req).userId),
  );

  app.patch(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Change the display name',
        description:
          'Sets the display name shown to other users; other services learn it from auth.user.updated.v1.',
        body: UpdateMeBody,
        response: { 200: User },
      },
    },
    async (req) =>
      accounts.updateDisplayName(identityOf(req).userId, req.body.displayName, traceparentOf(req)),
  );

  app.post(
    '/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Change the password; ends every other session',
        description:
          "Changes the password after checking the current one; every refresh-token family except the caller's ends, so other devices must log in again.",
        body: ChangePasswordBody,
        response: { 204: Type.Null(), 403: problemSchema('WRONG_PASSWORD') },
      },
    },
    async (req, reply) => {
      await accounts.changePassword(identityOf(req), req.body, clientIp(req, trustedProxies));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Delete the account (needs the password)',
        description:
          "Deletes the caller's account after checking the password. Every service erases the user's data on auth.user.deleted.v1.",
        body: DeleteMeBody,
        response: { 204: Type.Null(), 403: problemSchema('WRONG_PASSWORD') },
      },
    },
    async (req, reply) => {
      await accounts.deleteSelf(
        identityOf(req).userId,
        req.body.password,
        clientIp(req, trustedProxies),
        traceparentOf(req),
      );
      return reply.code(204).send(null);
    },
  );
};
