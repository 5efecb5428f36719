package io.ringwatch.service.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.service.ingest.KafkaIngestITSupport;
import io.ringwatch.service.testkit.GremlinConsole;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.io.binary.TypeSerializerRegistry;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's embedded Gremlin Server seen from outside: a gremlin-driver client (bytecode and
 * script) and the stock Gremlin Console run non-interactively, all against a running service that
 * took its data from Kafka.
 */
class GremlinAccessIT {
  @TempDir static Path storage;
  private static KafkaBroker broker;
  private static ServiceProcess service;
  private static long accounts;

  @BeforeAll
  static void givenARunningServiceWithData() throws Exception {
    broker = KafkaBroker.start();
    broker.createTopic("transactions", 4);
    broker.createTopic("transactions.dlq", 1);
    service = ServiceProcess.start(storage.resolve("graph"), broker.bootstrapServers(), Map.of());
    accounts = KafkaIngestITSupport.publishAndAwait(broker, service, 200, 11);
    assertThat(accounts).isPositive();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static Cluster cluster() {
    TypeSerializerRegistry registry =
        TypeSerializerRegistry.build().addRegistry(JanusGraphIoRegistry.instance()).create();
    return Cluster.build("127.0.0.1")
        .port(service.gremlinPort())
        .serializer(new GraphBinaryMessageSerializerV1(registry))
        .create();
  }

  @Test
  void shouldAnswerBytecodeTraversalsFromTheDriver() throws Exception {
    Cluster cluster = cluster();
    try {
      GraphTraversalSource g = traversal().withRemote(DriverRemoteConnection.using(cluster, "g"));
      assertThat(g.V().hasLabel("account").count().next()).isEqualTo(accounts);
      assertThat(g.V().has("account", "accountId", "A-1").out("uses").hasLabel("device").toList())
          .allSatisfy(device -> assertThat(device.label()).isEqualTo("device"));
      g.close();
    } finally {
      cluster.close();
    }
  }

  @Test
  void shouldAnswerScriptRequestsWithGBound() throws Exception {
    Cluster cluster = cluster();
    try {
      Client client = cluster.connect();
      long count = client.submit("g.V().hasLabel('account').count()").one().getLong();
      assertThat(count).isEqualTo(accounts);
      client.close();
    } finally {
      cluster.close();
    }
  }

  @Test
  void shouldRunAScriptInTheStockGremlinConsole() throws Exception {
    Path script = Files.createTempFile(storage, "count", ".groovy");
    Files.write(
        script,
        List.of(
            "g.V().hasLabel('account').count()",
            "g.V().hasLabel('account').has('accountId','A-1').values('accountId')"));

    GremlinConsole.ConsoleResult result =
        GremlinConsole.run(script, "127.0.0.1", service.gremlinPort(), Duration.ofSeconds(120));

    assertThat(result.succeeded()).as(result.stderr()).isTrue();
    assertThat(result.results()).containsExactly(Long.toString(accounts), "A-1");
  }
}
