import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies, AppEnv } from './context.ts';
import { AppError } from '../app/app-error.ts';
import { ApiError, appErrorStatus, errorBody } from './errors.ts';
import { createRouter } from './openapi.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { twoFactorRoutes } from './routes/two-factor.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { ssoRoutes } from './routes/sso.routes.ts';
import { invitationRoutes } from './routes/invitations.routes.ts';
import { brandRoutes } from './routes/brands.routes.ts';
import { createChannelRoutes } from './routes/channels.routes.ts';
import { conversationThreadRoutes } from './routes/conversation-thread.routes.ts';
import { conversationRoutes } from './routes/conversations.routes.ts';
import { customerHistoryRoutes } from './routes/customer-history.routes.ts';
import { privacyRoutes } from './routes/privacy.routes.ts';
import { noteMentionRoutes } from './routes/note-mentions.routes.ts';
import { eventRoutes } from './routes/events.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { presenceRoutes } from './routes/presence.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { hookRoutes } from './routes/hooks.routes.ts';
import { rejectedRecordRoutes } from './routes/rejected-records.routes.ts';
import { moderationRoutes } from './routes/moderation.routes.ts';
import { cannedResponseRoutes } from './routes/canned-responses.routes.ts';
import { ideaRoutes } from './routes/ideas.routes.ts';
import { campaignRoutes } from './routes/campaigns.routes.ts';
import { campaignMessageRoutes } from './routes/campaign-messages.routes.ts';
import { praiseRoutes } from './routes/praise.routes.ts';
import { approvalRoutes } from './routes/approvals.routes.ts';
import { replyRetryRoutes } from './routes/reply-retry.routes.ts';
import { csatRoutes } from './routes/csat.routes.ts';
import { qualityRoutes } from './routes/quality.routes.ts';
import { alertRoutes } from './routes/alerts.routes.ts';
import { triageCorrectionRoutes } from './routes/triage-corrections.routes.ts';
import { slaRoutes } from './routes/sla.routes.ts';
import { businessHoursRoutes } from './routes/business-hours.routes.ts';
import { teamRoutes } from './routes/teams.routes.ts';
import { tokenRoutes } from './routes/tokens.routes.ts';
import { auditLogRoutes } from './routes/audit-log.routes.ts';
import { workspaceRoutes } from './routes/workspaces.routes.ts';
import { routingRuleRoutes } from './routes/routing.routes.ts';
import { routingSettingsRoutes } from './routes/routing-settings.routes.ts';
import { tagRoutes } from './routes/tags.routes.ts';
import {
  maxReviewImportBodyBytes,
  reviewImportPath,
  reviewImportRoutes,
} from './routes/review-imports.routes.ts';
import { maxReviewFileBytes } from './schemas/review-import.schema.ts';
import { Metrics } from './metrics.ts';
import { renderChannelMetrics } from './channel-metrics.ts';
import { textGuard } from './middleware/text-guard.ts';
import { limitRequests } from './middleware/request-limit.ts';

/** Largest JSON body accepted: far above any reply or note, far below what could hurt. */
const maxBodyBytes = 1024 * 1024;

/** The whole HTTP app; `app.request()` drives it in tests without a socket. */
export function createApp(deps: AppDependencies): OpenAPIHono<AppEnv> {
  const app = createRouter();
  const metrics = new Metrics();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    metrics.observe(c.req.method, c.res.status, performance.now() - started);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    }),
  );
  // Personal data must not stay in browser or proxy caches: no API answer is stored anywhere.
  for (const path of ['/api/*', '/hooks/*']) {
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set('Cache-Control', 'no-store');
    });
  }
  for (const path of ['/api/*', '/hooks/*', '/health', '/ready', '/metrics'])
    app.use(path, limitRequests);
  const generalLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `request bodies are limited to ${maxBodyBytes} bytes`,
      );
    },
  });
  // A review file upload is larger than any other body; it has its own limit.
  const reviewFileLimit = bodyLimit({
    maxSize: maxReviewImportBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `a review file is at most ${maxReviewFileBytes} bytes`,
      );
    },
  });
  app.use('/api/*', (c, next) =>
    reviewImportPath.test(c.req.path) ? reviewFileLimit(c, next) : generalLimit(c, next),
  );

  app.use('/api/*', textGuard);

  app.route('/', healthRoutes);
  app.route('/', authRoutes);
  app.route('/', ssoRoutes);
  app.route('/', accountRoutes);
  app.route('/', twoFactorRoutes);
  app.route('/', invitationRoutes);
  app.route('/', tokenRoutes);
  app.route('/', auditLogRoutes);
  app.route('/', workspaceRoutes);
  app.route('/', teamRoutes);
  app.route('/', routingRuleRoutes);
  app.route('/', routingSettingsRoutes);
  app.route('/', tagRoutes);
  app.route('/', brandRoutes);
  app.route('/', createChannelRoutes(deps.channels));
  app.route('/', conversationRoutes);
  app.route('/', conversationThreadRoutes);
  app.route('/', customerHistoryRoutes);
  app.route('/', privacyRoutes);
  app.route('/', noteMentionRoutes);
  app.route('/', eventRoutes);
  app.route('/', hookRoutes);
  app.route('/', rejectedRecordRoutes);
  app.route('/', reviewImportRoutes);
  app.route('/', reportRoutes);
  app.route('/', moderationRoutes);
  app.route('/', cannedResponseRoutes);
  app.route('/', ideaRoutes);
  app.route('/', praiseRoutes);
  app.route('/', campaignRoutes);
  app.route('/', campaignMessageRoutes);
  app.route('/', approvalRoutes);
  app.route('/', replyRetryRoutes);
  app.route('/', csatRoutes);
  app.route('/', qualityRoutes);
  app.route('/', alertRoutes);
  app.route('/', triageCorrectionRoutes);
  app.route('/', presenceRoutes);
  app.route('/', slaRoutes);
  app.route('/', businessHoursRoutes);

  app.get('/metrics', async (c) =>
    c.text(
      metrics.render(deps.realtime.subscriberCount) +
        (await renderChannelMetrics(deps.store.db, deps.now())),
      200,
      {
        'content-type': 'text/plain; version=0.0.4',
      },
    ),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'earshot_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Earshot API',
      version: '1',
      description:
        'Social customer care: brands, mentions, conversations, replies. Errors are `{ error: { code, message, details } }`. Cookie sessions send `x-csrf-token` on writes; scripts use `Authorization: Bearer <API token>`.',
    },
  });

  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'no such API route');
  });
  if (deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html'))) {
    const root = path.relative(process.cwd(), deps.webRoot) || '.';
    app.use('/*', cacheWebFiles);
    app.use('/*', serveStatic({ root, precompressed: true }));
    // The web app routes in the browser: any other page is its index.
    app.get('/*', serveStatic({ root, path: 'index.html', precompressed: true }));
  }

  app.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof AppError)
      return c.json(
        errorBody(error.code, error.message, error.details),
        appErrorStatus[error.code],
      );
    if (error instanceof HTTPException) {
      const malformed = error.status === 400 && /json/i.test(error.message);
      return c.json(
        errorBody(
          malformed ? 'malformed_json' : 'validation_failed',
          malformed ? 'the body is not valid JSON' : error.message,
        ),
        error.status,
      );
    }
    deps.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json(
      errorBody('internal_error', 'something went wrong on our side; it has been logged'),
      500,
    );
  });
  app.notFound((c) => c.json(errorBody('not_found', 'no such route'), 404));
  return app;
}

/**
 * Files whose name carries their content's hash (Vite's assets/) never change: browsers keep them
 * a year without asking. The page itself is checked on every visit, so a new release shows at once.
 */
async function cacheWebFiles(c: Context, next: Next): Promise<void> {
  await next();
  if (c.res.status !== 200) return;
  const page = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
  const hashed = !page && /^\/assets\/[^/]+-[\w-]{8,}\.\w+$/.test(c.req.path);
  c.res.headers.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}
