package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import io.ringwatch.detectors.rings.RingEventType;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import io.ringwatch.detectors.rings.SharedIdentifier;
import io.ringwatch.detectors.rings.TransferLink;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * Reads rings back from the graph: the stored rings with their current and former members (to
 * restore the ring tracker at start-up), an account's memberships including former ones, and the
 * account projection rebuilt from the stored transactions. Each call runs in its own read-only
 * transaction that is always closed; results are records, never graph elements. Thread-safe.
 */
public final class RingQueries {

  /**
   * What {@link #loadProjection} read.
   *
   * @param accounts account vertices read
   * @param transactions {@code pays} and {@code transfers} edges folded in
   * @param identifierUses device, IP, card and identity-document uses folded in
   * @param rings every stored ring, as {@link #rings()} reads them (found by the same scan of the
   *     graph, so a caller that restores a tracker needs no second pass over it)
   */
  public record LoadResult(
      long accounts, long transactions, long identifierUses, List<Ring> rings) {
    public LoadResult {
      rings = List.copyOf(rings);
    }
  }

  private final JanusGraph graph;

  RingQueries(JanusGraph graph) {
    this.graph = graph;
  }

  /**
   * Every stored ring, any status, by id, with current and former members from its {@code
   * member_of} edges. Evidence is not stored: the rings come back with {@link RingEvidence#none()}
   * and get it again when the tracker re-clusters. Scans the {@code ring} vertices (rings are few
   * compared with accounts).
   */
  public List<Ring> rings() {
    return read(
        g -> {
          List<Ring> rings = new ArrayList<>();
          g.V().hasLabel(RING).forEachRemaining(v -> rings.add(ring(v)));
          rings.sort(Comparator.comparing(Ring::id));
          return rings;
        });
  }

  /**
   * The ring's stored lifecycle events, oldest first; empty for an unknown ring. Reads the ring's
   * {@code lifecycle} edges (a ring changes a few times a day, not per event).
   */
  public List<RingChange> history(RingId id) {
    return read(
        g -> {
          List<RingChange> events = new ArrayList<>();
          g.V()
              .has(RING, RING_ID, id.value())
              .out(LIFECYCLE)
              .forEachRemaining(v -> events.add(change(id, v)));
          events.sort(Comparator.comparing(RingChange::at));
          return events;
        });
  }

  private static RingChange change(RingId ring, Vertex v) {
    return new RingChange(
        ring,
        RingEventType.valueOf(v.value(EVENT_TYPE)),
        v.<Date>value(TS).toInstant(),
        v.<Double>value(SCORE),
        (int) (long) v.<Long>value(COUNT),
        lines(v, RELATED).stream().map(RingId::of).toList(),
        lines(v, ADDED).stream().map(AccountId::of).collect(Collectors.toSet()),
        lines(v, REMOVED).stream().map(AccountId::of).collect(Collectors.toSet()));
  }

  private static List<String> lines(Vertex v, String key) {
    String value = v.<String>property(key).orElse("");
    return value.isEmpty() ? List.of() : List.of(value.split("\n"));
  }

  private static Ring ring(Vertex v) {
    List<Membership> members = new ArrayList<>();
    List<Membership> former = new ArrayList<>();
    Iterator<Edge> edges = v.edges(Direction.IN, MEMBER_OF);
    while (edges.hasNext()) {
      Edge e = edges.next();
      Instant until = instant(e, UNTIL);
      Membership m =
          new Membership(
              AccountId.of(e.outVertex().value(ACCOUNT_ID)),
              MemberRole.valueOf(e.value(ROLE)),
              instant(e, SINCE),
              until);
      (until == null ? members : former).add(m);
    }
    members.sort(Comparator.comparing(Membership::account));
    former.sort(Comparator.comparing(Membership::account));
    return new Ring(
        RingId.of(v.value(RING_ID)),
        RingKind.valueOf(v.<String>property(KIND).orElse(RingKind.COMMUNITY.name())),
        RingStatus.valueOf(v.value(STATUS)),
        v.<Double>value(SCORE),
        members,
        former,
        v.<Date>value(FIRST_SEEN).toInstant(),
        v.<Date>value(LAST_CHANGED).toInstant(),
        RingEvidence.none());
  }

  /**
   * The account's ring memberships, current and former, most recent first; empty when the account
   * is in no stored ring (or unknown).
   */
  public List<RingMembershipRecord> memberships(AccountId account) {
    return read(
        g -> {
          List<RingMembershipRecord> result = new ArrayList<>();
          g.V()
              .has(ACCOUNT, ACCOUNT_ID, account.value())
              .outE(MEMBER_OF)
              .forEachRemaining(
                  e -> {
                    Vertex ring = e.inVertex();
                    result.add(
                        new RingMembershipRecord(
                            ring.value(RING_ID),
                            ring.<String>property(KIND).orElse(RingKind.COMMUNITY.name()),
                            ring.value(STATUS),
                            ring.<Double>value(SCORE),
                            e.value(ROLE),
                            instant(e, SINCE),
                            instant(e, UNTIL)));
                  });
          result.sort(
              Comparator.comparing(RingMembershipRecord::since)
                  .reversed()
                  .thenComparing(RingMembershipRecord::ringId));
          return result;
        });
  }

  /**
   * Rebuilds {@code projection} from the stored graph: per account vertex, its {@code uses}, {@code
   * connects_from} and {@code has_identity} edges become device, IP and identity-document uses (at
   * their first and last sight), each {@code pays} and outgoing {@code transfers} edge becomes an
   * event of the account (with its fraud label and card, ADR 0011), and each transfer a transfer
   * link. Every loaded account is left dirty, so the next re-clustering covers the whole
   * projection.
   *
   * <p>Cost: one parallel, sequential scan of the edge store ({@link ProjectionScan}: each vertex's
   * id key and each account's out-edges, far ends joined in memory by vertex id), then the fold
   * into the projection on the calling thread in account-id order; O(V + E) reads and O(V)
   * transient memory, bounded afterwards by the projection's own bounds (degree cap, transfers per
   * pair). On a store without scans, a traversal over the account vertices in one read-only
   * transaction (a point read per vertex and per edge's far end).
   */
  public LoadResult loadProjection(AccountProjection projection) {
    if (!ProjectionScan.supported(graph)) {
      return read(
          g -> {
            long[] counts = new long[3];
            g.V()
                .hasLabel(ACCOUNT)
                .forEachRemaining(
                    a -> {
                      counts[0]++;
                      load(a, projection, counts);
                    });
            return new LoadResult(counts[0], counts[1], counts[2], rings());
          });
    }
    ProjectionScan.Result scanned =
        ProjectionScan.run(graph, Math.max(1, Runtime.getRuntime().availableProcessors()));
    long[] counts = new long[3];
    for (ProjectionScan.AccountRow row : scanned.accounts()) {
      counts[0]++;
      fold(row, scanned.names(), projection, counts);
    }
    List<Ring> rings =
        scanned.ringVertices().isEmpty()
            ? List.of()
            : read(
                g -> {
                  List<Ring> read = new ArrayList<>();
                  g.V(scanned.ringVertices().toArray()).forEachRemaining(v -> read.add(ring(v)));
                  read.sort(Comparator.comparing(Ring::id));
                  return read;
                });
    return new LoadResult(counts[0], counts[1], counts[2], rings);
  }

  /** {@link #load} for a scanned account: the same folds, far ends named from the scan. */
  private static void fold(
      ProjectionScan.AccountRow row,
      Map<Object, Object> names,
      AccountProjection projection,
      long[] counts) {
    AccountId account = row.account();
    for (ProjectionScan.EdgeRow e : row.edges()) {
      switch (e.label()) {
        case USES, CONNECTS_FROM, HAS_IDENTITY -> {
          SharedIdentifier identifier = (SharedIdentifier) farEnd(names, account, e);
          projection.addIdentifierUse(
              account, identifier, e.firstSeen() != null ? e.firstSeen() : Instant.EPOCH);
          if (e.lastSeen() != null) {
            projection.addIdentifierUse(account, identifier, e.lastSeen());
          }
          counts[2]++;
        }
        default -> {
          if (!projection.addActivity(e.txId(), account, e.ts(), e.fraudLabel())) {
            continue;
          }
          counts[1]++;
          if (e.ringRisk() > 0) {
            projection.reportScore(account, e.ringRisk());
          }
          if (e.card() != null) {
            projection.addIdentifierUse(account, SharedIdentifier.card(e.card()), e.ts());
            counts[2]++;
          }
          if (TRANSFERS.equals(e.label())) {
            projection.addTransfer(
                new TransferLink(
                    e.txId(),
                    account,
                    (AccountId) farEnd(names, account, e),
                    BigDecimal.valueOf(e.amount()),
                    e.ts()));
          }
        }
      }
    }
  }

  private static void load(Vertex a, AccountProjection projection, long[] counts) {
    AccountId account = AccountId.of(a.value(ACCOUNT_ID));
    Iterator<Edge> edges =
        a.edges(Direction.OUT, USES, CONNECTS_FROM, HAS_IDENTITY, PAYS, TRANSFERS);
    while (edges.hasNext()) {
      Edge e = edges.next();
      switch (e.label()) {
        case USES -> {
          identifierUse(
              projection, account, SharedIdentifier.device(e.inVertex().value(DEVICE_ID)), e);
          counts[2]++;
        }
        case CONNECTS_FROM -> {
          identifierUse(projection, account, SharedIdentifier.ip(e.inVertex().value(ADDRESS)), e);
          counts[2]++;
        }
        case HAS_IDENTITY -> {
          identifierUse(
              projection, account, SharedIdentifier.parse(e.inVertex().value(IDENTITY_ID)), e);
          counts[2]++;
        }
        default -> {
          String txId = e.value(TX_ID);
          Instant ts = instant(e, TS);
          boolean labelled = e.<Boolean>property(FRAUD_LABEL).orElse(false);
          if (!projection.addActivity(txId, account, ts, labelled)) {
            continue;
          }
          counts[1]++;
          reportDecision(projection, account, e);
          e.<String>property(CARD_ID)
              .ifPresent(
                  card -> {
                    projection.addIdentifierUse(account, SharedIdentifier.card(card), ts);
                    counts[2]++;
                  });
          if (TRANSFERS.equals(e.label())) {
            projection.addTransfer(
                new TransferLink(
                    txId,
                    account,
                    AccountId.of(e.inVertex().value(ACCOUNT_ID)),
                    BigDecimal.valueOf(e.<Double>value(AMOUNT)),
                    ts));
          }
        }
      }
    }
  }

  /** The risk the stored decision reported to the live tracker ({@code ringRisk}), if any. */
  private static void reportDecision(AccountProjection projection, AccountId account, Edge e) {
    double risk = e.<Double>property(RING_RISK).orElse(0.0);
    if (risk > 0) {
      projection.reportScore(account, risk);
    }
  }

  private static Object farEnd(
      Map<Object, Object> names, AccountId account, ProjectionScan.EdgeRow e) {
    Object name = names.get(e.other());
    if (name == null) {
      throw new IllegalStateException(
          "the " + e.label() + " edge of " + account + " leads to a vertex without an id key");
    }
    return name;
  }

  private static void identifierUse(
      AccountProjection projection, AccountId account, SharedIdentifier identifier, Edge e) {
    Instant first = instant(e, FIRST_SEEN);
    Instant last = instant(e, LAST_SEEN);
    projection.addIdentifierUse(account, identifier, first != null ? first : Instant.EPOCH);
    if (last != null) {
      projection.addIdentifierUse(account, identifier, last);
    }
  }

  private static Instant instant(Edge e, String key) {
    return e.<Date>property(key).isPresent() ? e.<Date>value(key).toInstant() : null;
  }

  private <R> R read(Function<GraphTraversalSource, R> query) {
    JanusGraphTransaction tx = graph.buildTransaction().readOnly().start();
    try {
      return query.apply(tx.traversal());
    } finally {
      tx.rollback();
    }
  }
}
