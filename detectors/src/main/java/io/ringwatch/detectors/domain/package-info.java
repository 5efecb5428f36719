/**
 * The domain records of Ringwatch: the canonical {@link io.ringwatch.detectors.domain.Transaction}
 * and the small value types for its identifiers. They validate themselves and know nothing of
 * Kafka, JanusGraph or Quarkus.
 */
package io.ringwatch.detectors.domain;
