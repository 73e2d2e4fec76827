import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ServiceMetrics } from './service-metrics';

/** Prometheus scrape endpoint (text exposition format). Not part of the service's public API. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ServiceMetrics) private readonly metrics: ServiceMetrics) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    // end(), not send(): send() rewrites the content type's parameters (charset first).
    response.status(200).setHeader('content-type', contentType).setHeader('cache-control', 'no-store').end(body);
  }
}
