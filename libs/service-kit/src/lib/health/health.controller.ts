import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '@diplomacy/messaging';

interface CheckResult {
  up: boolean;
  detail: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private shuttingDown = false;
  private readonly extraChecks = new Map<string, () => CheckResult>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KafkaHealth) private readonly kafka: KafkaHealth,
  ) {}

  /** Called by the shutdown sequence: the instance stops taking new traffic before it stops working. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Adds a check to readiness, e.g. the Kafka consumer's group membership. */
  registerCheck(name: string, check: () => CheckResult): void {
    this.extraChecks.set(name, check);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is running and its event loop answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database and the Kafka broker answer.' })
  async ready(@Res() response: Response): Promise<void> {
    const [database, kafka] = await Promise.all([this.checkDatabase(), this.kafka.check()]);
    const checks: Record<string, CheckResult> = { database, kafka };
    for (const [name, check] of this.extraChecks) checks[name] = check();
    const up = Object.values(checks).every((c) => c.up) && !this.shuttingDown;
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: up ? 'ok' : 'unavailable',
      shuttingDown: this.shuttingDown,
      checks,
    });
  }

  private async checkDatabase(): Promise<CheckResult> {
    try {
      await this.dataSource.query('SELECT 1');
      return { up: true, detail: 'SELECT 1 answered' };
    } catch (error) {
      return { up: false, detail: (error as Error).message };
    }
  }
}
