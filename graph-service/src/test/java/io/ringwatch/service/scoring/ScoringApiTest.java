package io.ringwatch.service.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.rules.DefaultRules;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.rest.Problem;
import io.ringwatch.service.testkit.DetectedEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * Scoring through the service: the Kafka path (in-memory connector) publishing decisions and
 * alerts, POST /detect, GET /decisions/{id}, and the rule endpoints.
 */
@QuarkusTest
class ScoringApiTest {
  private static final Instant T0 = Instant.parse("2026-11-03T08:00:00Z");

  @Inject @Any InMemoryConnector connector;
  @Inject RingwatchGraph graph;

  private static String canonicalSwipe(String id, String card, Instant at) {
    return """
        {"transaction_id":"%s","account_id":"K-1","amount":"25.00","timestamp":"%s",
         "merchant_id":"M-k","card_id":"%s","device_id":"D-k","channel":"CARD"}"""
        .formatted(id, at, card);
  }

  private static ConsumerRecords<byte[], byte[]> batch(List<String> values) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (String value : values) {
      records.add(
          new ConsumerRecord<>(
              "transactions",
              0,
              records.size(),
              "K-1".getBytes(StandardCharsets.UTF_8),
              value.getBytes(StandardCharsets.UTF_8)));
    }
    return new ConsumerRecords<>(Map.of(new TopicPartition("transactions", 0), records));
  }

  @Test
  void shouldPublishEveryDecisionAndAlertOnTheSixthSwipeFromTheKafkaPath() {
    // given six swipes of one card within five minutes, in one Kafka batch
    InMemorySink<String> decisions = connector.sink(DecisionPublisher.DECISIONS);
    InMemorySink<String> alerts = connector.sink(DecisionPublisher.FRAUD_ALERTS);
    decisions.clear();
    alerts.clear();
    List<String> swipes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      swipes.add(canonicalSwipe("kafka-" + i, "C-kafka", T0.plus(Duration.ofMinutes(i))));
    }

    // when the batch arrives on the transactions channel
    connector.source("transactions").send(batch(swipes));

    // then six decisions are published, and one alert for the sixth swipe, stored in the graph
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> decisions.received().size() == 6);
    assertThat(alerts.received()).hasSize(1);
    String alert = alerts.received().get(0).getPayload();
    assertThat(alert).contains("\"event_id\":\"kafka-5\"", DefaultRules.CARD_VELOCITY);
    assertThat(graph.queries().decision(TransactionId.of("kafka-5")))
        .hasValueSatisfying(d -> assertThat(d.outcome()).isIn("REVIEW", "BLOCK"));
    assertThat(graph.queries().decision(TransactionId.of("kafka-0")))
        .hasValueSatisfying(d -> assertThat(d.outcome()).isEqualTo("APPROVE"));
  }

  @Test
  void shouldScoreADetectPayloadAndAnswerTheDecision() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"event_id":"det-1","transaction_amount":120.5,"ip_address":"10.2.3.4",
             "account_id":"DET-A"}""")
        .when()
        .post("/detect")
        .then()
        .statusCode(200)
        .body("event_id", equalTo("det-1"))
        .body("fraud_label", equalTo(false))
        .body("outcome", equalTo("APPROVE"))
        .body("insight_score", notNullValue())
        .body("rule_hits", hasSize(0))
        .body("reasons", notNullValue())
        .body("timestamp", notNullValue())
        .body(
            "model_version", equalTo(io.ringwatch.detectors.model.HeuristicLogisticModel.VERSION));

    given()
        .get("/decisions/det-1")
        .then()
        .statusCode(200)
        .body("event_id", equalTo("det-1"))
        .body("account_id", equalTo("DET-A"));

    // and once the event comes back from the transactions topic it is stored with its decision
    DetectedEvents.deliver(connector);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> graph.queries().transaction(TransactionId.of("det-1")).isPresent());
    assertThat(graph.queries().decision(TransactionId.of("det-1")))
        .hasValueSatisfying(d -> assertThat(d.outcome()).isEqualTo("APPROVE"));
    given().get("/decisions/det-1").then().statusCode(200).body("event_id", equalTo("det-1"));
  }

  @Test
  void shouldAnswerARepeatedEventIdTheSameDecisionAndRecordItOnce() {
    // given an event already answered
    InMemorySink<String> decisions = connector.sink(DecisionPublisher.DECISIONS);
    DetectedEvents.deliver(connector);
    decisions.clear();
    String body =
        """
        {"event_id":"det-twice","transaction_amount":77.7,"ip_address":"10.2.3.9",
         "account_id":"DET-T"}""";
    String first =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/detect")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    // when it is sent again, before and after it reached the graph
    String again =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/detect")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    int delivered = DetectedEvents.deliver(connector);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> graph.queries().transaction(TransactionId.of("det-twice")).isPresent());
    String later =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/detect")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    // then every answer is the first decision, sent once to transactions and once to decisions
    assertThat(again).isEqualTo(first);
    assertThat(later).isEqualTo(first);
    assertThat(delivered).isEqualTo(1);
    assertThat(DetectedEvents.deliver(connector)).isZero();
    assertThat(decisions.received()).extracting(Message::getPayload).containsExactly(first);
  }

  @Test
  void shouldScoreACanonicalEventOnDetect() {
    given()
        .contentType(ContentType.JSON)
        .body(canonicalSwipe("det-canonical", "C-det", T0))
        .post("/detect")
        .then()
        .statusCode(200)
        .body("event_id", equalTo("det-canonical"))
        .body("outcome", equalTo("APPROVE"));
  }

  @Test
  void shouldFlagADiscountedPrioritySaleSentToDetect() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"event_type":"sale_event","store_id":"S-9","cust_id":"CU-9","price":80,
             "discount":70,"priority_shipping":true,"ts":"2026-11-03T09:00:00Z","id":"sale-9"}""")
        .post("/detect")
        .then()
        .statusCode(200)
        .body("outcome", equalTo("REVIEW"))
        .body("fraud_label", equalTo(true))
        .body("rule_hits.rule_id", hasItem(DefaultRules.DISCOUNTED_PRIORITY_SALE));
  }

  @Test
  void shouldAnswerAMissingFieldWith422NamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"event_id\":\"det-bad\",\"ip_address\":\"10.2.3.4\",\"account_id\":\"A\"}")
        .post("/detect")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("field", equalTo("transaction_amount"))
        .body("reason", equalTo("MISSING_FIELD"))
        .body("title", equalTo("Unprocessable Content"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"event_id\":\"det-ip\",\"transaction_amount\":5,\"ip_address\":\"999.1.1.1\","
                + "\"account_id\":\"A\"}")
        .post("/detect")
        .then()
        .statusCode(422)
        .body("field", equalTo("ip_address"))
        .body("reason", equalTo("BAD_IP"));
  }

  @Test
  void shouldAnswerUnreadableJsonWith400() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"event_id\": ")
        .post("/detect")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("reason", equalTo("MALFORMED_JSON"));
  }

  @Test
  void shouldAnswer404ForAnEventNeverScored() {
    given().get("/decisions/never-scored").then().statusCode(404);
  }

  @Test
  void shouldListTheActiveRulesWithTheirVariables() {
    given()
        .get("/rules")
        .then()
        .statusCode(200)
        .body("version", greaterThan(0))
        .body("rules.id", hasItem(DefaultRules.HIGH_INSIGHT_SCORE))
        .body("variables", hasItem("card_count_10m"));
  }

  @Test
  void shouldReplaceRulesWithoutRestartRejectBadOnesAndKeepHistory() {
    List<Map<String, Object>> defaults = given().get("/rules").jsonPath().getList("rules");
    try {
      // a valid set takes effect at once
      int version =
          given()
              .contentType(ContentType.JSON)
              .header("X-User", "alice")
              .body(
                  """
                  {"rules":[{"id":"huge","expression":"amount >= 9000","outcome":"BLOCK",
                   "priority":10,"description":"huge amounts"}]}""")
              .put("/rules")
              .then()
              .statusCode(200)
              .body("rules.id", everyItem(equalTo("huge")))
              .extract()
              .path("version");
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"event_id\":\"det-huge\",\"transaction_amount\":9500,"
                  + "\"ip_address\":\"10.9.9.1\",\"account_id\":\"HUGE\"}")
          .post("/detect")
          .then()
          .statusCode(200)
          .body("outcome", equalTo("BLOCK"))
          .body("rule_set_version", equalTo(version));

      // a set that does not compile is refused with rule and position, and changes nothing
      given()
          .contentType(ContentType.JSON)
          .header("X-User", "mallory")
          .body(
              """
              {"rules":[{"id":"ok","expression":"amount > 1","outcome":"REVIEW"},
                        {"id":"typo","expression":"amount > 1 && crad_count_10m > 5",
                         "outcome":"REVIEW"}]}""")
          .put("/rules")
          .then()
          .statusCode(422)
          .contentType(Problem.MEDIA_TYPE)
          .body("detail", containsString("typo"))
          .body("errors[0].ruleId", equalTo("typo"))
          .body("errors[0].line", equalTo(1))
          .body("errors[0].column", equalTo(15));
      given().get("/rules").then().body("version", equalTo(version));
      given()
          .contentType(ContentType.JSON)
          .body(
              "{\"rules\":[{\"id\":\"esc\",\"expression\":\"''.getClass() != null\","
                  + "\"outcome\":\"BLOCK\"}]}")
          .put("/rules")
          .then()
          .statusCode(422)
          .body("errors[0].ruleId", equalTo("esc"));

      // the history names who changed what
      given()
          .get("/rules/history")
          .then()
          .statusCode(200)
          .body("user", hasItem("alice"))
          .body("find { it.version == %d }.user".formatted(version), equalTo("alice"));
    } finally {
      given()
          .contentType(ContentType.JSON)
          .header("X-User", "test-cleanup")
          .body(Map.of("rules", defaults))
          .put("/rules")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void shouldAnswerAReloadWithoutAModelFileWith422AndKeepScoringWithTheHeuristic() {
    given()
        .when()
        .post("/model/reload")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("ringwatch.scoring.model-path"));

    given()
        .when()
        .get("/model")
        .then()
        .statusCode(200)
        .body("version", equalTo(io.ringwatch.detectors.model.HeuristicLogisticModel.VERSION));
  }
}
