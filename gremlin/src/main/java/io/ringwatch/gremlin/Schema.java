package io.ringwatch.gremlin;

import java.util.List;

/**
 * The one place for the Ringwatch property graph's vertex labels, edge labels, property keys and
 * index names (see ARCHITECTURE.md, "The property graph"). Every traversal in this module names its
 * labels and keys through these constants; {@link SchemaInstaller} creates exactly this schema.
 */
public final class Schema {

  // Vertex labels.
  public static final String ACCOUNT = "account";
  public static final String DEVICE = "device";
  public static final String IP = "ip";
  public static final String MERCHANT = "merchant";
  public static final String RING = "ring";

  /** An identity document (SSN, e-mail, phone) accounts were opened with (ADR 0015). */
  public static final String IDENTITY = "identity";

  /**
   * A ring's lifecycle event (NEW, GREW, SHRANK, MERGED, SPLIT, DISSOLVED), linked from its {@code
   * ring} by a {@link #LIFECYCLE} edge: the ring's history survives a restart.
   */
  public static final String RING_EVENT = "ring_event";

  // Edge labels.
  public static final String USES = "uses";
  public static final String CONNECTS_FROM = "connects_from";
  public static final String PAYS = "pays";
  public static final String TRANSFERS = "transfers";
  public static final String MEMBER_OF = "member_of";

  /** Account to the identity documents it was opened with; one edge per pair, like {@code uses}. */
  public static final String HAS_IDENTITY = "has_identity";

  /** From a {@code ring} to each of its {@link #RING_EVENT}s. */
  public static final String LIFECYCLE = "lifecycle";

  // Property keys: vertex ids.
  public static final String ACCOUNT_ID = "accountId";
  public static final String DEVICE_ID = "deviceId";
  public static final String ADDRESS = "address";
  public static final String MERCHANT_ID = "merchantId";
  public static final String RING_ID = "ringId";

  /**
   * Unique id of an {@code identity} vertex: {@code kind:value} with the kind in lower case ({@code
   * ssn:022317634}, {@code email:a@b.c}, {@code phone:0295058778}), the value normalised as {@link
   * io.ringwatch.detectors.domain.Identity} does. The vertex also carries its {@code kind}.
   */
  public static final String IDENTITY_ID = "identityId";

  // Property keys: ring and edge properties.
  public static final String SCORE = "score";
  public static final String STATUS = "status";
  public static final String FIRST_SEEN = "firstSeen";
  public static final String LAST_CHANGED = "lastChanged";
  public static final String LAST_SEEN = "lastSeen";
  public static final String COUNT = "count";
  public static final String TX_ID = "txId";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String CHANNEL = "channel";
  public static final String TS = "ts";
  public static final String OUTCOME = "outcome";
  public static final String DECISION = "decision";
  public static final String SINCE = "since";
  public static final String ROLE = "role";

  /**
   * Ring kind (COMMUNITY, TRANSFER_LOOP, FAN_IN, FAN_OUT, IDENTITY_DRAIN, LAUNDERING) on {@code
   * ring} vertices; document kind (SSN, EMAIL, PHONE) on {@code identity} vertices.
   */
  public static final String KIND = "kind";

  /**
   * The risk a transaction's decision reported to the ring scorer (0–1, {@code DecisionRisk}), on
   * {@code pays}/{@code transfers} edges when above 0.
   */
  public static final String RING_RISK = "ringRisk";

  /** The lifecycle event's type (RingEventType), on {@code ring_event} vertices. */
  public static final String EVENT_TYPE = "eventType";

  /**
   * Ring ids (on {@code ring_event}: the rings merged or split with) or account ids (the members
   * {@link #ADDED} or {@link #REMOVED}), one per line: ids never contain a line break.
   */
  public static final String RELATED = "related";

  public static final String ADDED = "added";
  public static final String REMOVED = "removed";

  /** When a member left its ring, on {@code member_of} edges of former members. */
  public static final String UNTIL = "until";

  /** Card or instrument used, on {@code pays}/{@code transfers} edges (ADR 0011). */
  public static final String CARD_ID = "cardId";

  /** The producer's fraud label, on {@code pays}/{@code transfers} edges when sent (ADR 0011). */
  public static final String FRAUD_LABEL = "fraudLabel";

  /**
   * The whole event as the service received it (canonical JSON), on {@code pays}/{@code transfers}
   * edges written since ADR 0012: what a replay (backtest, feature warm-up, store windows) needs
   * beyond the edge's own properties (device, IP, location, store fields).
   */
  public static final String EVENT = "event";

  /** {@code status} of a ring member's {@code member_of} edge while it belongs to the ring. */
  public static final String MEMBER_CURRENT = "current";

  /**
   * {@code status} of the {@code member_of} edge of a member who left (it carries {@code until}).
   */
  public static final String MEMBER_FORMER = "former";

  /** {@code status} of a {@code ring} vertex while the ring is detected (RingStatus.ACTIVE). */
  public static final String RING_ACTIVE = "ACTIVE";

  // Index names.
  public static final String BY_ACCOUNT_ID = "byAccountId";
  public static final String BY_DEVICE_ID = "byDeviceId";
  public static final String BY_ADDRESS = "byAddress";
  public static final String BY_MERCHANT_ID = "byMerchantId";
  public static final String BY_RING_ID = "byRingId";
  public static final String BY_IDENTITY_ID = "byIdentityId";
  public static final String EDGE_BY_TX_ID = "edgeByTxId";
  public static final String PAYS_BY_TS = "paysByTs";
  public static final String PAYS_BY_TX_ID = "paysByTxId";
  public static final String TRANSFERS_BY_TS = "transfersByTs";
  public static final String TRANSFERS_BY_TX_ID = "transfersByTxId";

  /**
   * Prefix of the pseudo-merchants that payments without merchant and counterparty pay (for example
   * {@code channel:API}), so that every transaction is stored as exactly one edge carrying its
   * transaction id. Merchant ids starting with it are reserved.
   */
  public static final String PSEUDO_MERCHANT_PREFIX = "channel:";

  public static final List<String> VERTEX_LABELS =
      List.of(ACCOUNT, DEVICE, IP, MERCHANT, RING, IDENTITY, RING_EVENT);
  public static final List<String> EDGE_LABELS =
      List.of(USES, CONNECTS_FROM, PAYS, TRANSFERS, MEMBER_OF, HAS_IDENTITY, LIFECYCLE);
  public static final List<String> PROPERTY_KEYS =
      List.of(
          ACCOUNT_ID,
          DEVICE_ID,
          ADDRESS,
          MERCHANT_ID,
          RING_ID,
          SCORE,
          STATUS,
          FIRST_SEEN,
          LAST_CHANGED,
          LAST_SEEN,
          COUNT,
          TX_ID,
          AMOUNT,
          CURRENCY,
          CHANNEL,
          TS,
          OUTCOME,
          DECISION,
          SINCE,
          ROLE,
          KIND,
          UNTIL,
          CARD_ID,
          FRAUD_LABEL,
          IDENTITY_ID,
          EVENT,
          EVENT_TYPE,
          RELATED,
          ADDED,
          REMOVED,
          RING_RISK);

  /** Unique composite vertex indexes, one per vertex label's id key. */
  public static final List<String> GRAPH_INDEXES =
      List.of(
          BY_ACCOUNT_ID,
          BY_DEVICE_ID,
          BY_ADDRESS,
          BY_MERCHANT_ID,
          BY_RING_ID,
          BY_IDENTITY_ID,
          EDGE_BY_TX_ID);

  private Schema() {}

  /** The unique id key of a vertex label ({@code account -> accountId}). */
  public static String idKey(String vertexLabel) {
    return switch (vertexLabel) {
      case ACCOUNT -> ACCOUNT_ID;
      case DEVICE -> DEVICE_ID;
      case IP -> ADDRESS;
      case MERCHANT -> MERCHANT_ID;
      case RING -> RING_ID;
      case IDENTITY -> IDENTITY_ID;
      default -> throw new IllegalArgumentException("not a Ringwatch vertex label: " + vertexLabel);
    };
  }

  /** The pseudo-merchant id a payment without merchant or counterparty on {@code channel} pays. */
  public static String pseudoMerchant(String channel) {
    return PSEUDO_MERCHANT_PREFIX + channel;
  }

  /** True when {@code merchantId} names a pseudo-merchant rather than a real one. */
  public static boolean isPseudoMerchant(String merchantId) {
    return merchantId != null && merchantId.startsWith(PSEUDO_MERCHANT_PREFIX);
  }
}
