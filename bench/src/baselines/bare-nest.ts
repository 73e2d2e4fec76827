/**
 * The HTTP baseline: NestJS 11 on the same Express adapter as the services,
 * with a trivial controller and nothing else (no logger, no validation, no
 * database). It answers with bodies shaped like the programs service's.
 *   PORT=3999 node dist/bench/bench/src/baselines/bare-nest.js
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

const program = (id: string, body: Record<string, unknown> = {}) => ({
  id,
  organisationId: 'bench-council',
  title: 'Digital government: a ministerial delegation',
  kind: 'international-visitor',
  status: 'draft',
  theme: 'Democracy and civic engagement in the digital age',
  startDate: '2027-03-08',
  endDate: '2027-03-11',
  ...body,
  version: 1,
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
});

@Controller('programs')
class BareController {
  @Post()
  @HttpCode(201)
  create(@Body() body: Record<string, unknown>) {
    return program(randomUUID(), body);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return program(id);
  }
}

@Controller('health')
class BareHealthController {
  @Get('ready')
  ready() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController, BareHealthController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: ['error', 'warn'] });
  await app.listen(Number(process.env['PORT'] ?? 3999), '0.0.0.0');
  // Exit normally (not by the signal), so `--cpu-prof` can write its profile.
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
