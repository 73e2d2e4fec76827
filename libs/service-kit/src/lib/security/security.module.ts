import { Logger, Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../metrics/metrics.controller';
import { JwksKeys, JwtVerifier, SharedSecretKeys } from './jwt';
import { RateLimitGuard, TokenBucketLimiter } from './rate-limit';
import { Public } from './security.decorators';
import { SecurityGuard } from './security.guard';
import type { SecuritySettings } from './security-settings';
import { TenantContext } from './tenant-context';

// Probes and scrapes are anonymous in every service (the same as writing @Public() on the two classes).
Public()(HealthController);
Public()(MetricsController);

/** Every request gets its own (empty) security state before any guard runs. */
function openTenantContext(_request: Request, _response: Response, next: NextFunction): void {
  TenantContext.open(() => next());
}

/**
 * Authentication, roles, tenancy and rate limits for a service that enforces security
 * (ServiceDefinition `security: 'enforced'`). The guards are global: a route is protected
 * unless it says @Public().
 */
@Module({})
export class SecurityModule implements NestModule {
  static forRoot(settings: SecuritySettings): DynamicModule {
    return {
      module: SecurityModule,
      providers: [
        {
          provide: JwtVerifier,
          useFactory: () => {
            const keys = settings.keys.kind === 'jwks' ? new JwksKeys({ url: settings.keys.url }) : new SharedSecretKeys(settings.keys.secret);
            if (settings.keys.kind === 'secret' && settings.keys.development) {
              new Logger('Security').warn('accepting tokens signed with the development secret (scripts/dev/mint-token.mjs); set AUTH_JWKS_URL outside development');
            }
            return new JwtVerifier(settings.jwt, keys);
          },
        },
        { provide: TokenBucketLimiter, useFactory: () => new TokenBucketLimiter(settings.rateLimit) },
        // Order matters: who you are and what you may do first, then how often.
        { provide: APP_GUARD, useClass: SecurityGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [JwtVerifier],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(openTenantContext).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
