package io.ringwatch.gremlin.dsl;

import static io.ringwatch.gremlin.Schema.*;

import java.time.Duration;
import java.util.Date;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Path;
import org.apache.tinkerpop.gremlin.process.traversal.Scope;
import org.apache.tinkerpop.gremlin.process.traversal.TextP;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.GremlinDsl;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * The fraud DSL: domain steps over the Ringwatch property graph ({@link
 * io.ringwatch.gremlin.Schema}), compiled by TinkerPop's {@code gremlin-annotations} processor into
 * {@code FraudTraversal}, {@code DefaultFraudTraversal}, {@code FraudTraversalSource} and the
 * anonymous {@code __}. Each step expands into plain Gremlin steps, so a {@code FraudTraversal}
 * sent as bytecode runs on any Gremlin Server serving this graph.
 *
 * <p>Every step's Javadoc says what it starts from and what it ends on. Every {@code repeat()} is
 * bounded by a hop count. Steps that carry a window take {@code [from, to)} on the edges' {@code
 * ts}; the {@link Duration} overloads mean the window that ends when the step is added. Steps that
 * need to remember their start use step labels in the reserved {@code rw:} namespace.
 */
@GremlinDsl(traversalSource = "io.ringwatch.gremlin.dsl.FraudTraversalSourceDsl")
public interface FraudTraversalDsl<S, E> extends GraphTraversal.Admin<S, E> {

  /** Step label for the start of {@link #sharingDevice()}, {@link #ringMates()} and the like. */
  String SELF = "rw:self";

  /** Step label for the start of {@link #moneyFlow} and {@link #transferLoops}. */
  String ORIGIN = "rw:origin";

  /**
   * From accounts to the devices they use ({@code uses} edges), one per account-device pair.
   *
   * <p>Starts from {@code account} vertices; ends on {@code device} vertices.
   */
  default GraphTraversal<S, Vertex> devices() {
    return out(USES).hasLabel(DEVICE);
  }

  /**
   * From accounts to the IP addresses they connect from ({@code connects_from} edges).
   *
   * <p>Starts from {@code account} vertices; ends on {@code ip} vertices.
   */
  default GraphTraversal<S, Vertex> ips() {
    return out(CONNECTS_FROM).hasLabel(IP);
  }

  /**
   * From accounts to the distinct real merchants they paid (pseudo-merchants such as {@code
   * channel:API} left out), distinct over the whole stream.
   *
   * <p>Starts from {@code account} vertices; ends on {@code merchant} vertices.
   */
  default GraphTraversal<S, Vertex> merchants() {
    return out(PAYS)
        .hasLabel(MERCHANT)
        .has(MERCHANT_ID, TextP.notStartingWith(PSEUDO_MERCHANT_PREFIX))
        .dedup();
  }

  /**
   * From devices, IPs, merchants or rings to the distinct accounts linked to them (by {@code uses},
   * {@code connects_from}, {@code pays} or {@code member_of}).
   *
   * <p>Starts from {@code device}, {@code ip}, {@code merchant} or {@code ring} vertices; ends on
   * {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> accounts() {
    return in(USES, CONNECTS_FROM, PAYS, MEMBER_OF).hasLabel(ACCOUNT).dedup();
  }

  /**
   * From devices or IPs to the accounts that use them ({@code uses} or {@code connects_from}
   * edges). Each account comes once per identifier without a {@code dedup()} (the writer keeps one
   * edge per account-identifier pair), so a {@code limit(n)} after it stops reading a hub early:
   * the per-event form of {@link #accounts()}.
   *
   * <p>Starts from {@code device} or {@code ip} vertices; ends on {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> users() {
    return in(USES, CONNECTS_FROM).hasLabel(ACCOUNT);
  }

  /**
   * From devices or IPs to their {@code uses} or {@code connects_from} edges: one per account that
   * uses the identifier (the schema lets only accounts hold them, the writer keeps one per pair).
   * Counting these ({@code userLinks().limit(n).count()}) counts {@link #users()} without reading
   * the accounts themselves: each edge is one entry of the identifier's adjacency list, where
   * {@code users()} loads each account's label, so a bounded count on a hub stays cheap.
   *
   * <p>Starts from {@code device} or {@code ip} vertices; ends on {@code uses} or {@code
   * connects_from} edges.
   */
  default GraphTraversal<S, Edge> userLinks() {
    return inE(USES, CONNECTS_FROM);
  }

  /**
   * From an account to the other accounts that use one of its devices, distinct.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices, never the start.
   */
  default GraphTraversal<S, Vertex> sharingDevice() {
    return as(SELF)
        .out(USES)
        .hasLabel(DEVICE)
        .in(USES)
        .hasLabel(ACCOUNT)
        .where(P.neq(SELF))
        .dedup();
  }

  /**
   * From an account to the other accounts that connect from one of its IP addresses, distinct.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices, never the start.
   */
  default GraphTraversal<S, Vertex> sharingIp() {
    return as(SELF)
        .out(CONNECTS_FROM)
        .hasLabel(IP)
        .in(CONNECTS_FROM)
        .hasLabel(ACCOUNT)
        .where(P.neq(SELF))
        .dedup();
  }

  /**
   * From an account to those of its devices and IP addresses that at least one other account uses
   * too: the identifiers that tie it to others.
   *
   * <p>Starts from {@code account} vertices; ends on {@code device} and {@code ip} vertices.
   */
  default GraphTraversal<S, Vertex> sharedIdentifiers() {
    return union(__.out(USES).hasLabel(DEVICE), __.out(CONNECTS_FROM).hasLabel(IP))
        .where(__.in(USES, CONNECTS_FROM).hasLabel(ACCOUNT).limit(2).count().is(2L));
  }

  /**
   * From an account to the rings it is a member of ({@code member_of} edges).
   *
   * <p>Starts from {@code account} vertices; ends on {@code ring} vertices (none while ring
   * detection has not written any).
   */
  default GraphTraversal<S, Vertex> ring() {
    return out(MEMBER_OF).hasLabel(RING);
  }

  /**
   * From accounts to the rings they currently belong to and that are still detected: their {@code
   * member_of} edges with {@code status} {@code current}, to {@code ring} vertices with {@code
   * status} {@code ACTIVE}. Former memberships and merged or dissolved rings are left out, so this
   * is what per-event scoring asks; {@link #ring()} is the whole history. Not distinct: follow with
   * {@code dedup()} when starting from several accounts.
   *
   * <p>Starts from {@code account} vertices; ends on {@code ring} vertices.
   */
  default GraphTraversal<S, Vertex> activeRings() {
    return outE(MEMBER_OF)
        .has(STATUS, MEMBER_CURRENT)
        .inV()
        .hasLabel(RING)
        .has(STATUS, RING_ACTIVE);
  }

  /**
   * From accounts to the highest {@code score} (0 to 1) of the active rings any of them currently
   * belongs to ({@link #activeRings()}); nothing when none does. One value for the whole stream, so
   * start it from one account, or from a group (a device's accounts) to ask "is any of them in a
   * ring, and how bad is it".
   *
   * <p>Starts from {@code account} vertices; ends on one {@code Double}, or nothing.
   */
  default GraphTraversal<S, Double> ringScore() {
    return activeRings().values(SCORE).max();
  }

  /**
   * From a ring to its member accounts.
   *
   * <p>Starts from {@code ring} vertices; ends on {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> members() {
    return in(MEMBER_OF).hasLabel(ACCOUNT);
  }

  /**
   * From an account to the other members of its rings, distinct.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices, never the start.
   */
  default GraphTraversal<S, Vertex> ringMates() {
    return as(SELF)
        .out(MEMBER_OF)
        .hasLabel(RING)
        .in(MEMBER_OF)
        .hasLabel(ACCOUNT)
        .where(P.neq(SELF))
        .dedup();
  }

  /**
   * From an account to its outgoing transfers with {@code from <= ts < to}.
   *
   * <p>Starts from {@code account} vertices; ends on {@code transfers} edges.
   */
  default GraphTraversal<S, Edge> transfersOut(Date from, Date to) {
    return outE(TRANSFERS).has(TS, P.between(from, to));
  }

  /**
   * From an account to its outgoing transfers in the {@code window} that ends now.
   *
   * <p>Starts from {@code account} vertices; ends on {@code transfers} edges.
   */
  default GraphTraversal<S, Edge> transfersOut(Duration window) {
    Date now = new Date();
    return transfersOut(new Date(now.getTime() - window.toMillis()), now);
  }

  /**
   * From an account to the distinct accounts its money reached by following transfers with {@code
   * from <= ts < to}, over 1 to {@code maxHops} hops without revisiting an account.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices, never the start.
   * Cost grows with the out-degree to the power {@code maxHops}: keep it small (2 to 6).
   */
  default GraphTraversal<S, Vertex> moneyFlow(int maxHops, Date from, Date to) {
    DslSupport.requireHops(maxHops, 1);
    return DslSupport.vertices(this)
        .as(ORIGIN)
        .repeat(__.outE(TRANSFERS).has(TS, P.between(from, to)).inV().simplePath().from(ORIGIN))
        .emit()
        .times(maxHops)
        .dedup();
  }

  /**
   * {@link #moneyFlow(int, Date, Date)} over the {@code window} that ends now.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> moneyFlow(int maxHops, Duration window) {
    Date now = new Date();
    return moneyFlow(maxHops, new Date(now.getTime() - window.toMillis()), now);
  }

  /**
   * From an account to each loop of transfers with {@code from <= ts < to} that leaves it and comes
   * back to it in 2 to {@code maxHops} hops without visiting an account twice.
   *
   * <p>Starts from {@code account} vertices; ends on the loop's {@link Path}: start account,
   * transfer, account, ..., transfer, start account. Modulate it with {@code
   * by("accountId").by("amount")} to read it (a {@code by()} that yields nothing for an element,
   * such as {@code by("accountId")} alone on the transfers, drops the path). A loop of n accounts
   * is found once from each of them.
   */
  default GraphTraversal<S, Path> transferLoops(int maxHops, Date from, Date to) {
    DslSupport.requireHops(maxHops, 2);
    return DslSupport.vertices(this)
        .as(ORIGIN)
        .repeat(__.outE(TRANSFERS).has(TS, P.between(from, to)).inV().simplePath().from(ORIGIN))
        .emit()
        .times(maxHops - 1)
        .outE(TRANSFERS)
        .has(TS, P.between(from, to))
        .inV()
        .where(P.eq(ORIGIN))
        .path()
        .from(ORIGIN);
  }

  /**
   * {@link #transferLoops(int, Date, Date)} over the {@code window} that ends now.
   *
   * <p>Starts from {@code account} vertices; ends on {@link Path}s.
   */
  default GraphTraversal<S, Path> transferLoops(int maxHops, Duration window) {
    Date now = new Date();
    return transferLoops(maxHops, new Date(now.getTime() - window.toMillis()), now);
  }

  /**
   * From an account to the distinct accounts that sent it transfers with {@code from <= ts < to};
   * count them for the fan-in of a mule account.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> fanIn(Date from, Date to) {
    return inE(TRANSFERS).has(TS, P.between(from, to)).outV().dedup();
  }

  /**
   * {@link #fanIn(Date, Date)} over the {@code window} that ends now.
   *
   * <p>Starts from {@code account} vertices; ends on {@code account} vertices.
   */
  default GraphTraversal<S, Vertex> fanIn(Duration window) {
    Date now = new Date();
    return fanIn(new Date(now.getTime() - window.toMillis()), now);
  }

  /**
   * From any vertex to the distinct vertices 1 to {@code hops} hops away over identity and money
   * edges ({@code uses}, {@code connects_from}, {@code transfers}, either direction), the start
   * left out. Merchants and rings are not crossed: a popular merchant would link everyone.
   * Breadth-first with one visit per vertex, so a hub costs its degree once, not once per path.
   *
   * <p>Starts from any vertex; ends on {@code account}, {@code device} and {@code ip} vertices.
   * Follow with {@code hasLabel("account")} for the accounts near the start.
   */
  default GraphTraversal<S, Vertex> within(int hops) {
    DslSupport.requireHops(hops, 1);
    return DslSupport.vertices(this)
        .as(SELF)
        .repeat(__.both(USES, CONNECTS_FROM, TRANSFERS).dedup())
        .emit()
        .times(hops)
        .where(P.neq(SELF))
        .dedup();
  }

  /**
   * From an account to the shortest path (fewest hops, then the first found) to the account {@code
   * accountId} over {@code uses}, {@code connects_from} and {@code transfers} edges in either
   * direction, searching at most {@code maxHops} hops; nothing when there is none that short.
   *
   * <p>Starts from {@code account} vertices; ends on the {@link Path} of vertices from the start to
   * the target. Modulate it with {@code by(__.naturalId())} to read it.
   */
  default GraphTraversal<S, Path> pathTo(String accountId, int maxHops) {
    DslSupport.requireHops(maxHops, 1);
    return DslSupport.vertices(this)
        .as(ORIGIN)
        .repeat(__.both(USES, CONNECTS_FROM, TRANSFERS).simplePath().from(ORIGIN))
        .until(
            __.or(__.hasLabel(ACCOUNT).has(ACCOUNT_ID, accountId), __.loops().is(P.gte(maxHops))))
        .hasLabel(ACCOUNT)
        .has(ACCOUNT_ID, accountId)
        .order()
        .by(__.path().from(ORIGIN).count(Scope.local))
        .limit(1)
        .path()
        .from(ORIGIN);
  }

  /**
   * From any Ringwatch vertex to the value of its label's unique id key ({@code accountId}, {@code
   * deviceId}, {@code address}, {@code merchantId} or {@code ringId}).
   *
   * <p>Starts from any Ringwatch vertex; ends on {@code String}s.
   */
  default GraphTraversal<S, String> naturalId() {
    return coalesce(
        __.values(ACCOUNT_ID),
        __.values(DEVICE_ID),
        __.values(ADDRESS),
        __.values(MERCHANT_ID),
        __.values(RING_ID));
  }
}
