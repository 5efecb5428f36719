package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.*;
import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.io.File;
import java.util.List;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.io.binary.TypeSerializerRegistry;
import org.apache.tinkerpop.gremlin.structure.io.graphson.GraphSONMapper;
import org.apache.tinkerpop.gremlin.structure.io.graphson.GraphSONVersion;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3;
import org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedGremlinServerTest {

  private static RingwatchGraph graph;
  private static EmbeddedGremlinServer server;
  private static Cluster cluster;

  @BeforeAll
  static void startServerOverAGraphWithTheMixedBatch() {
    graph = RingwatchGraph.open(GraphSettings.inMemory());
    graph.writer().write(mixedBatch());
    server = EmbeddedGremlinServer.start(graph.janusGraph(), "localhost", 0);
    cluster =
        Cluster.build("localhost")
            .port(server.port())
            .serializer(
                new GraphBinaryMessageSerializerV1(
                    TypeSerializerRegistry.build()
                        .addRegistry(JanusGraphIoRegistry.instance())
                        .create()))
            .create();
  }

  @AfterAll
  static void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
    if (server != null) {
      server.close();
    }
    if (graph != null) {
      graph.close();
    }
  }

  @Test
  void shouldListenOnTheFreePortItPicked() {
    assertThat(server.port()).isPositive();
  }

  @Test
  void shouldAnswerABytecodeTraversalOverTheWrittenGraph() throws Exception {
    GraphTraversalSource g = traversal().withRemote(DriverRemoteConnection.using(cluster, "g"));
    try {
      List<Object> merchants =
          g.V()
              .has(Schema.ACCOUNT, Schema.ACCOUNT_ID, "a1")
              .out(Schema.PAYS)
              .values(Schema.MERCHANT_ID)
              .order()
              .toList();
      Object edgeId = g.E().has(Schema.TX_ID, "t4").id().next();

      assertThat(merchants).containsExactly("m1", "m2");
      // a JanusGraph RelationIdentifier only deserialises with the JanusGraph IoRegistry
      assertThat(edgeId.getClass().getName())
          .isEqualTo("org.janusgraph.graphdb.relations.RelationIdentifier");
    } finally {
      g.close();
    }
  }

  @Test
  void shouldAnswerAGroovyScriptWithGBoundToTheSameGraph() {
    Client client = cluster.connect();
    try {
      long accounts = client.submit("g.V().hasLabel('account').count()").one().getLong();
      long transfers =
          client.submit("graph.traversal().E().hasLabel('transfers').count()").one().getLong();

      // the mixed batch's three accounts, plus any another test added: the same graph either way
      assertThat(accounts)
          .isGreaterThanOrEqualTo(3)
          .isEqualTo(graph.queries().counts().vertices(Schema.ACCOUNT));
      assertThat(transfers).isEqualTo(2);
    } finally {
      client.close();
    }
  }

  @Test
  void shouldAnswerAGroovyScriptThatUsesTheFraudDslBoundServerSide() {
    Client client = cluster.connect();
    try {
      List<Object> sharers =
          client
              .submit("fraud.account('a1').sharingDevice().values('accountId')")
              .all()
              .join()
              .stream()
              .map(r -> r.getObject())
              .toList();
      String path =
          client
              .submit(
                  "fraud.account('a2').pathTo('a3', 4)"
                      + ".by(io.ringwatch.gremlin.dsl.__.naturalId()).next().objects().join(',')")
              .one()
              .getString();

      assertThat(sharers).containsExactly("a2");
      assertThat(path).startsWith("a2,").endsWith(",a3");
    } finally {
      client.close();
    }
  }

  @Test
  void shouldServeTheFraudSourceToBytecodeUnderItsOwnName() throws Exception {
    FraudTraversalSource fraud =
        traversal(FraudTraversalSource.class)
            .withRemote(DriverRemoteConnection.using(cluster, EmbeddedGremlinServer.FRAUD_SOURCE));
    try {
      assertThat(fraud.device("d1").accounts().values(Schema.ACCOUNT_ID).order().toList())
          .containsExactly("a1", "a2");
    } finally {
      fraud.close();
    }
  }

  @Test
  void shouldServeGraphSonV3WithTheJanusGraphIoRegistry() {
    // the Builder constructor adds the request/response message module to the mapper
    GraphSONMapper.Builder mapper =
        GraphSONMapper.build()
            .version(GraphSONVersion.V3_0)
            .addRegistry(JanusGraphIoRegistry.instance());
    Cluster graphSon =
        Cluster.build("localhost")
            .port(server.port())
            .serializer(new GraphSONMessageSerializerV3(mapper))
            .create();
    try {
      Client client = graphSon.connect();
      Object edgeId = client.submit("g.E().has('txId', 't1').id()").one().getObject();

      assertThat(edgeId.getClass().getName())
          .isEqualTo("org.janusgraph.graphdb.relations.RelationIdentifier");
    } finally {
      graphSon.close();
    }
  }

  @Test
  void shouldServeAClientConfiguredFromTheConsolesRemoteYaml() throws Exception {
    // given the console's remote config, pointed at this test's port instead of 8182
    Cluster.Builder fromYaml = Cluster.build(new File("conf/remote.yaml"));
    Cluster asShipped = fromYaml.create();
    assertThat(asShipped.getPort()).isEqualTo(8182);
    asShipped.close();
    Cluster console = fromYaml.port(server.port()).create();
    try {
      // when
      Object edgeId = console.connect().submit("g.E().has('txId', 't4').id()").one().getObject();

      // then a JanusGraph id came back typed: the config carries the JanusGraph IoRegistry
      assertThat(edgeId.getClass().getName())
          .isEqualTo("org.janusgraph.graphdb.relations.RelationIdentifier");
    } finally {
      console.close();
    }
  }

  @Test
  void shouldLetTheGraphsOwnerFinishItsWritesBeforeTheServerClosesAnything() {
    // given a server whose owner asks to be told before the graph closes
    java.util.concurrent.atomic.AtomicBoolean openWhenTold =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger told =
        new java.util.concurrent.atomic.AtomicInteger();
    EmbeddedGremlinServer second =
        EmbeddedGremlinServer.start(
            graph.janusGraph(),
            "localhost",
            0,
            () -> {
              told.incrementAndGet();
              openWhenTold.set(graph.janusGraph().isOpen());
            });

    // when the server stops (as its own JVM shutdown hook makes it do)
    second.close();

    // then the owner was told once, while the graph was still open
    assertThat(told).hasValue(1);
    assertThat(openWhenTold).isTrue();
  }

  @Test
  void shouldLeaveTheGraphOpenWhenTheServerStops() {
    // given a second server over the same graph
    EmbeddedGremlinServer second = EmbeddedGremlinServer.start(graph.janusGraph(), "localhost", 0);
    assertThat(second.port()).isNotEqualTo(server.port());

    // when
    second.close();

    // then the graph still takes writes and the first server still answers
    assertThat(graph.janusGraph().isOpen()).isTrue();
    graph.writer().write(List.of(aPayment("after-stop", "after-stop-account", "m1").build()));
    Client client = cluster.connect();
    try {
      assertThat(client.submit("g.E().has('txId', 'after-stop').count()").one().getLong())
          .isEqualTo(1);
    } finally {
      client.close();
    }
  }

  @Test
  void shouldSeeTransactionsWrittenAfterTheServerStarted() {
    graph.writer().write(List.of(aPayment("late-1", "late-account", "m1").build()));

    Client client = cluster.connect();
    try {
      long late =
          client
              .submit("g.V().has('account', 'accountId', 'late-account').count()")
              .one()
              .getLong();
      assertThat(late).isEqualTo(1);
    } finally {
      client.close();
    }
  }
}
