package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.rings.IdentifierEvidence;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.TransferLink;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Gremlin Console text that reproduces a ring's evidence, for ring alerts and REST answers. The
 * text is documentation for analysts and is never executed by Ringwatch; every value is quoted and
 * escaped as a Groovy single-quoted string.
 */
public final class EvidenceTraversals {
  private static final int MAX_IDS = 50;

  private EvidenceTraversals() {}

  /**
   * For shared identifiers: the members using the most shared identifier; for transfers: the
   * transfer edges by transaction id with their ends, amounts and times.
   */
  public static String of(Ring ring) {
    List<TransferLink> transfers = ring.evidence().transfers();
    if (!transfers.isEmpty()) {
      String ids =
          transfers.stream()
              .limit(MAX_IDS)
              .map(t -> quote(t.txId()))
              .collect(Collectors.joining(","));
      return "g.E().has('"
          + TX_ID
          + "',within("
          + ids
          + ")).hasLabel('"
          + TRANSFERS
          + "').project('from','to','amount','ts').by(outV().values('"
          + ACCOUNT_ID
          + "')).by(inV().values('"
          + ACCOUNT_ID
          + "')).by('"
          + AMOUNT
          + "').by('"
          + TS
          + "')";
    }
    List<IdentifierEvidence> identifiers = ring.evidence().identifiers();
    String members =
        ring.memberIds().stream()
            .limit(MAX_IDS)
            .map(a -> quote(a.value()))
            .collect(Collectors.joining(","));
    if (!identifiers.isEmpty() && identifiers.get(0).identifier().kind().name().equals("DEVICE")) {
      return "g.V().has('"
          + DEVICE
          + "','"
          + DEVICE_ID
          + "',"
          + quote(identifiers.get(0).identifier().value())
          + ").in('"
          + USES
          + "').has('"
          + ACCOUNT_ID
          + "',within("
          + members
          + ")).values('"
          + ACCOUNT_ID
          + "')";
    }
    if (!identifiers.isEmpty() && identifiers.get(0).identifier().kind().name().equals("IP")) {
      return "g.V().has('"
          + IP
          + "','"
          + ADDRESS
          + "',"
          + quote(identifiers.get(0).identifier().value())
          + ").in('"
          + CONNECTS_FROM
          + "').has('"
          + ACCOUNT_ID
          + "',within("
          + members
          + ")).values('"
          + ACCOUNT_ID
          + "')";
    }
    if (!identifiers.isEmpty() && identifiers.get(0).identifier().kind().isIdentity()) {
      return "g.V().has('"
          + IDENTITY
          + "','"
          + IDENTITY_ID
          + "',"
          + quote(identifiers.get(0).identifier().toString())
          + ").in('"
          + HAS_IDENTITY
          + "').has('"
          + ACCOUNT_ID
          + "',within("
          + members
          + ")).values('"
          + ACCOUNT_ID
          + "')";
    }
    return "g.V().has('"
        + ACCOUNT
        + "','"
        + ACCOUNT_ID
        + "',within("
        + members
        + ")).out('"
        + USES
        + "','"
        + CONNECTS_FROM
        + "').where(in('"
        + USES
        + "','"
        + CONNECTS_FROM
        + "').count().is(gt(1))).dedup().valueMap()";
  }

  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
