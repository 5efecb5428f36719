package io.ringwatch.service.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.rings.RingService;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ring endpoints and ring alerts over the in-memory graph and in-memory messaging. */
@QuarkusTest
class RingApiTest {
  @Inject RingwatchGraph graph;
  @Inject RingTracker tracker;
  @Inject @Any InMemoryConnector connector;

  private static List<Transaction> deviceRing() {
    Instant t = Instant.parse("2026-11-02T10:00:00Z");
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      txs.add(
          Transaction.builder()
              .id("ring-api-" + i)
              .account("RA-" + i)
              .amount("99.00")
              .timestamp(t.plusSeconds(i))
              .merchant(MerchantId.of("M-ring"))
              .device(DeviceId.of("D-ring-api"))
              .fraudLabel(true)
              .build());
    }
    txs.add(
        Transaction.builder()
            .id("ring-api-lonely")
            .account("RA-lonely")
            .amount("5.00")
            .timestamp(t)
            .merchant(MerchantId.of("M-ring"))
            .build());
    return txs;
  }

  @Test
  void shouldNameTheRingOfAnAccountAndPublishAnAlertAfterARecompute() {
    // (the sink is shared by the application: the scheduler may publish before the recompute does)
    // given a labelled device ring written to the graph and folded into the tracker
    graph.writer().write(deviceRing());
    tracker.accept(deviceRing());
    var sink = connector.sink(RingService.RING_ALERTS);
    // when
    given().when().post("/rings/recompute").then().statusCode(200);
    // then the account names its ring, with role, evidence and a Gremlin traversal
    String ringId =
        given()
            .when()
            .get("/accounts/RA-2/ring")
            .then()
            .statusCode(200)
            .body("status", equalTo("member"))
            .body("ring.evidence.identifiers[0].value", equalTo("D-ring-api"))
            .body("ring.evidence.identifiers[0].members", equalTo(5))
            .body("ring.paths.via", hasItem("device"))
            .extract()
            .path("ring.ringId");
    assertThat(
            given()
                .get("/accounts/RA-2/ring")
                .then()
                .extract()
                .<String>path("ring.evidence.gremlin"))
        .contains("hasLabel(\"device\").has(\"deviceId\",\"D-ring-api\")");
    given()
        .get("/rings/" + ringId)
        .then()
        .statusCode(200)
        .body("members.size()", equalTo(5))
        .body("graph.nodes.size()", equalTo(6))
        .body("graph.edges.size()", equalTo(5));
    given()
        .get("/rings/" + ringId + "/history")
        .then()
        .statusCode(200)
        .body("[0].eventType", equalTo("NEW"));
    given()
        .get("/rings?minScore=0.5&status=active&limit=10")
        .then()
        .statusCode(200)
        .body("rings.ringId", hasItem(ringId));
    assertThat(sink.received())
        .anySatisfy(
            m -> {
              assertThat((String) m.getPayload()).contains("\"eventType\":\"NEW\"");
              assertThat((String) m.getPayload()).contains("\"ringId\":\"" + ringId + "\"");
            });
  }

  @Test
  void shouldPersistTheRingAndItsMembershipsToTheGraphAfterARecompute() {
    // given a labelled device ring of five written to the graph and folded into the tracker
    List<Transaction> ring = new ArrayList<>();
    for (Transaction t : deviceRing()) {
      ring.add(
          Transaction.builder()
              .id("persist-" + t.id().value())
              .account("P" + t.account().value())
              .amount("99.00")
              .timestamp(t.timestamp())
              .merchant(MerchantId.of("M-ring"))
              .device(t.device() == null ? null : DeviceId.of("D-persist"))
              .fraudLabel(t.fraudLabel())
              .build());
    }
    graph.writer().write(ring);
    tracker.accept(ring);
    // when the rings are recomputed
    given().when().post("/rings/recompute").then().statusCode(200);
    // then the account's stored membership names the ring the tracker names, as current
    String ringId = given().get("/accounts/PRA-2/ring").then().extract().path("ring.ringId");
    given()
        .get("/accounts/PRA-2/rings")
        .then()
        .statusCode(200)
        .body("memberships.size()", equalTo(1))
        .body("memberships[0].ringId", equalTo(ringId))
        .body("memberships[0].status", equalTo("current"))
        .body("memberships[0].ringStatus", equalTo("ACTIVE"))
        .body("memberships[0].until", nullValue());
    given()
        .get("/accounts/PRA-lonely/rings")
        .then()
        .statusCode(200)
        .body("memberships.size()", equalTo(0));
    given().get("/accounts/nobody-at-all/rings").then().statusCode(404);
    assertThat(graph.ringQueries().rings())
        .anySatisfy(r -> assertThat(r.id().value()).isEqualTo(ringId));
  }

  @Test
  void shouldAnswerNoneForAnAccountInNoRingAnd404ForAnUnknownOne() {
    graph.writer().write(deviceRing());
    tracker.accept(deviceRing());
    given()
        .get("/accounts/RA-lonely/ring")
        .then()
        .statusCode(200)
        .body("status", equalTo("none"))
        .body("ring", nullValue());
    given().get("/accounts/nobody-at-all/ring").then().statusCode(404);
    given().get("/rings/ring-999999").then().statusCode(404);
    given().get("/rings?limit=0").then().statusCode(400);
  }
}
