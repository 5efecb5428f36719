package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.rings.IdentifierEvidence;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import io.ringwatch.detectors.rings.SharedIdentifier;
import io.ringwatch.detectors.rings.TransferLink;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import javax.script.Bindings;
import javax.script.ScriptException;
import org.apache.tinkerpop.gremlin.groovy.jsr223.GremlinGroovyScriptEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evidence text of a ring runs as it is on a console's {@code g} and shows the evidence. */
class EvidenceTraversalsTest {

  private RingwatchGraph graph;
  private final GremlinGroovyScriptEngine groovy = new GremlinGroovyScriptEngine();

  @BeforeEach
  void givenTheMixedBatch() {
    // a1 and a2 share d1; a2 and a1 share 10.0.0.2; transfers t4 a1 -> a3 and t5 a3 -> a2
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    graph.writer().write(mixedBatch());
  }

  @AfterEach
  void closeGraph() {
    graph.janusGraph().tx().rollback();
    graph.close();
  }

  private static Ring ring(RingEvidence evidence, String... members) {
    return new Ring(
        RingId.of("R-e"),
        RingKind.COMMUNITY,
        RingStatus.ACTIVE,
        0.9,
        java.util.Arrays.stream(members)
            .map(m -> new Membership(AccountId.of(m), MemberRole.MEMBER, T0, null))
            .toList(),
        List.of(),
        T0,
        T0,
        evidence);
  }

  @SuppressWarnings("unchecked")
  private List<Object> run(String text) throws ScriptException {
    Bindings bindings = groovy.createBindings();
    bindings.put("g", graph.traversal());
    return ((org.apache.tinkerpop.gremlin.process.traversal.Traversal<?, Object>)
            groovy.eval(text, bindings))
        .toList();
  }

  @Test
  void shouldListTheMembersOnTheMostSharedDevice() throws Exception {
    Ring ring =
        ring(
            new RingEvidence(
                List.of(new IdentifierEvidence(SharedIdentifier.device("d1"), 2, 2)),
                List.of(),
                Map.of()),
            "a1",
            "a2");

    String text = EvidenceTraversals.of(ring);

    assertThat(text).startsWith("g.V()").contains("\"d1\"");
    assertThat(run(text)).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void shouldListTheTransfersOfAMoneyRingWithTheirEnds() throws Exception {
    Ring ring =
        ring(
            new RingEvidence(
                List.of(),
                List.of(
                    new TransferLink(
                        "t4", AccountId.of("a1"), AccountId.of("a3"), BigDecimal.TEN, T0)),
                Map.of()),
            "a1",
            "a3");

    List<Object> rows = run(EvidenceTraversals.of(ring));

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).toString()).contains("from=a1").contains("to=a3");
  }

  @Test
  void shouldQuoteValuesSoThatAnIdCannotEscapeItsString() throws Exception {
    Ring ring =
        ring(
            new RingEvidence(
                List.of(new IdentifierEvidence(SharedIdentifier.ip("10.0.0.2"), 2, 2)),
                List.of(),
                Map.of()),
            "a1",
            "x\"); g.V().drop(); (\"");

    assertThat(run(EvidenceTraversals.of(ring))).containsExactly("a1");
    assertThat(graph.traversal().V().count().next()).as("nothing dropped").isPositive();
  }

  @Test
  void shouldListTheIdentifiersTheMembersShareWhenNoDeviceOrIpLeads() throws Exception {
    List<Object> rows = run(EvidenceTraversals.of(ring(RingEvidence.none(), "a1", "a2")));

    assertThat(rows).isNotEmpty();
  }
}
