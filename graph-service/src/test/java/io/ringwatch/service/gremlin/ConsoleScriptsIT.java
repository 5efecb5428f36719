package io.ringwatch.service.gremlin;

import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import io.ringwatch.service.testkit.GremlinConsole;
import io.ringwatch.service.testkit.KafkaBroker;
import io.ringwatch.service.testkit.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.structure.io.binary.TypeSerializerRegistry;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped console scripts ({@code gremlin/scripts/}) run through the stock Gremlin Console with
 * the fraud DSL against a running service, and the DSL used remotely from gremlin-driver. The
 * service is fed a purposeful fixture over Kafka, stamped within the last hour:
 *
 * <pre>
 *   F-1, F-2, F-3 share device D-SHARED; F-3 and F-4 share IP 10.9.9.9; F-4 alone on D-ALONE
 *   transfers F-1 -100-> F-2 -90-> F-3 -80-> F-1 (a loop of three), F-3 -40-> F-5
 * </pre>
 */
class ConsoleScriptsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPTS =
      Path.of("..", "gremlin", "scripts").toAbsolutePath().normalize();

  @TempDir static Path storage;
  private static KafkaBroker broker;
  private static ServiceProcess service;
  private static GremlinConsole.ConsoleResult console;

  @BeforeAll
  static void givenARunningServiceWithASharedDeviceAndATransferLoop() throws Exception {
    broker = KafkaBroker.start();
    broker.createTopic("transactions", 4);
    broker.createTopic("transactions.dlq", 1);
    service = ServiceProcess.start(storage.resolve("graph"), broker.bootstrapServers(), Map.of());
    publish(fixture());
    awaitTransactions(8);
    awaitStoredRings(1);

    // when every shipped script runs in one console session, each with its parameters set
    Path session = storage.resolve("session.groovy");
    Files.write(
        session,
        List.of(
            "accountId = 'F-3'; []",
            ":load " + SCRIPTS.resolve("explain-account.groovy"),
            ":load " + SCRIPTS.resolve("top-rings.groovy"),
            "minAccounts = 2; []",
            ":load " + SCRIPTS.resolve("shared-devices.groovy"),
            ":load " + SCRIPTS.resolve("money-loops.groovy"),
            "fromAccount = 'F-4'; toAccount = 'F-1'; []",
            ":load " + SCRIPTS.resolve("path-between.groovy"),
            "fraud.account('F-1').sharingDevice().values('accountId').order()",
            // a script run by the server, with the server's own `fraud` binding
            ":> fraud.account('F-3').sharingIp().values('accountId').map{ 'server-side ' + it.get() }"),
        StandardCharsets.UTF_8);
    console =
        GremlinConsole.run(session, "127.0.0.1", service.gremlinPort(), Duration.ofSeconds(150));
    assertThat(console.succeeded()).as(console.stdout() + console.stderr()).isTrue();
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

  private static List<String> fixture() {
    Instant t = Instant.now().minus(Duration.ofHours(1));
    List<String> records = new ArrayList<>();
    records.add(payment("c1", "F-1", "M-1", "D-SHARED", "10.9.0.1", t));
    records.add(payment("c2", "F-2", "M-1", "D-SHARED", "10.9.0.2", t.plusSeconds(60)));
    records.add(payment("c3", "F-3", "M-2", "D-SHARED", "10.9.9.9", t.plusSeconds(120)));
    records.add(payment("c4", "F-4", "M-2", "D-ALONE", "10.9.9.9", t.plusSeconds(180)));
    records.add(transfer("c5", "F-1", "F-2", "100.00", "D-SHARED", "10.9.0.1", t.plusSeconds(240)));
    records.add(transfer("c6", "F-2", "F-3", "90.00", "D-SHARED", "10.9.0.2", t.plusSeconds(300)));
    records.add(transfer("c7", "F-3", "F-1", "80.00", "D-SHARED", "10.9.9.9", t.plusSeconds(360)));
    records.add(transfer("c8", "F-3", "F-5", "40.00", "D-SHARED", "10.9.9.9", t.plusSeconds(420)));
    return records;
  }

  private static String payment(
      String tx, String account, String merchant, String device, String ip, Instant ts) {
    return "{\"transaction_id\":\"%s\",\"account_id\":\"%s\",\"amount\":10.00,\"currency\":\"EUR\",\"timestamp\":\"%s\",\"merchant_id\":\"%s\",\"device_id\":\"%s\",\"ip\":\"%s\",\"channel\":\"card\"}"
        .formatted(tx, account, ts, merchant, device, ip);
  }

  private static String transfer(
      String tx, String from, String to, String amount, String device, String ip, Instant ts) {
    return "{\"transaction_id\":\"%s\",\"account_id\":\"%s\",\"counterparty_id\":\"%s\",\"amount\":%s,\"currency\":\"EUR\",\"timestamp\":\"%s\",\"device_id\":\"%s\",\"ip\":\"%s\",\"channel\":\"transfer\"}"
        .formatted(tx, from, to, amount, ts, device, ip);
  }

  private static void publish(List<String> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (String record : records) {
        String account = record.replaceAll(".*\"account_id\":\"([^\"]+)\".*", "$1");
        producer.send(new ProducerRecord<>("transactions", account, record));
      }
    }
  }

  private static void awaitTransactions(long expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    long stored = -1;
    while (Instant.now().isBefore(deadline)) {
      JsonNode stats = JSON.readTree(service.get("/graph/stats").body());
      stored =
          stats.get("edges").path("pays").asLong() + stats.get("edges").path("transfers").asLong();
      if (stored >= expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("graph holds " + stored + " of " + expected + " transactions");
  }

  /** Ring detection runs on a schedule and persists behind it: wait for the loop's ring vertex. */
  private static void awaitStoredRings(long expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    long rings = -1;
    while (Instant.now().isBefore(deadline)) {
      rings =
          JSON.readTree(service.get("/graph/stats").body()).get("vertices").path("ring").asLong();
      if (rings >= expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("graph holds " + rings + " of " + expected + " ring vertices");
  }

  private static List<String> lines() {
    return console.stdout().lines().map(String::strip).toList();
  }

  @Test
  void shouldExplainAnAccountWithItsSharedDeviceItsSharedIpAndItsMoney() {
    assertThat(lines())
        .contains(
            "account                        F-3",
            "devices                        D-SHARED",
            "ips                            10.9.9.9",
            "merchants                      M-2",
            "shares a device with           F-1, F-2",
            "shares an ip with              F-4",
            "shared identifiers             10.9.9.9, D-SHARED",
            "transfers out (1 day)          2",
            "money reaches (1 day, 3 hops)  F-1, F-2, F-5",
            "fan-in (1 day)                 1");
  }

  @Test
  void shouldListTheStoredRingOfTheTransferLoopWithItsMembersAndScore() {
    assertThat(lines()).contains("ring                    score  members  status", "(1 rings)");
    assertThat(lines()).anyMatch(line -> line.matches("ring-\\d+\\s+\\d\\.\\d{3}\\s+3\\s+ACTIVE"));
  }

  @Test
  void shouldListTheDeviceSharedByThreeAccounts() {
    assertThat(lines())
        .contains(
            "D-SHARED                        3  F-1, F-2, F-3",
            "(1 devices shared by more than 2 accounts)")
        .noneMatch(line -> line.startsWith("D-ALONE"));
  }

  @Test
  void shouldFindTheTransferLoopOfTheLastDayOnce() {
    List<String> loops =
        lines().stream().filter(line -> line.matches("3\\s+270\\.00\\s+.*")).toList();
    assertThat(loops).hasSize(1);
    assertThat(loops.get(0)).contains("F-1", "F-2", "F-3").doesNotContain("F-5");
    assertThat(lines()).contains("(1 loops in the last day)");
  }

  @Test
  void shouldPrintTheShortestPathBetweenTwoAccountsStepByStep() {
    assertThat(lines())
        .containsSubsequence(
            "step label    id",
            "0    account  F-4",
            "1    ip       10.9.9.9",
            "2    account  F-3",
            "3    account  F-1",
            "(3 hops from F-4 to F-1)");
  }

  @Test
  void shouldAnswerADslTraversalTypedInTheConsole() {
    assertThat(console.results()).containsSubsequence("F-2", "F-3");
  }

  @Test
  void shouldRunAScriptUsingTheFraudDslOnTheServer() {
    assertThat(console.results()).contains("server-side F-4");
  }

  @Test
  void shouldRunDslTraversalsSentAsBytecodeFromGremlinDriver() throws Exception {
    TypeSerializerRegistry registry =
        TypeSerializerRegistry.build().addRegistry(JanusGraphIoRegistry.instance()).create();
    Cluster cluster =
        Cluster.build("127.0.0.1")
            .port(service.gremlinPort())
            .serializer(new GraphBinaryMessageSerializerV1(registry))
            .create();
    try {
      FraudTraversalSource fraud =
          traversal(FraudTraversalSource.class)
              .withRemote(DriverRemoteConnection.using(cluster, "g"));

      assertThat(fraud.account("F-1").sharingDevice().values("accountId").order().toList())
          .containsExactly("F-2", "F-3");
      assertThat(fraud.account("F-3").sharingIp().values("accountId").toList())
          .containsExactly("F-4");
      assertThat(fraud.account("F-1").transferLoops(4, Duration.ofDays(1)).toList()).hasSize(1);
      assertThat(fraud.device("D-SHARED").accounts().count().next()).isEqualTo(3L);
      fraud.close();
    } finally {
      cluster.close();
    }
  }
}
