package io.ringwatch.service.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.TransactionId;
import io.ringwatch.detectors.features.KnownOutcomes;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.testkit.DetectedEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /labels: confirmed outcomes reach the graph, the ring projection and the features. */
@QuarkusTest
class LabelApiTest {
  @Inject @Any InMemoryConnector connector;
  @Inject RingwatchGraph graph;
  @Inject KnownOutcomes outcomes;

  private static String payment(String id, String account, Instant at) {
    return """
        {"transaction_id":"%s","account_id":"%s","amount":"25.00","timestamp":"%s",
         "merchant_id":"M-lab","card_id":"C-%s","device_id":"D-lab","channel":"CARD"}"""
        .formatted(id, account, at, account);
  }

  @Test
  void shouldStoreALabelOnceAndReportUnknownEvents() {
    // given two payments scored through POST /detect
    Instant at = Instant.now().minusSeconds(60);
    for (String id : List.of("lab-1", "lab-2")) {
      given()
          .contentType(ContentType.JSON)
          .body(payment(id, "LAB-1", at))
          .post("/detect")
          .then()
          .statusCode(200);
    }
    // and recorded in the graph behind the answers (ADR 0019: through the transactions topic)
    DetectedEvents.deliver(connector);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> graph.queries().transaction(TransactionId.of("lab-2")).isPresent());
    long pendingBefore = outcomes.pending() + outcomes.applied();

    // when lab-1 is confirmed fraud, with an unknown id beside it
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"labels":[{"event_id":"lab-1","fraud":true},{"event_id":"nope-9","fraud":true}]}""")
        .post("/labels")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1))
        .body("unchanged", equalTo(0))
        .body("unknown[0]", equalTo("nope-9"));

    // then the edge carries the label, and a rebuilt projection counts it
    assertThat(graph.traversal().E().has("txId", "lab-1").values("fraudLabel").toList())
        .containsExactly(true);
    graph.traversal().tx().rollback();
    AccountProjection rebuilt = new AccountProjection(ProjectionSettings.defaults());
    graph.ringQueries().loadProjection(rebuilt);
    assertThat(rebuilt.activity(AccountId.of("LAB-1")).fraudLabelled()).isEqualTo(1);
    // and the label-fed features were offered the outcome
    assertThat(outcomes.pending() + outcomes.applied()).isEqualTo(pendingBefore + 1);

    // when the same label arrives again (a replayed chargeback feed), as a bare array
    given()
        .contentType(ContentType.JSON)
        .body("[{\"event_id\":\"lab-1\",\"fraud\":true}]")
        .post("/labels")
        .then()
        .statusCode(200)
        .body("applied", equalTo(0))
        .body("unchanged", equalTo(1));
    // then nothing is counted twice
    assertThat(outcomes.pending() + outcomes.applied()).isEqualTo(pendingBefore + 1);
  }

  @Test
  void shouldAnswerProblemDetailsForBadBodies() {
    given()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post("/labels")
        .then()
        .statusCode(400)
        .body("reason", equalTo("MALFORMED_JSON"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"labels\":[{\"event_id\":\"x-1\",\"fraud\":true},{\"event_id\":\"x-2\"}]}")
        .post("/labels")
        .then()
        .statusCode(422)
        .body("field", equalTo("labels[1].fraud"))
        .body("reason", equalTo("MISSING_FIELD"));
    given()
        .contentType(ContentType.JSON)
        .body("[{\"event_id\":\"x-1\",\"fraud\":\"yes\"}]")
        .post("/labels")
        .then()
        .statusCode(422)
        .body("field", equalTo("labels[0].fraud"))
        .body("detail", containsString("true or false"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"events\":[]}")
        .post("/labels")
        .then()
        .statusCode(422)
        .body("field", equalTo("labels"));
  }
}
