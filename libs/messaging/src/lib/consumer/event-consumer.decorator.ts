import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { PassThroughRpcFilter } from './pass-through-rpc.filter';

/**
 * Marks a class whose `@EventPattern(topic)` methods consume events. It keeps
 * handler errors intact for the ReliableKafkaServer, which retries them and
 * writes them into the dead letter (Nest's default filter would replace them
 * with "Internal server error").
 */
export function EventConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(PassThroughRpcFilter));
}
