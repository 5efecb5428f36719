/**
 * The graph adapter: Ringwatch's JanusGraph schema ({@link io.ringwatch.gremlin.Schema}, created by
 * {@link io.ringwatch.gremlin.SchemaInstaller}), the idempotent {@link
 * io.ringwatch.gremlin.TransactionWriter}, read queries mapped to records ({@link
 * io.ringwatch.gremlin.GraphQueries}) and the {@link io.ringwatch.gremlin.EmbeddedGremlinServer}
 * the Gremlin Console connects to ({@code gremlin/conf/remote.yaml}).
 *
 * <p>Storage decisions a newcomer may question:
 *
 * <ul>
 *   <li>Every transaction is exactly one edge carrying its {@code txId}: {@code transfers} when it
 *       has a counterparty, else {@code pays} to its merchant or, without one, to the
 *       pseudo-merchant {@code channel:<CHANNEL>}. The composite edge index on {@code txId} finds
 *       it by id; the vertex-centric {@code txId} indexes make the writer's duplicate check a read
 *       of the account's own edges.
 *   <li>Amounts are stored as doubles (JanusGraph has no decimal type) and read back through {@link
 *       java.math.BigDecimal#valueOf(double)}, which restores the decimal as sent for amounts of up
 *       to 15 significant digits.
 *   <li>Times are stored as {@link java.util.Date} (millisecond precision), which every Gremlin
 *       serializer and the console understand.
 *   <li>The writer runs with JanusGraph consistency checks off and unlocked unique indexes, which
 *       is only correct with one writer per key range: the service uses one writer thread.
 * </ul>
 */
package io.ringwatch.gremlin;
