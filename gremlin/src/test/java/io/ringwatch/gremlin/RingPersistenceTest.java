package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.T0;
import static io.ringwatch.gremlin.Transactions.aPayment;
import static io.ringwatch.gremlin.Transactions.aTransfer;
import static io.ringwatch.gremlin.Transactions.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.MemberRole;
import io.ringwatch.detectors.rings.Membership;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingChange;
import io.ringwatch.detectors.rings.RingEventType;
import io.ringwatch.detectors.rings.RingEvidence;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingKind;
import io.ringwatch.detectors.rings.RingStatus;
import io.ringwatch.detectors.rings.SharedIdentifier;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.T;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphFactory;
import org.janusgraph.core.Multiplicity;
import org.janusgraph.core.schema.JanusGraphManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ring vertices and memberships written and read back, and the projection rebuilt from a graph. */
class RingPersistenceTest {
  private static final Instant T1 = T0.plusSeconds(3600);

  private final RingwatchGraph graph = RingwatchGraph.open(GraphSettings.inMemory());

  @AfterEach
  void close() {
    graph.close();
  }

  @Test
  void shouldReadBackAStoredRingWithItsMembersOnceEvenWhenWrittenTwice() {
    // given a ring of three
    Ring ring = ring("ring-000007", RingStatus.ACTIVE, List.of("A-1", "A-2", "A-3"), List.of());

    // when it is written twice (a retried or repeated write)
    graph.ringWriter().write(List.of(ring));
    graph.ringWriter().write(List.of(ring));

    // then the graph holds one ring vertex and three memberships, and reads back the same ring
    GraphCounts counts = graph.queries().counts();
    assertThat(counts.vertices()).containsEntry(Schema.RING, 1L);
    assertThat(counts.edges()).containsEntry(Schema.MEMBER_OF, 3L);
    Ring read = graph.ringQueries().rings().get(0);
    assertThat(read.id()).isEqualTo(RingId.of("ring-000007"));
    assertThat(read.kind()).isEqualTo(RingKind.TRANSFER_LOOP);
    assertThat(read.status()).isEqualTo(RingStatus.ACTIVE);
    assertThat(read.score()).isEqualTo(0.73);
    assertThat(read.members()).isEqualTo(ring.members());
    assertThat(read.firstSeen()).isEqualTo(T0);
    assertThat(read.lastChanged()).isEqualTo(T1);
  }

  @Test
  void shouldKeepAMemberWhoLeftAsFormerWithTheTimeItLeft() {
    // given a ring of three, stored
    graph
        .ringWriter()
        .write(
            List.of(
                ring("ring-000001", RingStatus.ACTIVE, List.of("A-1", "A-2", "A-3"), List.of())));

    // when A-3 leaves and the ring is later dissolved
    graph
        .ringWriter()
        .write(
            List.of(ring("ring-000001", RingStatus.ACTIVE, List.of("A-1", "A-2"), List.of("A-3"))));
    graph
        .ringWriter()
        .write(
            List.of(
                ring(
                    "ring-000001", RingStatus.DISSOLVED, List.of(), List.of("A-1", "A-2", "A-3"))));

    // then A-3's membership is former, with until, and the ring reads back dissolved
    List<RingMembershipRecord> of3 = graph.ringQueries().memberships(AccountId.of("A-3"));
    assertThat(of3)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.ringId()).isEqualTo("ring-000001");
              assertThat(m.status()).isEqualTo("former");
              assertThat(m.until()).isEqualTo(T1);
              assertThat(m.ringStatus()).isEqualTo("DISSOLVED");
            });
    Ring read = graph.ringQueries().rings().get(0);
    assertThat(read.members()).isEmpty();
    assertThat(read.former()).extracting(Membership::account).hasSize(3);
    assertThat(graph.queries().counts().edges()).containsEntry(Schema.MEMBER_OF, 3L);
  }

  @Test
  void shouldTurnAFormerMemberCurrentAgainWhenItRejoins() {
    graph
        .ringWriter()
        .write(
            List.of(ring("ring-000002", RingStatus.ACTIVE, List.of("A-1", "A-2"), List.of("A-3"))));

    graph
        .ringWriter()
        .write(
            List.of(
                ring("ring-000002", RingStatus.ACTIVE, List.of("A-1", "A-2", "A-3"), List.of())));

    assertThat(graph.ringQueries().memberships(AccountId.of("A-3")))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("current");
              assertThat(m.until()).isNull();
            });
  }

  @Test
  void shouldKeepEveryLifecycleEventOfARingInOrderAcrossWrites() {
    // given a ring born, then grown, written in two passes (the second write repeats the ring)
    Ring born = ring("ring-000003", RingStatus.ACTIVE, List.of("A-1", "A-2"), List.of());
    Ring grown = ring("ring-000003", RingStatus.ACTIVE, List.of("A-1", "A-2", "A-3"), List.of());
    RingChange newEvent =
        new RingChange(
            born.id(),
            RingEventType.NEW,
            T0,
            0.61,
            2,
            List.of(),
            Set.of(AccountId.of("A-1"), AccountId.of("A-2")),
            Set.of());
    RingChange grewEvent =
        new RingChange(
            born.id(),
            RingEventType.GREW,
            T1,
            0.73,
            3,
            List.of(RingId.of("ring-000009")),
            Set.of(AccountId.of("A-3")),
            Set.of());
    graph.ringWriter().write(List.of(born), List.of(newEvent));
    graph.ringWriter().write(List.of(grown), List.of(grewEvent));

    // when the history is read back (as after a restart: nothing but the graph)
    List<RingChange> history = graph.ringQueries().history(born.id());

    // then both events come back whole, oldest first, and another ring has none
    assertThat(history).containsExactly(newEvent, grewEvent);
    assertThat(graph.ringQueries().history(RingId.of("ring-000004"))).isEmpty();
    assertThat(graph.queries().counts().vertices()).containsEntry(Schema.RING_EVENT, 2L);
  }

  @Test
  void shouldRebuildTheProjectionWithTheRingRiskOfStoredDecisions() {
    // given R-1's payment stored as a BLOCK reporting risk 0.8, A-2's as an APPROVE reporting none
    graph
        .writer()
        .write(
            List.of(aPayment("d1", "R-1", "m1").build(), aPayment("d2", "A-2", "m1").build()),
            Map.of(
                TransactionId.of("d1"), new StoredDecision("BLOCK", 800, "{}", 0.8),
                TransactionId.of("d2"), new StoredDecision("APPROVE", 300, "{}")));

    // when the projection is rebuilt from the graph
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    graph.ringQueries().loadProjection(projection);

    // then R-1 has the risk the live tracker was told, A-2 none
    assertThat(projection.activity(AccountId.of("R-1")).maxScore()).isEqualTo(0.8);
    assertThat(projection.activity(AccountId.of("A-2")).maxScore()).isZero();
  }

  @Test
  void shouldRebuildTheProjectionWithDevicesCardsTransfersAndFraudLabels() {
    // given stored transactions: X-1..X-3 share device dx, X-1 and X-2 a card, X-1 pays X-2
    List<Transaction> stored =
        List.of(
            aPayment("p1", "X-1", "m1")
                .device(device("dx"))
                .card(CardId.of("c9"))
                .fraudLabel(true)
                .build(),
            aPayment("p2", "X-2", "m1").device(device("dx")).card(CardId.of("c9")).build(),
            aPayment("p3", "X-3", "m2").device(device("dx")).build(),
            aTransfer("t1", "X-1", "X-2").build());
    graph.writer().write(stored);

    // when the projection is rebuilt from the graph
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    RingQueries.LoadResult result = graph.ringQueries().loadProjection(projection);

    // then it links the accounts as the live projection did, labels included
    assertThat(result.accounts()).isEqualTo(3);
    assertThat(result.transactions()).isEqualTo(4);
    assertThat(projection.users(SharedIdentifier.device("dx")))
        .containsExactlyInAnyOrder(AccountId.of("X-1"), AccountId.of("X-2"), AccountId.of("X-3"));
    assertThat(projection.users(SharedIdentifier.card("c9")))
        .containsExactlyInAnyOrder(AccountId.of("X-1"), AccountId.of("X-2"));
    assertThat(projection.transfersFrom(AccountId.of("X-1")))
        .singleElement()
        .satisfies(t -> assertThat(t.to()).isEqualTo(AccountId.of("X-2")));
    assertThat(projection.activity(AccountId.of("X-1")).fraudLabelled()).isEqualTo(1);
    assertThat(projection.activity(AccountId.of("X-2")).fraudLabelled()).isZero();
    // and a Kafka replay of a stored transaction after the restart is not counted again
    assertThat(projection.add(stored.get(0))).isFalse();
  }

  @Test
  void shouldWriteIdentityDocumentsAsVerticesAndRebuildTheProjectionWithThem() {
    // given: I-1 and I-2 opened on one SSN (written two ways), I-2 and I-3 on one phone
    List<Transaction> stored =
        List.of(
            aPayment("i1", "I-1", "m1")
                .identity(new Identity("123-45-6789", "ivy@mail.test", null))
                .build(),
            aPayment("i2", "I-2", "m1")
                .identity(new Identity("123456789", null, "555-0101"))
                .build(),
            aPayment("i3", "I-3", "m2").identity(new Identity(null, null, "555 0101")).build(),
            // the same holder paying again: one has_identity edge per account and document
            aPayment("i4", "I-1", "m2")
                .identity(new Identity("123-45-6789", "ivy@mail.test", null))
                .build());
    graph.writer().write(stored);

    // then each document is one identity vertex with its kind, linked once per account
    var g = graph.janusGraph().traversal();
    assertThat(g.V().hasLabel(Schema.IDENTITY).values(Schema.IDENTITY_ID).toList())
        .containsExactlyInAnyOrder("ssn:123456789", "email:ivy@mail.test", "phone:5550101");
    assertThat(
            g.V()
                .has(Schema.IDENTITY, Schema.IDENTITY_ID, "ssn:123456789")
                .values(Schema.KIND)
                .next())
        .isEqualTo("SSN");
    assertThat(
            g.V()
                .has(Schema.ACCOUNT, Schema.ACCOUNT_ID, "I-1")
                .outE(Schema.HAS_IDENTITY)
                .values(Schema.COUNT)
                .toList())
        .containsExactly(2L, 2L);
    g.tx().rollback();

    // when the projection is rebuilt from the graph
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    RingQueries.LoadResult result = graph.ringQueries().loadProjection(projection);

    // then the documents link the accounts as the live projection did
    assertThat(result.identifierUses()).isEqualTo(5);
    assertThat(projection.users(SharedIdentifier.ssn("123456789")))
        .containsExactlyInAnyOrder(AccountId.of("I-1"), AccountId.of("I-2"));
    assertThat(projection.users(SharedIdentifier.phone("5550101")))
        .containsExactlyInAnyOrder(AccountId.of("I-2"), AccountId.of("I-3"));
    assertThat(projection.component(AccountId.of("I-1")))
        .containsExactlyInAnyOrder(AccountId.of("I-1"), AccountId.of("I-2"), AccountId.of("I-3"));
  }

  @Test
  void shouldUpgradeAGraphWhoseRingSchemaPredatesKindsAndFormerMembers() {
    // given a graph created by the previous version: ring without kind, member_of without until
    JanusGraph old =
        JanusGraphFactory.build()
            .set("storage.backend", "inmemory")
            .set("schema.default", "none")
            .set("schema.constraints", true)
            .open();
    try {
      JanusGraphManagement mgmt = old.openManagement();
      for (String key : List.of(Schema.ACCOUNT_ID, Schema.RING_ID, Schema.STATUS, Schema.ROLE)) {
        mgmt.makePropertyKey(key).dataType(String.class).make();
      }
      mgmt.makePropertyKey(Schema.SCORE).dataType(Double.class).make();
      for (String key : List.of(Schema.FIRST_SEEN, Schema.LAST_CHANGED, Schema.SINCE)) {
        mgmt.makePropertyKey(key).dataType(Date.class).make();
      }
      var account = mgmt.makeVertexLabel(Schema.ACCOUNT).make();
      mgmt.addProperties(account, mgmt.getPropertyKey(Schema.ACCOUNT_ID));
      var ringLabel = mgmt.makeVertexLabel(Schema.RING).make();
      mgmt.addProperties(
          ringLabel,
          mgmt.getPropertyKey(Schema.RING_ID),
          mgmt.getPropertyKey(Schema.SCORE),
          mgmt.getPropertyKey(Schema.STATUS),
          mgmt.getPropertyKey(Schema.FIRST_SEEN),
          mgmt.getPropertyKey(Schema.LAST_CHANGED));
      var memberOf = mgmt.makeEdgeLabel(Schema.MEMBER_OF).multiplicity(Multiplicity.SIMPLE).make();
      mgmt.addProperties(
          memberOf, mgmt.getPropertyKey(Schema.SINCE), mgmt.getPropertyKey(Schema.ROLE));
      mgmt.addConnection(memberOf, account, ringLabel);
      // The previous version created its id indexes together with their keys, as now.
      mgmt.buildIndex(Schema.BY_ACCOUNT_ID, org.apache.tinkerpop.gremlin.structure.Vertex.class)
          .addKey(mgmt.getPropertyKey(Schema.ACCOUNT_ID))
          .indexOnly(account)
          .unique()
          .buildCompositeIndex();
      mgmt.buildIndex(Schema.BY_RING_ID, org.apache.tinkerpop.gremlin.structure.Vertex.class)
          .addKey(mgmt.getPropertyKey(Schema.RING_ID))
          .indexOnly(ringLabel)
          .unique()
          .buildCompositeIndex();
      mgmt.commit();
      old.addVertex(T.label, Schema.RING, Schema.RING_ID, "ring-000001");
      old.tx().commit();

      // when the current schema is installed over it
      assertThat(SchemaInstaller.install(old)).isTrue();

      // then rings with a kind and former members can be written and read
      new RingWriter(old, new Object())
          .write(
              List.of(
                  ring("ring-000001", RingStatus.ACTIVE, List.of("A-1", "A-2"), List.of("A-3"))));
      assertThat(new RingQueries(old).memberships(AccountId.of("A-3")))
          .singleElement()
          .satisfies(m -> assertThat(m.kind()).isEqualTo("TRANSFER_LOOP"));
      // and lifecycle events, which that version kept in memory only, are stored and read back
      RingChange dissolved =
          new RingChange(
              RingId.of("ring-000001"),
              RingEventType.DISSOLVED,
              T1,
              0.73,
              0,
              List.of(),
              Set.of(),
              Set.of(AccountId.of("A-1"), AccountId.of("A-2")));
      new RingWriter(old, new Object())
          .write(
              List.of(
                  ring(
                      "ring-000001",
                      RingStatus.DISSOLVED,
                      List.of(),
                      List.of("A-1", "A-2", "A-3"))),
              List.of(dissolved));
      assertThat(new RingQueries(old).history(RingId.of("ring-000001"))).containsExactly(dissolved);
      // and identity documents, which that version did not know, can be written and read back
      new TransactionWriter(old)
          .write(
              List.of(
                  aPayment("u1", "A-9", "m1")
                      .identity(new Identity("123-45-6789", null, null))
                      .build()));
      AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
      new RingQueries(old).loadProjection(projection);
      assertThat(projection.identifiersOf(AccountId.of("A-9")))
          .containsExactly(SharedIdentifier.ssn("123456789"));
      assertThat(SchemaInstaller.install(old)).isFalse();
    } finally {
      old.close();
    }
  }

  private static Ring ring(
      String id, RingStatus status, List<String> members, List<String> former) {
    return new Ring(
        RingId.of(id),
        RingKind.TRANSFER_LOOP,
        status,
        0.73,
        members.stream()
            .map(a -> new Membership(AccountId.of(a), MemberRole.HOP, T0, null))
            .toList(),
        former.stream().map(a -> new Membership(AccountId.of(a), MemberRole.HOP, T0, T1)).toList(),
        T0,
        T1,
        RingEvidence.none());
  }
}
