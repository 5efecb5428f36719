package io.ringwatch.service.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.GraphFeatureLookup;
import io.ringwatch.gremlin.JanusGraphFeatureLookup;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.testkit.DetectedEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ringwatch.scoring.graph-features=graph}: the scorer reads its graph features from
 * JanusGraph.
 */
@QuarkusTest
@TestProfile(GraphFeaturesFromTheGraphTest.GraphFeatures.class)
class GraphFeaturesFromTheGraphTest {

  /** The service with graph-backed features. */
  public static class GraphFeatures implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ringwatch.scoring.graph-features", "graph");
    }
  }

  @Inject GraphFeatureLookup lookup;
  @Inject RingwatchGraph graph;
  @Inject @Any InMemoryConnector connector;

  private static String onDevice(String id, String account, String device) {
    return """
        {"transaction_id":"%s","account_id":"%s","amount":"25.00","timestamp":"%s",
         "merchant_id":"M-g","device_id":"%s","channel":"CARD"}"""
        .formatted(id, account, Instant.parse("2026-11-03T08:00:00Z"), device);
  }

  @Test
  void shouldScoreFromTheGraphWithItsDatabaseCacheOnAndForgetWhatWasCommitted() {
    // given two accounts that paid from one device through /detect (scored, then written behind)
    for (String[] event : new String[][] {{"gf-1", "GF-A"}, {"gf-2", "GF-B"}}) {
      given()
          .contentType(ContentType.JSON)
          .body(onDevice(event[0], event[1], "D-gf"))
          .post("/detect")
          .then()
          .statusCode(200);
    }

    DetectedEvents.deliver(connector);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> graph.queries().transaction(TransactionId.of("gf-2")).isPresent());

    // when a third account on that device is looked up
    Transaction third =
        Transaction.builder()
            .id("gf-3")
            .account("GF-C")
            .amount("10.00")
            .currency("EUR")
            .timestamp(Instant.parse("2026-11-03T08:05:00Z"))
            .device(DeviceId.of("D-gf"))
            .channel(io.ringwatch.detectors.domain.Channel.CARD)
            .build();

    // then the graph-backed lookup answers from the two committed events plus the third itself
    assertThat(lookup).isInstanceOf(JanusGraphFeatureLookup.class);
    assertThat(((JanusGraphFeatureLookup) lookup).pendingEvents()).isZero();
    assertThat(lookup.lookup(third).accountsSharingDevice()).isEqualTo(3);
    assertThat(graph.janusGraph().configuration().getBoolean("cache.db-cache")).isTrue();
  }
}
