package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.ACCOUNT;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.util.function.Function;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * The graph features of one event, read from JanusGraph through the fraud DSL, each in its own
 * read-only transaction: how many accounts share the event's device or IP, and how many accounts
 * sit within two hops of the event's account. An unknown id counts 0. Thread-safe.
 *
 * <p>Cost: one unique-index lookup plus the degree of the identifier ({@link
 * #accountsSharingDevice}, {@link #accountsSharingIp}), or the sum of the degrees within two hops
 * ({@link #accountsNear}); see docs/benchmarks.md for measured latencies.
 */
public final class GraphFeatures {

  /** The hop radius of {@link #accountsNear}. */
  public static final int NEAR_HOPS = 2;

  private final JanusGraph graph;

  GraphFeatures(JanusGraph graph) {
    this.graph = graph;
  }

  /** The number of accounts that used {@code device}. */
  public long accountsSharingDevice(DeviceId device) {
    return read(fraud -> fraud.device(device.value()).accounts().count().next());
  }

  /** The number of accounts that connected from {@code ip}. */
  public long accountsSharingIp(IpAddress ip) {
    return read(fraud -> fraud.ip(ip.value()).accounts().count().next());
  }

  /**
   * The number of other accounts within {@value #NEAR_HOPS} hops of {@code account} over shared
   * devices, shared IPs and transfers.
   */
  public long accountsNear(AccountId account) {
    return read(
        fraud -> fraud.account(account.value()).within(NEAR_HOPS).hasLabel(ACCOUNT).count().next());
  }

  private <R> R read(Function<FraudTraversalSource, R> query) {
    JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
    try {
      return query.apply(tx.traversal(FraudTraversalSource.class));
    } finally {
      tx.rollback();
    }
  }
}
