import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RATE_LIMITED } from './security.decorators';
import { RateLimitedError } from './security.errors';

export interface TokenBucketSettings {
  /** Requests a client may make at once before it has to wait. */
  burst: number;
  /** Sustained requests per minute per client and route. */
  perMinute: number;
  /** Clients remembered at most; the least recently seen are forgotten first, so memory stays bounded under a flood of addresses. */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * An in-memory token bucket per key. Per instance: with N replicas a client gets up to N
 * times the rate (docs/security.md says so); a shared store would be needed to make it exact.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly settings: TokenBucketSettings) {}

  /** Takes one token; when none is left, says how long until one is. */
  take(key: string): { allowed: boolean; retryAfterSeconds: number } {
    const now = this.settings.now?.() ?? Date.now();
    const perMs = this.settings.perMinute / 60_000;
    const previous = this.buckets.get(key);
    const bucket = previous
      ? { tokens: Math.min(this.settings.burst, previous.tokens + (now - previous.updatedAt) * perMs), updatedAt: now }
      : { tokens: this.settings.burst, updatedAt: now };
    // Re-inserting keeps the map in least-recently-seen order for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > (this.settings.maxClients ?? 50_000)) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: perMs > 0 ? Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) : 60 };
  }
}

/** Limits routes marked @RateLimit() per client IP and route pattern (so guessing across many secret links shares one bucket). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenBucketLimiter) private readonly limiter: TokenBucketLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (!this.reflector.getAllAndOverride<boolean>(RATE_LIMITED, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const route = `${request.method} ${request.baseUrl ?? ''}${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const verdict = this.limiter.take(`${request.ip ?? request.socket.remoteAddress ?? 'unknown'}|${route}`);
    if (verdict.allowed) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new RateLimitedError(verdict.retryAfterSeconds);
  }
}
