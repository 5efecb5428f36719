package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.detectors.rings.IdentifierEvidence;
import io.ringwatch.detectors.rings.IdentifierKind;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.TransferLink;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import io.ringwatch.gremlin.dsl.__;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.translator.GroovyTranslator;
import org.apache.tinkerpop.gremlin.structure.util.empty.EmptyGraph;

/**
 * Gremlin Console text that reproduces a ring's evidence, for ring alerts and REST answers. Each is
 * a fraud-DSL traversal, built here and translated from its bytecode to Groovy by TinkerPop's
 * {@link GroovyTranslator} for the source {@code g}: plain Gremlin (the DSL's steps expand to
 * standard steps) that runs as it is on the console's {@code g}, with every value quoted and
 * escaped by the translator. Ringwatch never runs the text itself.
 */
public final class EvidenceTraversals {
  private static final int MAX_IDS = 50;

  /** Builds traversals only: never iterated, so an empty graph serves. */
  private static final FraudTraversalSource FRAUD =
      EmptyGraph.instance().traversal(FraudTraversalSource.class);

  private static final GroovyTranslator GROOVY = GroovyTranslator.of("g");

  private EvidenceTraversals() {}

  /**
   * For transfers: the transfer edges by transaction id with their ends, amounts and times; for a
   * shared device or IP: the members using the most shared identifier; otherwise the identifiers
   * the members share with anyone.
   */
  public static String of(Ring ring) {
    List<TransferLink> transfers = ring.evidence().transfers();
    if (!transfers.isEmpty()) {
      Object[] ids = transfers.stream().limit(MAX_IDS).map(TransferLink::txId).toArray();
      return groovy(
          FRAUD.E()
              .has(TX_ID, P.within(ids))
              .hasLabel(TRANSFERS)
              .project("from", "to", AMOUNT, TS)
              .by(__.outV().values(ACCOUNT_ID))
              .by(__.inV().values(ACCOUNT_ID))
              .by(AMOUNT)
              .by(TS));
    }
    Object[] members = ring.memberIds().stream().limit(MAX_IDS).map(a -> a.value()).toArray();
    List<IdentifierEvidence> identifiers = ring.evidence().identifiers();
    IdentifierKind kind = identifiers.isEmpty() ? null : identifiers.get(0).identifier().kind();
    if (kind == IdentifierKind.DEVICE || kind == IdentifierKind.IP) {
      String value = identifiers.get(0).identifier().value();
      return groovy(
          (kind == IdentifierKind.DEVICE ? FRAUD.device(value) : FRAUD.ip(value))
              .users()
              .has(ACCOUNT_ID, P.within(members))
              .values(ACCOUNT_ID));
    }
    if (kind != null && kind.isIdentity()) {
      return groovy(
          FRAUD.V()
              .has(IDENTITY, IDENTITY_ID, identifiers.get(0).identifier().toString())
              .in(HAS_IDENTITY)
              .has(ACCOUNT_ID, P.within(members))
              .values(ACCOUNT_ID));
    }
    return groovy(FRAUD.account(toStrings(members)).sharedIdentifiers().dedup().valueMap());
  }

  private static String[] toStrings(Object[] values) {
    String[] strings = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      strings[i] = (String) values[i];
    }
    return strings;
  }

  private static String groovy(Traversal<?, ?> traversal) {
    return GROOVY.translate(traversal.asAdmin().getBytecode()).getScript();
  }
}
