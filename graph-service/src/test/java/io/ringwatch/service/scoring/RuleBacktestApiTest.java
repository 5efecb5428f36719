package io.ringwatch.service.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.service.ingest.StoredEvents;
import io.ringwatch.service.rest.Problem;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /rules/backtest on the graph's stored history and on inline labelled events. */
@QuarkusTest
class RuleBacktestApiTest {
  /** A day of its own, so that other tests' transactions stay out of the range. */
  private static final Instant DAY = Instant.parse("2026-10-05T00:00:00Z");

  private static final String WITHOUT_DISCOUNT_RULE =
      """
      [{"id":"high-insight-score","expression":"insight_score > 900","outcome":"BLOCK",
        "priority":100},
       {"id":"card-velocity-10m",
        "expression":"card_count_10m > 5 && card_count_10m > 3 * (card_expected_10m + 1)",
        "outcome":"REVIEW","priority":50}]""";

  @Inject RingwatchGraph graph;

  private static Transaction swipe(String id, int minute, boolean fraud) {
    return Transaction.builder()
        .id(id)
        .account("BT-A")
        .amount("25.00")
        .timestamp(DAY.plus(Duration.ofMinutes(minute)))
        .merchant(MerchantId.of("BT-M"))
        .card(CardId.of("BT-C"))
        .channel(Channel.CARD)
        .fraudLabel(fraud)
        .build();
  }

  private static Transaction sale(String id, String account, int discount, boolean fraud) {
    return Transaction.builder()
        .id(id)
        .account(account)
        .amount("80.00")
        .timestamp(DAY.plus(Duration.ofMinutes(30)))
        .merchant(MerchantId.of("BT-S"))
        .channel(Channel.STORE)
        .store(
            new StoreDetails(
                "BT-S", "sale_event", BigDecimal.valueOf(discount), true, false, null, null, 1))
        .fraudLabel(fraud)
        .build();
  }

  @BeforeEach
  void storeADayOfLabelledHistory() {
    List<Transaction> day = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      day.add(swipe("bt-swipe-" + i, i, true));
    }
    day.add(sale("bt-sale-fraud", "BT-B", 80, true));
    day.add(sale("bt-sale-benign", "BT-C", 60, false));
    // written as the ingest path writes: with the event, idempotent on the id
    graph.writer().write(day, Map.of(), StoredEvents::encode);
  }

  private static String body(String extra) {
    return "{\"rules\":" + WITHOUT_DISCOUNT_RULE + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  @Test
  void shouldBacktestACandidateOnStoredHistoryWithTheStoredLabels() {
    given()
        .contentType(ContentType.JSON)
        .body(body("\"from\":\"2026-10-05T00:00:00Z\",\"to\":\"2026-10-06T00:00:00Z\""))
        .when()
        .post("/rules/backtest")
        .then()
        .statusCode(200)
        .body("source", equalTo("graph"))
        .body("counted", equalTo(8))
        .body("labelled", equalTo(8))
        .body("fraud", equalTo(7))
        .body("rebuilt_from_edge_only", equalTo(0))
        .body("active.rules.find { it.rule_id == 'discounted-priority-sale' }.hits", equalTo(2))
        .body(
            "active.rules.find { it.rule_id == 'discounted-priority-sale' }.precision",
            equalTo(0.5f))
        .body("active.rules.find { it.rule_id == 'card-velocity-10m' }.hits", equalTo(1))
        .body("candidate.rules", hasSize(2))
        .body("candidate.rules.find { it.rule_id == 'card-velocity-10m' }.fraud_hits", equalTo(1))
        .body("candidate.precision", equalTo(1.0f))
        .body("difference.newly_flagged", equalTo(0))
        .body("difference.no_longer_flagged", equalTo(2))
        .body("difference.no_longer_flagged_sample", hasItems("bt-sale-fraud", "bt-sale-benign"))
        .body("active.version", equalTo(given().get("/rules").path("version")));
  }

  @Test
  void shouldCountOnlyFromFromAndWarmTheStateWithTheWarmUp() {
    // the sixth swipe at 00:05 is the only counted swipe, but the five before it warmed the card
    given()
        .contentType(ContentType.JSON)
        .body(
            body(
                "\"from\":\"2026-10-05T00:05:00Z\",\"to\":\"2026-10-05T00:06:00Z\","
                    + "\"warm_up\":\"PT10M\""))
        .post("/rules/backtest")
        .then()
        .statusCode(200)
        .body("replayed", equalTo(6))
        .body("counted", equalTo(1))
        .body("candidate.rules.find { it.rule_id == 'card-velocity-10m' }.hits", equalTo(1));
  }

  @Test
  void shouldBacktestInlineEventsRelabelledByFraudIds() {
    given()
        .contentType(ContentType.JSON)
        .body(
            body(
                """
                "events":[
                  {"id":"in-1","event_type":"sale_event","store_id":"S-9","cust_id":"C-9",
                   "price":19.99,"qty":1,"discount":70,"priority_shipping":true,
                   "ts":"2026-10-01T10:00:00Z"},
                  {"event_id":"in-2","transaction_amount":20,"ip_address":"10.9.9.9",
                   "account_id":"C-8"}],
                "fraud_ids":["in-1"]"""))
        .post("/rules/backtest")
        .then()
        .statusCode(200)
        .body("source", equalTo("events"))
        .body("counted", equalTo(2))
        .body("fraud", equalTo(1))
        .body("active.recall", equalTo(1.0f))
        .body("candidate.recall", equalTo(0.0f))
        .body("candidate.precision", nullValue())
        .body("difference.no_longer_flagged_sample", hasItems("in-1"));
  }

  @Test
  void shouldAnswerACandidateThatDoesNotCompileWith422NamingTheRuleAndPosition() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"rules":[{"id":"typo","expression":"amount > 1 && crad_count_10m > 5",
                       "outcome":"REVIEW"}],
             "from":"2026-10-05T00:00:00Z"}""")
        .post("/rules/backtest")
        .then()
        .statusCode(422)
        .contentType(Problem.MEDIA_TYPE)
        .body("errors[0].ruleId", equalTo("typo"))
        .body("errors[0].line", equalTo(1))
        .body("errors[0].column", equalTo(15));
  }

  @Test
  void shouldAnswerMalformedRequestsWith400() {
    String[] bad = {
      "{\"from\":\"2026-10-05T00:00:00Z\"}",
      body(""),
      body("\"from\":\"yesterday\""),
      body("\"from\":\"2026-10-06T00:00:00Z\",\"to\":\"2026-10-05T00:00:00Z\""),
      body("\"from\":\"2026-10-05T00:00:00Z\",\"warm_up\":\"an hour\""),
      body("\"from\":\"2026-10-05T00:00:00Z\",\"max_events\":0"),
      body("\"events\":[{\"nonsense\":true}]"),
      body("\"events\":[],\"from\":\"2026-10-05T00:00:00Z\""),
      "{\"rules\":[{\"id\":\"x\",\"expression\":\"amount > 1\"}],\"from\":\"2026-10-05T00:00:00Z\"}",
      "{\"rules\": [",
    };
    for (String request : bad) {
      given()
          .contentType(ContentType.JSON)
          .body(request)
          .post("/rules/backtest")
          .then()
          .statusCode(400)
          .contentType(Problem.MEDIA_TYPE)
          .body("detail", org.hamcrest.Matchers.not(containsString("internal error")));
    }
  }

  @Test
  void shouldNeverChangeTheActiveRuleSet() {
    int version = given().get("/rules").path("version");
    given()
        .contentType(ContentType.JSON)
        .body(body("\"from\":\"2026-10-05T00:00:00Z\""))
        .post("/rules/backtest")
        .then()
        .statusCode(200);
    given().get("/rules").then().body("version", equalTo(version));
    given().get("/rules").then().body("rules.id", hasItems("discounted-priority-sale"));
  }
}
