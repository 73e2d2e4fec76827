/** A message ready for the broker: already serialised, already keyed. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string | Buffer;
  headers: Record<string, string>;
}

/**
 * The only way code in this system produces to Kafka. kafkajs sits behind it
 * (see KafkajsEventPublisher) so a maintained client can replace it in one place.
 */
export interface EventPublisher {
  /** Publishes all messages; resolves only when the broker acknowledged every one (acks=all). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
