package io.ringwatch.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.gremlin.RingwatchGraph;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST surface over the in-memory graph: answers, problem details, and the /q endpoints. */
@QuarkusTest
class RestApiTest {
  @Inject RingwatchGraph graph;

  @BeforeEach
  void givenTwoAccountsSharingADevice() {
    Instant t = Instant.parse("2026-11-01T10:00:00Z");
    graph
        .writer()
        .write(
            List.of(
                Transaction.builder()
                    .id("rest-1")
                    .account("R-1")
                    .amount("40.00")
                    .timestamp(t)
                    .merchant(MerchantId.of("M-9"))
                    .device(DeviceId.of("D-shared"))
                    .ip(IpAddress.of("10.9.9.9"))
                    .build(),
                Transaction.builder()
                    .id("rest-2")
                    .account("R-2")
                    .amount("15.00")
                    .timestamp(t.plusSeconds(60))
                    .device(DeviceId.of("D-shared"))
                    .counterparty(AccountId.of("R-1"))
                    .channel(Channel.TRANSFER)
                    .build()));
  }

  @Test
  void shouldDescribeAnAccountWithItsIdentifiersAndCounterparties() {
    given()
        .when()
        .get("/accounts/R-2")
        .then()
        .statusCode(200)
        .body("accountId", equalTo("R-2"))
        .body("devices", hasItems("D-shared"))
        .body("counterpartiesOut", hasItems("R-1"))
        .body("transfersOut", equalTo(1));
  }

  @Test
  void shouldReturnAStoredTransaction() {
    given()
        .get("/transactions/rest-1")
        .then()
        .statusCode(200)
        .body("accountId", equalTo("R-1"))
        .body("merchantId", equalTo("M-9"));
  }

  @Test
  void shouldAnswerUnknownIdsWithA404ProblemDetail() {
    given()
        .get("/accounts/nobody-here")
        .then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("detail", containsString("nobody-here"));
    given().get("/transactions/none").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void shouldAnswerMalformedIdsWithA400ProblemDetail() {
    given()
        .get("/accounts/" + "x".repeat(200))
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE)
        .body("detail", containsString("longer than"));
    given()
        .urlEncodingEnabled(false)
        .get("/accounts/%20%20")
        .then()
        .statusCode(400)
        .contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void shouldAnswerUnknownPathsWithAProblemDetail() {
    given().get("/no-such-thing").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
  }

  @Test
  void shouldServeHealthMetricsAndOpenApi() {
    given().get("/q/health/live").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("ringwatch_graph_transactions_written"));
    given().get("/q/openapi").then().statusCode(200).body(containsString("/accounts/{id}"));
  }

  @Test
  void shouldCountVerticesAndEdgesByLabel() {
    given()
        .get("/graph/stats")
        .then()
        .statusCode(200)
        .body("vertices.device", equalTo(1))
        .body("edges.transfers", equalTo(1));
  }
}
