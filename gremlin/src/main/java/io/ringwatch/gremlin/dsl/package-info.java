/**
 * The Ringwatch fraud Gremlin DSL: {@link io.ringwatch.gremlin.dsl.FraudTraversalDsl} (domain
 * steps) and {@link io.ringwatch.gremlin.dsl.FraudTraversalSourceDsl} (start steps), from which
 * TinkerPop's annotation processor generates {@code FraudTraversalSource}, {@code FraudTraversal}
 * and {@code __} in this package. See docs/adr/0008.
 */
package io.ringwatch.gremlin.dsl;
