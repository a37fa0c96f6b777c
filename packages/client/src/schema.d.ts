// Generated from openapi.json by `npm run generate -w @kavosh/client`; do not edit.
export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process is up
     * @description Answers 200 while the process runs; a probe restarts the gateway when it stops answering. Not rate limited.
     */
    get: operations['gateway.live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: this gateway can serve (Redis and the upstreams are not required)
     * @description Answers 200 when this gateway can take traffic, 503 SHUTTING_DOWN while it drains; Redis and the upstreams do not gate it (one of them down would take every replica out at once). Not rate limited.
     */
    get: operations['gateway.ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/dependencies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Redis and each upstream: up or down, with the check latency (always 200)
     * @description Reports Redis and each upstream with its state and check latency; always 200, `down` lists the failing ones (for dashboards and alerts, not for load balancers). Not rate limited.
     */
    get: operations['gateway.dependencies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Auth's public signing keys (JWKS), proxied to auth
     * @description The public keys that verify Kavosh access tokens (EdDSA), as auth publishes them; cache them by `kid`. Rate limited like /api/ routes.
     */
    get: operations['gateway.jwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This document: every public route, with its edge access policy
     * @description This OpenAPI 3.1 document, merged from every service's own document, each operation with its edge access rule (`x-kavosh-access`). Not rate limited.
     */
    get: operations['gateway.openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Swagger UI on this document
     * @description Swagger UI on /openapi.json, served with its own assets and a strict Content-Security-Policy. Not rate limited.
     */
    get: operations['gateway.docs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The public keys that verify access tokens
     * @description The JSON Web Key Set of the keys auth signs access tokens with (EdDSA); services and clients verify tokens with it, picking the key by kid.
     */
    get: operations['auth.getWellKnownJwksJson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create an account (role user)
     * @description Registers a new account with the role user. The password must follow the policy (8 to 128 characters, not a common password); an email already in use is 409 EMAIL_TAKEN.
     */
    post: operations['auth.postRegister'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange email and password for a token pair
     * @description Checks the credentials and answers a short-lived access token and a refresh token (in the body, or as an HttpOnly cookie in cookie mode). Wrong credentials are one answer, 401 INVALID_CREDENTIALS, whether or not the email exists; repeated failures are throttled.
     */
    post: operations['auth.postLogin'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller
     * @description The account the access token belongs to: id, email, display name and role.
     */
    get: operations['auth.getMe'];
    put?: never;
    post?: never;
    /**
     * Delete the account (needs the password)
     * @description Deletes the caller's account after checking the password. Every service erases the user's data on auth.user.deleted.v1.
     */
    delete: operations['auth.deleteMe'];
    options?: never;
    head?: never;
    /**
     * Change the display name
     * @description Sets the display name shown to other users; other services learn it from auth.user.updated.v1.
     */
    patch: operations['auth.patchMe'];
    trace?: never;
  };
  '/api/auth/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Change the password; ends every other session
     * @description Changes the password after checking the current one; every refresh-token family except the caller's ends, so other devices must log in again.
     */
    post: operations['auth.postMePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Spend a refresh token (body, or the cookie in cookie mode) for a new pair
     * @description Rotates a refresh token: the one sent stops working and a new access and refresh token are answered. Reusing a spent refresh token ends its whole family (a sign it was stolen) and answers 401 TOKEN_INVALID.
     */
    post: operations['auth.postRefresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the login (refresh-token family) this token belongs to
     * @description Revokes the refresh-token family the sent token belongs to, so neither it nor any token rotated from it works again. Access tokens already issued expire on their own.
     */
    post: operations['auth.postLogout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List accounts (admin); cursor pagination, email prefix search
     * @description Admins page through every account, newest first, optionally narrowed to emails starting with a prefix. Other callers get 403 FORBIDDEN.
     */
    get: operations['auth.getUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One account (admin)
     * @description An account with its role and timestamps, for admins; an unknown id is 404 USER_NOT_FOUND.
     */
    get: operations['auth.getUsersById'];
    put?: never;
    post?: never;
    /**
     * Delete an account (admin)
     * @description Erases an account and everything auth holds about it; the other services erase their data on auth.user.deleted.v1.
     */
    delete: operations['auth.deleteUsersById'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/users/{id}/role': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change an account's role (admin)
     * @description Sets the role of an account (user, editor, moderator or admin); the other services learn it from auth.user.updated.v1. Tokens already issued keep their old role until they expire.
     */
    patch: operations['auth.patchUsersByIdRole'];
    trace?: never;
  };
  '/api/auth/admin/partners/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List partner keys (admin), never their secrets
     * @description Pages through partner keys with their partner, scopes, tier and status; secrets are never shown.
     */
    get: operations['auth.getAdminPartnersKeys'];
    put?: never;
    /**
     * Issue a partner key (admin); the secret is in this answer only
     * @description Creates a key for a partner with its scopes and tier. The secret is answered once and stored only as a keyed hash; keep it safe.
     */
    post: operations['auth.postAdminPartnersKeys'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/admin/partners/keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One partner key (admin), without its secret
     * @description A partner key with its scopes, tier, status and dates; an unknown id is 404.
     */
    get: operations['auth.getAdminPartnersKeysById'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/admin/partners/keys/{id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new secret for a key (admin); the old one works for overlapSeconds more
     * @description Issues a new secret for a key (answered once). The previous secret keeps working for overlapSeconds, so the partner can switch without downtime.
     */
    post: operations['auth.postAdminPartnersKeysByIdRotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/admin/partners/keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a key at once (admin), on every gateway within seconds
     * @description Revokes a key immediately: every gateway refuses it within its cache time. Revoking is final.
     */
    post: operations['auth.postAdminPartnersKeysByIdRevoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/movies/{id}/playback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A short-lived signed stream URL for a published movie (premium needs a subscription)
     * @description Answers a signed URL of the movie's stream on the media origin, valid for a few minutes. A premium movie needs an active subscription (403 SUBSCRIPTION_REQUIRED otherwise).
     */
    get: operations['catalog.getMoviesByIdPlayback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/movies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List or search movies; filters, sorts and opaque cursor pagination
     * @description Pages through published movies (editors may ask for any status), filtered by genre, years, language, premium or person, sorted by newest or popularity, or searched in full text with q. Cursors are opaque and signed.
     */
    get: operations['catalog.getMovies'];
    put?: never;
    /**
     * Create a draft movie (editor)
     * @description Creates a movie as a draft, invisible to readers until it is published; its slug comes from the title unless given.
     */
    post: operations['catalog.postMovies'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/movies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One movie by id or slug, with credits; an old slug redirects (301)
     * @description A published movie with its genres and credits, by id or current slug; a former slug answers 301 to the current one. Drafts are 404 for everyone but editors.
     */
    get: operations['catalog.getMoviesById'];
    put?: never;
    post?: never;
    /**
     * Delete a movie (editor); a published one emits catalog.movie.unpublished.v1
     * @description Deletes a movie and its credits; If-Match is checked when sent. Deleting a published movie emits catalog.movie.unpublished.v1, so other services drop it.
     */
    delete: operations['catalog.deleteMoviesById'];
    options?: never;
    head?: never;
    /**
     * Change a movie (editor); If-Match with its ETag is required
     * @description Changes a movie's fields; If-Match must hold the ETag read with GET, or the answer is 412 VERSION_MISMATCH (428 without it).
     */
    patch: operations['catalog.patchMoviesById'];
    trace?: never;
  };
  '/api/catalog/movies/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish a movie (editor); emits catalog.movie.published.v1
     * @description Makes the movie visible to readers and tells the other services by event; If-Match is checked when sent.
     */
    post: operations['catalog.postMoviesByIdPublish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/movies/{id}/unpublish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Withdraw a published movie (editor); emits catalog.movie.unpublished.v1
     * @description Hides the movie from readers and tells the other services by event; If-Match is checked when sent.
     */
    post: operations['catalog.postMoviesByIdUnpublish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/genres': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every genre, by name
     * @description Every genre with its slug and version, sorted by name; answers 304 to a matching If-None-Match.
     */
    get: operations['catalog.getGenres'];
    put?: never;
    /**
     * Create a genre (editor)
     * @description Creates a genre; its slug comes from the name unless given, and a name or slug in use is 409 GENRE_TAKEN.
     */
    post: operations['catalog.postGenres'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/genres/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One genre by id, with its version ETag
     * @description A genre by id; its ETag is the version that PATCH and DELETE take in If-Match.
     */
    get: operations['catalog.getGenresById'];
    put?: never;
    post?: never;
    /**
     * Delete an unused genre (editor)
     * @description Deletes a genre no movie uses; a genre in use is 409.
     */
    delete: operations['catalog.deleteGenresById'];
    options?: never;
    head?: never;
    /**
     * Rename a genre (editor); If-Match required
     * @description Renames a genre or changes its slug; If-Match must hold the ETag read with GET.
     */
    patch: operations['catalog.patchGenresById'];
    trace?: never;
  };
  '/api/catalog/people': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Find people by name prefix (editor), for picking credits
     * @description Editors search people by the start of their name, to pick credits when editing a movie.
     */
    get: operations['catalog.getPeople'];
    put?: never;
    /**
     * Create a person (editor)
     * @description Creates a person that movies can credit.
     */
    post: operations['catalog.postPeople'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/people/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A person and their filmography of published movies
     * @description A person with their biography and the published movies they are credited in.
     */
    get: operations['catalog.getPeopleById'];
    put?: never;
    post?: never;
    /**
     * Delete a person no movie credits (editor)
     * @description Deletes a person no movie credits; a credited person is 409.
     */
    delete: operations['catalog.deletePeopleById'];
    options?: never;
    head?: never;
    /**
     * Change a person (editor); If-Match required; a new name is searchable at once
     * @description Changes a person; If-Match must hold the ETag read with GET. A new name is searchable at once.
     */
    patch: operations['catalog.patchPeopleById'];
    trace?: never;
  };
  '/api/catalog/movies/{id}/poster': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload a movie's poster (editor)
     * @description multipart/form-data with one file field "poster": a JPEG, PNG or WebP image (type sniffed from the bytes), at most POSTER_MAX_BYTES. Bumps the movie's version.
     */
    post: operations['catalog.postMoviesByIdPoster'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/posters/{file}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A poster image by content hash (public, cacheable forever)
     * @description Serves a poster image by its content hash; the URL never changes for the same image, so it is cached for a year.
     */
    get: operations['catalog.getPostersByFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/articles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List published articles, newest first; filter by tag or movie; cursor pages
     * @description Pages through published articles, newest first, optionally those with a tag or about a movie.
     */
    get: operations['catalog.getArticles'];
    put?: never;
    /**
     * Write a draft article (editor); Markdown is rendered and sanitized now
     * @description Creates a draft article; its Markdown is rendered to sanitized HTML when saved, never when read.
     */
    post: operations['catalog.postArticles'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/articles/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One article by id or slug (drafts for editors only)
     * @description An article with its rendered, sanitized HTML, by id or slug; drafts are 404 for everyone but editors. Answers 304 to a matching If-None-Match.
     */
    get: operations['catalog.getArticlesById'];
    put?: never;
    post?: never;
    /**
     * Delete an article (editor); If-Match is checked when sent
     * @description Deletes an article; If-Match is checked when sent.
     */
    delete: operations['catalog.deleteArticlesById'];
    options?: never;
    head?: never;
    /**
     * Change an article (editor); If-Match with its ETag is required
     * @description Changes an article; If-Match must hold the ETag read with GET, or the answer is 412 VERSION_MISMATCH (428 without it).
     */
    patch: operations['catalog.patchArticlesById'];
    trace?: never;
  };
  '/api/catalog/articles/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish an article (editor); If-Match is checked when sent
     * @description Makes the article visible to readers; If-Match is checked when sent.
     */
    post: operations['catalog.postArticlesByIdPublish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/catalog/articles/{id}/unpublish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Withdraw a published article (editor); If-Match is checked when sent
     * @description Hides the article from readers; If-Match is checked when sent.
     */
    post: operations['catalog.postArticlesByIdUnpublish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The plans on sale, cheapest first (admins: ?includeArchived=true)
     * @description Lists the subscription plans on sale with their price, interval, tier and trial; admins may include archived plans.
     */
    get: operations['billing.getPlans'];
    put?: never;
    /**
     * Create a plan (admin)
     * @description Creates a plan; it is on sale at once. A name in use is 409 PLAN_NAME_TAKEN.
     */
    post: operations['billing.postPlans'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a plan never sold (admin)
     * @description Deletes a plan that was never sold; a plan with subscriptions is 409 PLAN_IN_USE (archive it instead).
     */
    delete: operations['billing.deletePlansById'];
    options?: never;
    head?: never;
    /**
     * Change a plan (admin); a new price applies to new subscriptions only
     * @description Changes a plan's name, price or trial. Existing subscriptions keep the price they signed up for.
     */
    patch: operations['billing.patchPlansById'];
    trace?: never;
  };
  '/api/billing/plans/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take a plan off sale (admin); its subscriptions keep running
     * @description Takes a plan off sale: it disappears from the list and cannot be checked out, while its subscriptions keep renewing.
     */
    post: operations['billing.postPlansByIdArchive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/checkout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a subscription: a pending subscription and the provider page to pay at
     * @description Needs an Idempotency-Key (Stripe rules): the same key and body replay the first answer (Idempotent-Replayed: true); another body is 422; while the first runs, 409.
     */
    post: operations['billing.postCheckout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/webhooks/provider': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The payment provider's signed events (Stripe-Signature)
     * @description Receives the payment provider's events. Public at the edge: the Stripe-Signature over the raw body is the credential, and each event is applied once, however often it is delivered.
     */
    post: operations['billing.postWebhooksProvider'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/subscription': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your subscription with its history (admins: any user with ?userId=)
     * @description The caller's current subscription with its plan, status, period and history; admins may name any user with userId.
     */
    get: operations['billing.getSubscription'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/subscription/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel at period end (access continues until then; undo with resume)
     * @description Asks for the subscription to end at the end of the paid period; access continues until then, and resume undoes it.
     */
    post: operations['billing.postSubscriptionCancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/subscription/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Undo a cancellation before the period ends
     * @description Withdraws a pending cancellation, so the subscription renews as before.
     */
    post: operations['billing.postSubscriptionResume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/invoices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your invoices, newest first (admins: any user with ?userId=)
     * @description Pages through the caller's invoices, newest first; admins may name any user with userId.
     */
    get: operations['billing.getInvoices'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/invoices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One of your invoices (admins: anyone’s)
     * @description One invoice of the caller; another user's invoice is 404, as if it did not exist (admins see any).
     */
    get: operations['billing.getInvoicesById'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your payment attempts, newest first (admins: any user with ?userId=)
     * @description Pages through the caller's payment attempts and their outcome, newest first; admins may name any user with userId.
     */
    get: operations['billing.getPayments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/billing/invoices/{id}/pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One of your invoices as a PDF (an admin: anyone’s)
     * @description Renders one of the caller’s invoices as a PDF attachment; another user’s invoice is 404, as if it did not exist (admins get any).
     */
    get: operations['billing.getInvoicesByIdPdf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/ws-ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A one-time ticket (≈ 30 s) that opens GET /ws as the caller
     * @description Issues a one-time ticket, valid for about 30 seconds, that opens the WebSocket as the caller (browsers cannot send headers with a WebSocket).
     */
    post: operations['social.postWsTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/ws': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live notifications over WebSocket; the ticket from POST /ws-ticket is the credential
     * @description Upgrades to a WebSocket that delivers the caller's notifications and chat events live. The ticket from POST /ws-ticket is the credential and works once.
     */
    get: operations['social.getWs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's public profile: display name and avatar initials
     * @description What anyone may see of a user: the display name and the initials of their avatar.
     */
    get: operations['social.getUsersById'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/movies/{id}/rating': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A published movie's rating aggregate, and the caller's own rating
     * @description The movie's average rating and number of ratings, with the caller's own rating when signed in.
     */
    get: operations['social.getMoviesByIdRating'];
    /**
     * Rate a published movie 1-10 (replaces your earlier rating)
     * @description Rates a published movie from 1 to 10, replacing the caller's earlier rating; the catalog's average follows by event.
     */
    put: operations['social.putMoviesByIdRating'];
    post?: never;
    /**
     * Remove your rating of a movie
     * @description Removes the caller's rating of a movie; the catalog's average follows by event.
     */
    delete: operations['social.deleteMoviesByIdRating'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/movies/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A published movie's top-level comments, newest first, each with its first replies
     * @description Pages through a published movie's top-level comments, newest first, each with its first replies; hidden and deleted comments keep their place with an empty body.
     */
    get: operations['social.getMoviesByIdComments'];
    put?: never;
    /**
     * Comment on a published movie, or reply to a comment (parentId)
     * @description Posts a comment on a published movie, or a reply when parentId is given; the author of the parent is notified.
     */
    post: operations['social.postMoviesByIdComments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/comments/{id}/replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A comment's direct replies, oldest first
     * @description Pages through the direct replies to a comment, oldest first.
     */
    get: operations['social.getCommentsByIdReplies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/comments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a comment (its author, or a moderator): it stays in its thread, emptied
     * @description Deletes a comment (its author, or a moderator): its body is removed but it keeps its place, so replies stay in their thread.
     */
    delete: operations['social.deleteCommentsById'];
    options?: never;
    head?: never;
    /**
     * Edit your comment within the edit window
     * @description Changes the body of the caller's own comment while the edit window is open.
     */
    patch: operations['social.patchCommentsById'];
    trace?: never;
  };
  '/api/social/comments/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Report a comment to the moderators (once per user)
     * @description Reports a comment with a reason; a second report by the same user on the same comment changes nothing.
     */
    post: operations['social.postCommentsByIdReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/moderation/reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The moderation queue: comments with open reports, oldest report first
     * @description Moderators page through comments with open reports, oldest report first, with the reports and their reasons.
     */
    get: operations['social.getModerationReports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/moderation/comments/{id}/hide': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Hide a comment from readers (resolves its open reports); audited
     * @description Hides the comment from readers and resolves its open reports; the action and its reason go to the audit log.
     */
    post: operations['social.postModerationCommentsByIdHide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/moderation/comments/{id}/unhide': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Show a hidden comment again (dismisses its open reports); audited
     * @description Shows the comment again and dismisses its open reports; the action and its reason go to the audit log.
     */
    post: operations['social.postModerationCommentsByIdUnhide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/moderation/reports/{id}/dismiss': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Dismiss one open report; audited
     * @description Closes one open report without acting on the comment; written to the audit log.
     */
    post: operations['social.postModerationReportsByIdDismiss'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/moderation/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every moderation action (who, when, why, on what), newest first
     * @description Pages through the moderation audit log: who did what, when, why and on which comment, newest first.
     */
    get: operations['social.getModerationAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/users/{id}/block': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Block a user: no chat between you, either way (idempotent)
     * @description Blocks a user: no conversation between the two, either way; blocking twice changes nothing.
     */
    post: operations['social.postUsersByIdBlock'];
    /**
     * Unblock a user (idempotent)
     * @description Lifts a block; not blocking the user already is not an error.
     */
    delete: operations['social.deleteUsersByIdBlock'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/me/blocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The users you blocked, newest first (cursor)
     * @description Pages through the users the caller blocked, newest first.
     */
    get: operations['social.getMeBlocks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your conversations, most recently active first, with last message and unread count
     * @description Pages through the caller's conversations, most recently active first, each with its last message and unread count.
     */
    get: operations['social.getConversations'];
    put?: never;
    /**
     * The conversation with a user: 201 when it starts, 200 when it exists
     * @description Opens, or returns, the one conversation between the caller and another user; blocked users cannot start one.
     */
    post: operations['social.postConversations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A conversation's messages, newest first (cursor: older)
     * @description Pages through a conversation's messages, newest first; only its two participants may read it (404 for anyone else).
     */
    get: operations['social.getConversationsByIdMessages'];
    put?: never;
    /**
     * Send a message; both participants receive chat.message live
     * @description Sends a message in a conversation of the caller; both participants receive it live over the WebSocket.
     */
    post: operations['social.postConversationsByIdMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/conversations/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move your read marker up to a message; both participants receive chat.read
     * @description Marks the conversation read up to a message; both participants receive the new marker live.
     */
    post: operations['social.postConversationsByIdRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/users/{id}/follow': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Follow a user (idempotent: following again changes nothing)
     * @description Follows another user: their ratings and comments reach the caller's feed. Following oneself is refused.
     */
    post: operations['social.postUsersByIdFollow'];
    /**
     * Stop following a user (idempotent)
     * @description Stops following a user; not following them already is not an error.
     */
    delete: operations['social.deleteUsersByIdFollow'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/users/{id}/followers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user's followers, newest follow first (cursor)
     * @description Pages through the users who follow this user, newest follow first.
     */
    get: operations['social.getUsersByIdFollowers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/users/{id}/following': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whom a user follows, newest follow first (cursor)
     * @description Pages through the users this user follows, newest follow first.
     */
    get: operations['social.getUsersByIdFollowing'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/genres/{id}/follow': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Follow a genre: its newly published movies reach my feed and notifications
     * @description Follows a genre: movies published in it reach the caller's feed and notifications.
     */
    post: operations['social.postGenresByIdFollow'];
    /**
     * Stop following a genre (idempotent)
     * @description Stops following a genre; not following it already is not an error.
     */
    delete: operations['social.deleteGenresByIdFollow'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/me/genres': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The genres I follow, newest first
     * @description The genres the caller follows, newest first.
     */
    get: operations['social.getMeGenres'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/feed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Ratings and comments of users I follow and movies published in genres I follow, newest first (cursor)
     * @description Pages through the caller's feed: ratings and comments of the users they follow and movies published in the genres they follow, newest first.
     */
    get: operations['social.getFeed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * My notifications, newest first (cursor)
     * @description Pages through the caller's notifications, newest first, with their read state.
     */
    get: operations['social.getNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/notifications/unread-count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How many of my notifications are unread (counted up to max)
     * @description The number of unread notifications, counted up to max, for a badge.
     */
    get: operations['social.getNotificationsUnreadCount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/social/notifications/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark my notifications read up to and including one of mine
     * @description Marks the caller's notifications read up to and including the one given.
     */
    post: operations['social.postNotificationsRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details, as every Kavosh process answers errors */
    'gateway.Problem': {
      /** Format: uri */
      type: string;
      title: string;
      /** Format: int32 */
      status: number;
      detail?: string;
      /** @description Stable UPPER_SNAKE error code */
      code: string;
      requestId?: string;
    };
  };
  responses: {
    /** @description The request was refused before it reached its route: a path not in canonical form (PATH_NOT_ALLOWED), two credentials (CREDENTIALS_AMBIGUOUS), or invalid input (VALIDATION_FAILED and the like) */
    'gateway.BadRequest': {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['gateway.Problem'];
      };
    };
    /** @description A credential was refused: no or an invalid access token where one is required (UNAUTHENTICATED, TOKEN_INVALID), or a partner key or signature that does not verify (PARTNER_KEY_INVALID, SIGNATURE_INVALID) */
    'gateway.Unauthorized': {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['gateway.Problem'];
      };
    };
    /** @description RATE_LIMITED: the caller used up its requests for this window */
    'gateway.TooManyRequests': {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['gateway.Problem'];
      };
    };
    /** @description INTERNAL: an unexpected failure; the body names nothing internal, the requestId finds it in the logs */
    'gateway.InternalError': {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['gateway.Problem'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description Requests allowed in the current window */
    'RateLimit-Limit': number;
    /** @description Requests left in the current window */
    'RateLimit-Remaining': number;
    /** @description Seconds until the window starts again */
    'RateLimit-Reset': number;
    /** @description Seconds to wait before the next request */
    'Retry-After': number;
    /** @description The caller's origin, when it is on the gateway's CORS allow-list (CORS_ORIGINS); absent otherwise, so a browser refuses the answer */
    'Access-Control-Allow-Origin': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  'gateway.live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'gateway.ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      500: components['responses']['gateway.InternalError'];
      /** @description SHUTTING_DOWN */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['gateway.Problem'];
        };
      };
    };
  };
  'gateway.dependencies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Each dependency with its state; `down` lists the failing ones */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'gateway.jwks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A JSON Web Key Set */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            keys: Record<string, never>[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'gateway.openapi': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OpenAPI 3.1 document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'gateway.docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.getWellKnownJwksJson': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            keys: {
              kty: string;
              crv: string;
              x: string;
              kid: string;
              alg: string;
              use: string;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postRegister': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** Format: password */
          password: string;
          displayName: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string;
            role: 'user' | 'editor' | 'moderator' | 'admin';
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      /** @description Default Response */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description EMAIL_TAKEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postLogin': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: email */
          email: string;
          /** Format: password */
          password: string;
          refreshTokenCookie?: boolean;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user: {
              /** Format: uuid */
              id: string;
              email: string;
              displayName: string;
              role: 'user' | 'editor' | 'moderator' | 'admin';
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            };
            accessToken: string;
            /** @enum {string} */
            tokenType: 'Bearer';
            /** @description seconds */
            expiresIn: number;
            /** @description absent in cookie mode (then csrfToken is present) */
            refreshToken?: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            /** @description cookie mode: echo in x-csrf-token */
            csrfToken?: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description INVALID_CREDENTIALS */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description TOO_MANY_ATTEMPTS */
      429: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      500: components['responses']['gateway.InternalError'];
      /** @description PASSWORD_HASHING_BUSY or REDIS_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'auth.getMe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string;
            role: 'user' | 'editor' | 'moderator' | 'admin';
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.deleteMe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: password */
          password: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description WRONG_PASSWORD */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.patchMe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          displayName: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string;
            role: 'user' | 'editor' | 'moderator' | 'admin';
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postMePassword': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: password */
          currentPassword: string;
          /** Format: password */
          newPassword: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description WRONG_PASSWORD */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postRefresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: password */
          refreshToken?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            accessToken: string;
            /** @enum {string} */
            tokenType: 'Bearer';
            /** @description seconds */
            expiresIn: number;
            /** @description absent in cookie mode (then csrfToken is present) */
            refreshToken?: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            /** @description cookie mode: echo in x-csrf-token */
            csrfToken?: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description TOKEN_INVALID or REFRESH_TOKEN_REUSED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CSRF_REJECTED */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postLogout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: password */
          refreshToken?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description CSRF_REJECTED */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.getUsers': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
        /** @description email prefix */
        email?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              email: string;
              displayName: string;
              role: 'user' | 'editor' | 'moderator' | 'admin';
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.getUsersById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string;
            role: 'user' | 'editor' | 'moderator' | 'admin';
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description USER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.deleteUsersById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description LAST_ADMIN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.patchUsersByIdRole': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          role: 'user' | 'editor' | 'moderator' | 'admin';
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            email: string;
            displayName: string;
            role: 'user' | 'editor' | 'moderator' | 'admin';
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description LAST_ADMIN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.getAdminPartnersKeys': {
    parameters: {
      query: {
        /** @description lower-case letters, digits and hyphens */
        partner?: string;
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              prefix: string;
              partner: string;
              scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
              /** @enum {unknown} */
              tier: 'basic' | 'standard' | 'premium';
              /** Format: date-time */
              expiresAt: string;
              /** Format: date-time */
              createdAt: string;
              rotatedAt: string | null;
              previousSecretValidUntil: string | null;
              revokedAt: string | null;
              status: 'active' | 'expired' | 'revoked';
            }[];
            nextCursor: string | null;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postAdminPartnersKeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description lower-case letters, digits and hyphens */
          partner: string;
          scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
          /** @enum {unknown} */
          tier: 'basic' | 'standard' | 'premium';
          /** Format: date-time */
          expiresAt: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            key: {
              /** Format: uuid */
              id: string;
              prefix: string;
              partner: string;
              scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
              /** @enum {unknown} */
              tier: 'basic' | 'standard' | 'premium';
              /** Format: date-time */
              expiresAt: string;
              /** Format: date-time */
              createdAt: string;
              rotatedAt: string | null;
              previousSecretValidUntil: string | null;
              revokedAt: string | null;
              status: 'active' | 'expired' | 'revoked';
            };
            /** @description kvp_<prefix>_<secret>: shown once, store it now */
            secret: string;
          };
        };
      };
      /** @description PARTNER_KEY_EXPIRY_INVALID */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.getAdminPartnersKeysById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            prefix: string;
            partner: string;
            scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
            /** @enum {unknown} */
            tier: 'basic' | 'standard' | 'premium';
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            rotatedAt: string | null;
            previousSecretValidUntil: string | null;
            revokedAt: string | null;
            status: 'active' | 'expired' | 'revoked';
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description PARTNER_KEY_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postAdminPartnersKeysByIdRotate': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: int32
           * @default 86400
           */
          overlapSeconds: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            key: {
              /** Format: uuid */
              id: string;
              prefix: string;
              partner: string;
              scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
              /** @enum {unknown} */
              tier: 'basic' | 'standard' | 'premium';
              /** Format: date-time */
              expiresAt: string;
              /** Format: date-time */
              createdAt: string;
              rotatedAt: string | null;
              previousSecretValidUntil: string | null;
              revokedAt: string | null;
              status: 'active' | 'expired' | 'revoked';
            };
            /** @description kvp_<prefix>_<secret>: shown once, store it now */
            secret: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description PARTNER_KEY_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PARTNER_KEY_INACTIVE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'auth.postAdminPartnersKeysByIdRevoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            prefix: string;
            partner: string;
            scopes: ('catalog:read' | 'playback:issue' | 'billing:webhook')[];
            /** @enum {unknown} */
            tier: 'basic' | 'standard' | 'premium';
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            rotatedAt: string | null;
            previousSecretValidUntil: string | null;
            revokedAt: string | null;
            status: 'active' | 'expired' | 'revoked';
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description PARTNER_KEY_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getMoviesByIdPlayback': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description the movie id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uri
             * @description Signed stream URL on the media origin (nginx secure_link: md5 + expires)
             */
            url: string;
            /**
             * Format: date-time
             * @description When the origin stops accepting the URL; ask again for a new one.
             */
            expiresAt: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_REQUIRED: a premium title without an active subscription */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND: unknown or not published */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description STREAM_UNAVAILABLE: the movie's stream key cannot be signed */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getMovies': {
    parameters: {
      query: {
        /** @description full-text search in titles, synopsis and people; ranked by relevance */
        q?: string;
        /** @description genre slug or id */
        genre?: string;
        yearFrom?: number;
        yearTo?: number;
        language?: string;
        premium?: boolean;
        person?: string;
        status?: 'draft' | 'published' | 'unpublished';
        /** @description newest: publication time; popularity: number of ratings. Ignored with q. */
        sort?: 'newest' | 'title' | 'rating' | 'popularity';
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              slug: string;
              title: string;
              originalTitle: string | null;
              synopsis: string;
              year: number;
              runtimeMinutes: number | null;
              ageRating: string | null;
              premium: boolean;
              status: 'draft' | 'published' | 'unpublished';
              genres: {
                /** Format: uuid */
                id: string;
                slug: string;
                name: string;
              }[];
              languages: string[];
              ratingAverage: number | null;
              ratingCount: number;
              /** @description immutable: changes with the image */
              posterUrl: string | null;
              /** Format: date-time */
              publishedAt: string | null;
              /** Format: date-time */
              updatedAt: string;
              /** @description the ETag is "v<version>" */
              version: number;
            }[];
            /** @description pass as cursor with the same filters for the next page; null on the last */
            nextCursor: string | null;
          };
        };
      };
      /** @description Not Modified: If-None-Match holds the current ETag */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description INVALID_CURSOR or a bad filter */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description FORBIDDEN: a status filter other than published, not an editor */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postMovies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title: string;
          originalTitle?: string | null;
          synopsis: string;
          /** Format: int32 */
          year: number;
          runtimeMinutes?: number | null;
          ageRating?: string | null;
          languages?: string[];
          premium?: boolean;
          genreIds?: string[];
          credits?: {
            /** Format: uuid */
            personId: string;
            role: 'director' | 'writer' | 'cast';
            character?: string;
            /** Format: int32 */
            position?: number;
          }[];
          streamKey: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            originalTitle: string | null;
            synopsis: string;
            year: number;
            runtimeMinutes: number | null;
            ageRating: string | null;
            premium: boolean;
            status: 'draft' | 'published' | 'unpublished';
            genres: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
            }[];
            languages: string[];
            ratingAverage: number | null;
            ratingCount: number;
            /** @description immutable: changes with the image */
            posterUrl: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description directors, writers, then cast by position */
            credits: {
              /** Format: uuid */
              personId: string;
              name: string;
              role: 'director' | 'writer' | 'cast';
              character: string | null;
              position: number;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description editors only */
            streamKey?: string;
          };
        };
      };
      /** @description UNKNOWN_GENRE, UNKNOWN_PERSON, INVALID_CREDIT or a bad field */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SLUG_TAKEN or REFERENCE_GONE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getMoviesById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description an id or a slug */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            originalTitle: string | null;
            synopsis: string;
            year: number;
            runtimeMinutes: number | null;
            ageRating: string | null;
            premium: boolean;
            status: 'draft' | 'published' | 'unpublished';
            genres: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
            }[];
            languages: string[];
            ratingAverage: number | null;
            ratingCount: number;
            /** @description immutable: changes with the image */
            posterUrl: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description directors, writers, then cast by position */
            credits: {
              /** Format: uuid */
              personId: string;
              name: string;
              role: 'director' | 'writer' | 'cast';
              character: string | null;
              position: number;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description editors only */
            streamKey?: string;
          };
        };
      };
      /** @description Location: the current slug */
      301: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Not Modified: If-None-Match holds the current ETag */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.deleteMoviesById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.patchMoviesById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title?: string;
          originalTitle?: string | null;
          synopsis?: string;
          /** Format: int32 */
          year?: number;
          runtimeMinutes?: number | null;
          ageRating?: string | null;
          languages?: string[];
          premium?: boolean;
          genreIds?: string[];
          credits?: {
            /** Format: uuid */
            personId: string;
            role: 'director' | 'writer' | 'cast';
            character?: string;
            /** Format: int32 */
            position?: number;
          }[];
          streamKey?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            originalTitle: string | null;
            synopsis: string;
            year: number;
            runtimeMinutes: number | null;
            ageRating: string | null;
            premium: boolean;
            status: 'draft' | 'published' | 'unpublished';
            genres: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
            }[];
            languages: string[];
            ratingAverage: number | null;
            ratingCount: number;
            /** @description immutable: changes with the image */
            posterUrl: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description directors, writers, then cast by position */
            credits: {
              /** Format: uuid */
              personId: string;
              name: string;
              role: 'director' | 'writer' | 'cast';
              character: string | null;
              position: number;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description editors only */
            streamKey?: string;
          };
        };
      };
      /** @description UNKNOWN_GENRE, UNKNOWN_PERSON, INVALID_CREDIT or a bad field */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SLUG_TAKEN or REFERENCE_GONE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH: the movie changed since it was read */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PRECONDITION_REQUIRED: no If-Match */
      428: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postMoviesByIdPublish': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            originalTitle: string | null;
            synopsis: string;
            year: number;
            runtimeMinutes: number | null;
            ageRating: string | null;
            premium: boolean;
            status: 'draft' | 'published' | 'unpublished';
            genres: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
            }[];
            languages: string[];
            ratingAverage: number | null;
            ratingCount: number;
            /** @description immutable: changes with the image */
            posterUrl: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description directors, writers, then cast by position */
            credits: {
              /** Format: uuid */
              personId: string;
              name: string;
              role: 'director' | 'writer' | 'cast';
              character: string | null;
              position: number;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description editors only */
            streamKey?: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postMoviesByIdUnpublish': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            title: string;
            originalTitle: string | null;
            synopsis: string;
            year: number;
            runtimeMinutes: number | null;
            ageRating: string | null;
            premium: boolean;
            status: 'draft' | 'published' | 'unpublished';
            genres: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
            }[];
            languages: string[];
            ratingAverage: number | null;
            ratingCount: number;
            /** @description immutable: changes with the image */
            posterUrl: string | null;
            /** Format: date-time */
            publishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description directors, writers, then cast by position */
            credits: {
              /** Format: uuid */
              personId: string;
              name: string;
              role: 'director' | 'writer' | 'cast';
              character: string | null;
              position: number;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** @description editors only */
            streamKey?: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getGenres': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              slug: string;
              name: string;
              /** @description the ETag is "v<version>" */
              version: number;
            }[];
          };
        };
      };
      /** @description Not Modified: If-None-Match holds the current ETag */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postGenres': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          slug?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            /** @description the ETag is "v<version>" */
            version: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_TAKEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getGenresById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            /** @description the ETag is "v<version>" */
            version: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description GENRE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.deleteGenresById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_IN_USE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.patchGenresById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          slug?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            slug: string;
            name: string;
            /** @description the ETag is "v<version>" */
            version: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description GENRE_TAKEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PRECONDITION_REQUIRED */
      428: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getPeople': {
    parameters: {
      query: {
        /** @description name prefix */
        q?: string;
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              name: string;
              bio: string | null;
              birthYear: number | null;
              /** @description the ETag is "v<version>" */
              version: number;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PERSON_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postPeople': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          bio?: string | null;
          birthYear?: number | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            bio: string | null;
            birthYear: number | null;
            /** @description the ETag is "v<version>" */
            version: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PERSON_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getPeopleById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            bio: string | null;
            birthYear: number | null;
            /** @description the ETag is "v<version>" */
            version: number;
            /** @description published movies (editors: all), newest year first */
            filmography: {
              /** Format: uuid */
              movieId: string;
              slug: string;
              title: string;
              year: number;
              status: 'draft' | 'published' | 'unpublished';
              role: 'director' | 'writer' | 'cast';
              character: string | null;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description PERSON_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.deletePeopleById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PERSON_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PERSON_IN_USE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.patchPeopleById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          bio?: string | null;
          birthYear?: number | null;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            name: string;
            bio: string | null;
            birthYear: number | null;
            /** @description the ETag is "v<version>" */
            version: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PERSON_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PRECONDITION_REQUIRED */
      428: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postMoviesByIdPoster': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /**
           * Format: binary
           * @description The image: JPEG, PNG or WebP (sniffed from its bytes)
           */
          poster: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            movieId: string;
            posterHash: string;
            posterType: 'image/jpeg' | 'image/png' | 'image/webp';
            /** @description Public, immutable URL of the image */
            posterUrl: string;
            /** @description The movie's new version (its ETag) */
            version: number;
          };
        };
      };
      /** @description POSTER_MISSING */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PAYLOAD_TOO_LARGE */
      413: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE */
      415: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getPostersByFile': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description <sha-256 of the image, lower-case hex>.<jpg|png|webp> */
        file: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The image bytes */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      /** @description Not modified */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description POSTER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getArticles': {
    parameters: {
      query: {
        /** @description a lower-case slug, e.g. "film-noir" */
        tag?: string;
        /** @description a linked movie id */
        movie?: string;
        /** @description editors only, except published (the default) */
        status?: 'published' | 'draft' | 'unpublished';
        limit: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** @description Stable: set from the first title, kept when it changes */
              slug: string;
              title: string;
              summary: string | null;
              authorName: string;
              tags: string[];
              movieIds: string[];
              status: 'draft' | 'published' | 'unpublished';
              publishedAt: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              updatedAt: string;
              /** @description The ETag is "v<version>" */
              version: number;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR or a bad filter */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description FORBIDDEN: a status other than published, not an editor */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postArticles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title: string;
          summary?: string | null;
          /** @description Markdown (CommonMark; raw HTML is shown as text) */
          bodyMarkdown: string;
          /** @description The byline shown with the article */
          authorName: string;
          tags?: string[];
          /** @description ids of existing movies */
          movieIds?: string[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description Stable: set from the first title, kept when it changes */
            slug: string;
            title: string;
            summary: string | null;
            authorName: string;
            tags: string[];
            movieIds: string[];
            status: 'draft' | 'published' | 'unpublished';
            publishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The ETag is "v<version>" */
            version: number;
            bodyMarkdown: string;
            /** @description Rendered and sanitized when the article was written */
            bodyHtml: string;
          };
        };
      };
      /** @description UNKNOWN_MOVIE or a bad field */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SLUG_CONFLICT: concurrent writers took every slug tried; retry */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.getArticlesById': {
    parameters: {
      query?: never;
      header?: {
        'if-none-match'?: string;
      };
      path: {
        /** @description an id or a slug */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description Stable: set from the first title, kept when it changes */
            slug: string;
            title: string;
            summary: string | null;
            authorName: string;
            tags: string[];
            movieIds: string[];
            status: 'draft' | 'published' | 'unpublished';
            publishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The ETag is "v<version>" */
            version: number;
            bodyMarkdown: string;
            /** @description Rendered and sanitized when the article was written */
            bodyHtml: string;
          };
        };
      };
      /** @description Not modified */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.deleteArticlesById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.patchArticlesById': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          title?: string;
          summary?: string | null;
          /** @description Markdown (CommonMark; raw HTML is shown as text) */
          bodyMarkdown?: string;
          /** @description The byline shown with the article */
          authorName?: string;
          tags?: string[];
          /** @description ids of existing movies */
          movieIds?: string[];
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description Stable: set from the first title, kept when it changes */
            slug: string;
            title: string;
            summary: string | null;
            authorName: string;
            tags: string[];
            movieIds: string[];
            status: 'draft' | 'published' | 'unpublished';
            publishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The ETag is "v<version>" */
            version: number;
            bodyMarkdown: string;
            /** @description Rendered and sanitized when the article was written */
            bodyHtml: string;
          };
        };
      };
      /** @description UNKNOWN_MOVIE or a bad field */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH: the article changed since it was read */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PRECONDITION_REQUIRED: no If-Match */
      428: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postArticlesByIdPublish': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description Stable: set from the first title, kept when it changes */
            slug: string;
            title: string;
            summary: string | null;
            authorName: string;
            tags: string[];
            movieIds: string[];
            status: 'draft' | 'published' | 'unpublished';
            publishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The ETag is "v<version>" */
            version: number;
            bodyMarkdown: string;
            /** @description Rendered and sanitized when the article was written */
            bodyHtml: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'catalog.postArticlesByIdUnpublish': {
    parameters: {
      query?: never;
      header?: {
        /** @description the ETag read with GET, e.g. "v3" */
        'if-match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** @description Stable: set from the first title, kept when it changes */
            slug: string;
            title: string;
            summary: string | null;
            authorName: string;
            tags: string[];
            movieIds: string[];
            status: 'draft' | 'published' | 'unpublished';
            publishedAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The ETag is "v<version>" */
            version: number;
            bodyMarkdown: string;
            /** @description Rendered and sanitized when the article was written */
            bodyHtml: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED: no valid access token */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: editors and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ARTICLE_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description VERSION_MISMATCH */
      412: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.getPlans': {
    parameters: {
      query?: {
        /** @description Admins only: list archived plans too */
        includeArchived?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: string;
              name: string;
              /** @enum {string} */
              tier: 'premium';
              price: {
                amountMinor: number;
                currency: string;
              };
              interval: 'month' | 'year';
              trialDays: number;
              archived: boolean;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.postPlans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /**
           * Format: int32
           * @description price in minor units (cents) of the currency
           */
          priceMinor: number;
          /** @description ISO 4217, upper case */
          currency: string;
          interval: 'month' | 'year';
          /** Format: int32 */
          trialDays?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: 'month' | 'year';
            trialDays: number;
            archived: boolean;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NAME_TAKEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.deletePlansById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_IN_USE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.patchPlansById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name?: string;
          /**
           * Format: int32
           * @description price in minor units (cents) of the currency
           */
          priceMinor?: number;
          /** @description ISO 4217, upper case */
          currency?: string;
          /** Format: int32 */
          trialDays?: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: 'month' | 'year';
            trialDays: number;
            archived: boolean;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NAME_TAKEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.postPlansByIdArchive': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            name: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: 'month' | 'year';
            trialDays: number;
            archived: boolean;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.postCheckout': {
    parameters: {
      query?: never;
      header: {
        /** @description A unique key per checkout attempt (a UUID v4 is best); kept 24 h */
        'idempotency-key': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          planId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            subscriptionId: string;
            planId: string;
            /** @enum {string} */
            status: 'pending';
            checkoutUrl: string;
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      /** @description VALIDATION_FAILED: missing or malformed Idempotency-Key or body */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description PLAN_NOT_FOUND: unknown or archived */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ALREADY_SUBSCRIBED or IDEMPOTENCY_KEY_IN_FLIGHT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
      /** @description PROVIDER_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'billing.postWebhooksProvider': {
    parameters: {
      query?: never;
      header?: {
        'stripe-signature'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {boolean} */
            received: true;
            outcome: 'applied' | 'unchanged' | 'stale' | 'ignored' | 'duplicate';
          };
        };
      };
      /** @description WEBHOOK_SIGNATURE_INVALID */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description PAYLOAD_TOO_LARGE */
      413: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE */
      415: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description AMOUNT_MISMATCH */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.getSubscription': {
    parameters: {
      query?: {
        /** @description Admins only: whose billing to read (default: your own) */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            userId: string;
            planId: string;
            planName: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: string;
            status: 'pending' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';
            cancelAtPeriodEnd: boolean;
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            checkoutUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description newest first, at most 50 */
            history: {
              from: string | null;
              to: string;
              /** @description provider_event, user, admin, reconciliation or system */
              cause: string;
              causeRef: string | null;
              detail: string | null;
              /** Format: date-time */
              at: string;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: ?userId= is for admins */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.postSubscriptionCancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            userId: string;
            planId: string;
            planName: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: string;
            status: 'pending' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';
            cancelAtPeriodEnd: boolean;
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            checkoutUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description newest first, at most 50 */
            history: {
              from: string | null;
              to: string;
              /** @description provider_event, user, admin, reconciliation or system */
              cause: string;
              causeRef: string | null;
              detail: string | null;
              /** Format: date-time */
              at: string;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_NOT_CANCELABLE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
      /** @description PROVIDER_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'billing.postSubscriptionResume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            userId: string;
            planId: string;
            planName: string;
            /** @enum {string} */
            tier: 'premium';
            price: {
              amountMinor: number;
              currency: string;
            };
            interval: string;
            status: 'pending' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'expired';
            cancelAtPeriodEnd: boolean;
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            checkoutUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description newest first, at most 50 */
            history: {
              from: string | null;
              to: string;
              /** @description provider_event, user, admin, reconciliation or system */
              cause: string;
              causeRef: string | null;
              detail: string | null;
              /** Format: date-time */
              at: string;
            }[];
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description SUBSCRIPTION_NOT_RESUMABLE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
      /** @description PROVIDER_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'billing.getInvoices': {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        /** @description Admins only: whose billing to read (default: your own) */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: string;
              number: string;
              subscriptionId: string | null;
              description: string;
              amount: {
                amountMinor: number;
                currency: string;
              };
              /** Format: date-time */
              periodStart: string;
              /** Format: date-time */
              periodEnd: string;
              /** @description paid or open */
              status: string;
              customerName: string | null;
              customerEmail: string | null;
              /** Format: date-time */
              issuedAt: string;
              paidAt: string | null;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or CURSOR_INVALID */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: ?userId= is for admins */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.getInvoicesById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            number: string;
            subscriptionId: string | null;
            description: string;
            amount: {
              amountMinor: number;
              currency: string;
            };
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            periodEnd: string;
            /** @description paid or open */
            status: string;
            customerName: string | null;
            customerEmail: string | null;
            /** Format: date-time */
            issuedAt: string;
            paidAt: string | null;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description INVOICE_NOT_FOUND: no such invoice, or not yours */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.getPayments': {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        /** @description Admins only: whose billing to read (default: your own) */
        userId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: string;
              subscriptionId: string | null;
              invoiceId: string | null;
              status: 'succeeded' | 'failed';
              amount: {
                amountMinor: number;
                currency: string;
              };
              reason: string | null;
              /** Format: date-time */
              at: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or CURSOR_INVALID */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: ?userId= is for admins */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'billing.getInvoicesByIdPdf': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The invoice as application/pdf */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description INVOICE_NOT_FOUND: no such invoice, or not yours */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postWsTicket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            ticket: string;
            expiresIn: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
      /** @description REDIS_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'social.getWs': {
    parameters: {
      query?: {
        ticket?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switching Protocols: the WebSocket is open */
      101: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: a malformed ticket */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description WS_TICKET_INVALID: missing, unknown, used or expired */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UPGRADE_REQUIRED: a plain GET, not a WebSocket upgrade */
      426: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
      /** @description REDIS_UNAVAILABLE */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  'social.getUsersById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            displayName: string;
            initials: string;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description PROFILE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getMoviesByIdRating': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            movieId: string;
            mine: {
              /** Format: int32 */
              value: number;
              /** Format: date-time */
              ratedAt: string;
            } | null;
            aggregate: {
              ratingCount: number;
              ratingSum: number;
              averageRating: number | null;
              asOf: string | null;
            };
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      401: components['responses']['gateway.Unauthorized'];
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.putMoviesByIdRating': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: int32 */
          value: number;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            movieId: string;
            mine: {
              /** Format: int32 */
              value: number;
              /** Format: date-time */
              ratedAt: string;
            } | null;
            aggregate: {
              ratingCount: number;
              ratingSum: number;
              averageRating: number | null;
              asOf: string | null;
            };
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND: unknown or not published */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.deleteMoviesByIdRating': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            movieId: string;
            mine: {
              /** Format: int32 */
              value: number;
              /** Format: date-time */
              ratedAt: string;
            } | null;
            aggregate: {
              ratingCount: number;
              ratingSum: number;
              averageRating: number | null;
              asOf: string | null;
            };
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description RATING_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getMoviesByIdComments': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              movieId: string;
              parentId: string | null;
              /** Format: int32 */
              depth: number;
              state: 'visible' | 'hidden' | 'deleted';
              body: string | null;
              author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                initials: string | null;
              } | null;
              /** Format: date-time */
              createdAt: string;
              edited: boolean;
              editedAt: string | null;
              replyCount: number;
              replies: {
                items: {
                  /** Format: uuid */
                  id: string;
                  /** Format: uuid */
                  movieId: string;
                  parentId: string | null;
                  /** Format: int32 */
                  depth: number;
                  state: 'visible' | 'hidden' | 'deleted';
                  body: string | null;
                  author: {
                    /** Format: uuid */
                    id: string;
                    displayName: string | null;
                    initials: string | null;
                  } | null;
                  /** Format: date-time */
                  createdAt: string;
                  edited: boolean;
                  editedAt: string | null;
                  replyCount: number;
                }[];
                nextCursor: string | null;
              };
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postMoviesByIdComments': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: text */
          body: string;
          /** Format: uuid */
          parentId?: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            movieId: string;
            parentId: string | null;
            /** Format: int32 */
            depth: number;
            state: 'visible' | 'hidden' | 'deleted';
            body: string | null;
            author: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            edited: boolean;
            editedAt: string | null;
            replyCount: number;
          };
        };
      };
      /** @description COMMENT_BODY_EMPTY, COMMENT_BODY_TOO_LONG, COMMENT_BODY_INVALID, INVALID_PARENT or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description REPLY_TOO_DEEP or PARENT_NOT_REPLYABLE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getCommentsByIdReplies': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              movieId: string;
              parentId: string | null;
              /** Format: int32 */
              depth: number;
              state: 'visible' | 'hidden' | 'deleted';
              body: string | null;
              author: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                initials: string | null;
              } | null;
              /** Format: date-time */
              createdAt: string;
              edited: boolean;
              editedAt: string | null;
              replyCount: number;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      401: components['responses']['gateway.Unauthorized'];
      /** @description COMMENT_NOT_FOUND or MOVIE_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.deleteCommentsById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description NOT_COMMENT_AUTHOR */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_ALREADY_DELETED */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.patchCommentsById': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: text */
          body: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            movieId: string;
            parentId: string | null;
            /** Format: int32 */
            depth: number;
            state: 'visible' | 'hidden' | 'deleted';
            body: string | null;
            author: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            edited: boolean;
            editedAt: string | null;
            replyCount: number;
          };
        };
      };
      /** @description COMMENT_BODY_EMPTY, COMMENT_BODY_TOO_LONG, COMMENT_BODY_INVALID or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description NOT_COMMENT_AUTHOR */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description EDIT_WINDOW_CLOSED or COMMENT_NOT_EDITABLE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postCommentsByIdReport': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            commentId: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description ALREADY_REPORTED or COMMENT_NOT_REPORTABLE */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getModerationReports': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              comment: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                movieId: string;
                parentId: string | null;
                /** Format: int32 */
                depth: number;
                state: 'visible' | 'hidden' | 'deleted';
                body: string | null;
                author: {
                  /** Format: uuid */
                  id: string;
                  displayName: string | null;
                  initials: string | null;
                } | null;
                /** Format: date-time */
                createdAt: string;
                edited: boolean;
                editedAt: string | null;
                replyCount: number;
              };
              openReports: number;
              /** Format: date-time */
              reportedAt: string;
              reports: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                commentId: string;
                reporterId: string | null;
                reason: string;
                status: 'open' | 'dismissed' | 'resolved';
                /** Format: date-time */
                createdAt: string;
                resolvedAt: string | null;
              }[];
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: moderators and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postModerationCommentsByIdHide': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            movieId: string;
            parentId: string | null;
            /** Format: int32 */
            depth: number;
            state: 'visible' | 'hidden' | 'deleted';
            body: string | null;
            author: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            edited: boolean;
            editedAt: string | null;
            replyCount: number;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: moderators and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postModerationCommentsByIdUnhide': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            movieId: string;
            parentId: string | null;
            /** Format: int32 */
            depth: number;
            state: 'visible' | 'hidden' | 'deleted';
            body: string | null;
            author: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            edited: boolean;
            editedAt: string | null;
            replyCount: number;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: moderators and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description COMMENT_STATE_CONFLICT */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postModerationReportsByIdDismiss': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          reason: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            commentId: string;
            reporterId: string | null;
            reason: string;
            status: 'open' | 'dismissed' | 'resolved';
            /** Format: date-time */
            createdAt: string;
            resolvedAt: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: moderators and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description REPORT_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description REPORT_NOT_OPEN */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getModerationAudit': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: string;
              actorId: string | null;
              action: 'hide' | 'unhide' | 'dismiss' | 'auto_hide' | 'delete';
              commentId: string | null;
              reportId: string | null;
              reason: string;
              /** Format: date-time */
              at: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED or TOKEN_INVALID */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FORBIDDEN: moderators and admins only */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postUsersByIdBlock': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description CANNOT_BLOCK_SELF or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.deleteUsersByIdBlock': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getMeBlocks': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              userId: string;
              /** Format: date-time */
              blockedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getConversations': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              id: string;
              otherUser: {
                /** Format: uuid */
                id: string;
                displayName: string | null;
                initials: string | null;
              } | null;
              /** Format: date-time */
              createdAt: string;
              lastMessage: {
                id: string;
                /** Format: uuid */
                conversationId: string;
                /** Format: uuid */
                senderId: string;
                body: string;
                /** Format: date-time */
                createdAt: string;
              } | null;
              unreadCount: number;
              lastReadMessageId: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postConversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** Format: uuid */
          userId: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            otherUser: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            lastMessage: {
              id: string;
              /** Format: uuid */
              conversationId: string;
              /** Format: uuid */
              senderId: string;
              body: string;
              /** Format: date-time */
              createdAt: string;
            } | null;
            unreadCount: number;
            lastReadMessageId: string;
          };
        };
      };
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            id: string;
            otherUser: {
              /** Format: uuid */
              id: string;
              displayName: string | null;
              initials: string | null;
            } | null;
            /** Format: date-time */
            createdAt: string;
            lastMessage: {
              id: string;
              /** Format: uuid */
              conversationId: string;
              /** Format: uuid */
              senderId: string;
              body: string;
              /** Format: date-time */
              createdAt: string;
            } | null;
            unreadCount: number;
            lastReadMessageId: string;
          };
        };
      };
      /** @description CANNOT_CHAT_WITH_SELF or VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CHAT_BLOCKED: one of you blocked the other */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description USER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getConversationsByIdMessages': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              id: string;
              /** Format: uuid */
              conversationId: string;
              /** Format: uuid */
              senderId: string;
              body: string;
              /** Format: date-time */
              createdAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CONVERSATION_NOT_FOUND: no such conversation of yours */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postConversationsByIdMessages': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          body: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** Format: uuid */
            conversationId: string;
            /** Format: uuid */
            senderId: string;
            body: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CHAT_BLOCKED: one of you blocked the other */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CONVERSATION_NOT_FOUND: no such conversation of yours */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CONVERSATION_CLOSED: the other user's account was deleted */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postConversationsByIdRead': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          upTo: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: uuid */
            conversationId: string;
            lastReadMessageId: string;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description CONVERSATION_NOT_FOUND: no such conversation of yours */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postUsersByIdFollow': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done (also when it already was) */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED or CANNOT_FOLLOW_SELF */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FOLLOW_BLOCKED: one of you blocked the other */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description USER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FOLLOW_LIMIT_REACHED */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.deleteUsersByIdFollow': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done (also when it already was) */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED or CANNOT_FOLLOW_SELF */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getUsersByIdFollowers': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              userId: string;
              displayName: string | null;
              initials: string | null;
              /** Format: date-time */
              followedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description USER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getUsersByIdFollowing': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              userId: string;
              displayName: string | null;
              initials: string | null;
              /** Format: date-time */
              followedAt: string;
            }[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description USER_NOT_FOUND */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postGenresByIdFollow': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done (also when it already was) */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description FOLLOW_LIMIT_REACHED */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.deleteGenresByIdFollow': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Done (also when it already was) */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getMeGenres': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              /** Format: uuid */
              genreId: string;
              /** Format: date-time */
              followedAt: string;
            }[];
            max: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getFeed': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: (
              | {
                  /** @enum {string} */
                  kind: 'rating';
                  id: string;
                  /** Format: date-time */
                  at: string;
                  actor: {
                    /** Format: uuid */
                    userId: string;
                    displayName: string | null;
                    initials: string | null;
                  };
                  movie: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                    slug: string;
                  };
                  /** Format: int32 */
                  value: number;
                }
              | {
                  /** @enum {string} */
                  kind: 'comment';
                  id: string;
                  /** Format: date-time */
                  at: string;
                  actor: {
                    /** Format: uuid */
                    userId: string;
                    displayName: string | null;
                    initials: string | null;
                  };
                  movie: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                    slug: string;
                  };
                  /** Format: uuid */
                  commentId: string;
                  parentId: string | null;
                  body: string;
                }
              | {
                  /** @enum {string} */
                  kind: 'movie';
                  id: string;
                  /** Format: date-time */
                  at: string;
                  movie: {
                    /** Format: uuid */
                    id: string;
                    title: string;
                    slug: string;
                  };
                }
            )[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getNotifications': {
    parameters: {
      query: {
        cursor?: string;
        limit: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: (
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'comment.replied';
                  data: {
                    /** Format: uuid */
                    commentId: string;
                    /** Format: uuid */
                    parentId: string;
                    /** Format: uuid */
                    movieId: string;
                    /** Format: uuid */
                    actorId: string;
                    actorName: string | null;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'user.followed';
                  data: {
                    /** Format: uuid */
                    followerId: string;
                    followerName: string | null;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'movie.published';
                  data: {
                    /** Format: uuid */
                    movieId: string;
                    title: string;
                    slug: string;
                    genreIds: string[];
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'subscription.activated';
                  data: {
                    /** Format: uuid */
                    subscriptionId: string;
                    /** Format: uuid */
                    planId: string;
                    /** Format: date-time */
                    currentPeriodEnd: string;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'subscription.canceled';
                  data: {
                    /** Format: uuid */
                    subscriptionId: string;
                    /** Format: date-time */
                    endsAt: string;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'subscription.expired';
                  data: {
                    /** Format: uuid */
                    subscriptionId: string;
                    /** Format: date-time */
                    expiredAt: string;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'payment.succeeded';
                  data: {
                    /** Format: uuid */
                    paymentId: string;
                    /** Format: uuid */
                    invoiceId: string;
                    amountMinor: number;
                    currency: string;
                  };
                }
              | {
                  id: string;
                  /** Format: date-time */
                  createdAt: string;
                  read: boolean;
                  /** @enum {string} */
                  kind: 'payment.failed';
                  data: {
                    /** Format: uuid */
                    paymentId: string;
                    amountMinor: number;
                    currency: string;
                    reason: string;
                  };
                }
            )[];
            nextCursor: string | null;
          };
        };
      };
      /** @description VALIDATION_FAILED or INVALID_CURSOR */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.getNotificationsUnreadCount': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            max: number;
          };
        };
      };
      400: components['responses']['gateway.BadRequest'];
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
  'social.postNotificationsRead': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          upTo: string;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            max: number;
          };
        };
      };
      /** @description VALIDATION_FAILED */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description UNAUTHENTICATED */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      /** @description NOTIFICATION_NOT_FOUND: not one of mine */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /**
             * Format: uri
             * @description https://kavosh.dev/problems/<code in kebab-case>
             */
            type: string;
            title: string;
            /** Format: int32 */
            status: number;
            detail: string;
            /** @description Stable UPPER_SNAKE error code */
            code: string;
            requestId: string;
            /** Format: uri-reference */
            instance?: string;
            errors?: {
              field: string;
              message: string;
            }[];
          } & {
            [key: string]: unknown;
          };
        };
      };
      429: components['responses']['gateway.TooManyRequests'];
      500: components['responses']['gateway.InternalError'];
    };
  };
}
