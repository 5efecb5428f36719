package io.ringwatch.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringwatch backtest} on seeded simulator output with its truth file. */
class BacktestCommandTest {
  @TempDir static Path dir;
  static Path events;
  static Path truth;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return RingwatchCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @BeforeAll
  static void simulate() {
    events = dir.resolve("events.jsonl");
    truth = dir.resolve("truth.csv");
    int code =
        RingwatchCli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "simulate",
            "--seconds",
            "120",
            "--rate",
            "50",
            "--accounts",
            "200",
            "--seed",
            "5",
            "--output",
            events.toString(),
            "--truth",
            truth.toString());
    assertThat(code).isZero();
  }

  private static Path rules(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  /** The default rules without the discount rule: every discount-abuse flag should disappear. */
  private static final String WITHOUT_DISCOUNT_RULE =
      """
      {"rules": [
        {"id": "high-insight-score", "expression": "insight_score > 900", "outcome": "BLOCK",
         "priority": 100},
        {"id": "card-velocity-10m",
         "expression": "card_count_10m > 5 && card_count_10m > 3 * (card_expected_10m + 1)",
         "outcome": "REVIEW", "priority": 50},
        {"id": "location-hopping", "expression": "account_location_changes_1h >= 2",
         "outcome": "REVIEW", "priority": 45}
      ]}""";

  @Test
  void shouldReportWhatDroppingTheDiscountRuleWouldMiss() throws Exception {
    int code =
        run(
            "backtest",
            "--input",
            events.toString(),
            "--truth",
            truth.toString(),
            "--rules",
            rules("candidate.json", WITHOUT_DISCOUNT_RULE).toString(),
            "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.get("labelled").asLong()).isEqualTo(report.get("counted").asLong());
    assertThat(report.get("fraud").asLong()).isPositive();
    JsonNode discount = null;
    for (JsonNode rule : report.get("active").get("rules")) {
      if (rule.get("rule_id").asText().equals("discounted-priority-sale")) {
        discount = rule;
      }
    }
    assertThat(discount).isNotNull();
    assertThat(discount.get("fraud_hits").asLong()).isPositive();
    assertThat(discount.get("precision").asDouble()).isGreaterThan(0.9);
    JsonNode difference = report.get("difference");
    assertThat(difference.get("newly_flagged").asLong()).isZero();
    assertThat(difference.get("no_longer_flagged").asLong()).isPositive();
    assertThat(difference.get("no_longer_flagged_sample")).isNotEmpty();
    assertThat(report.get("candidate").get("recall").asDouble())
        .isLessThan(report.get("active").get("recall").asDouble());
    assertThat(report.get("candidate").get("rules")).hasSize(3);
  }

  @Test
  void shouldPrintATextReportWithEveryRule() throws Exception {
    int code =
        run(
            "backtest",
            "--input",
            events.toString(),
            "--truth",
            truth.toString(),
            "--rules",
            rules("same.json", WITHOUT_DISCOUNT_RULE).toString(),
            "--active",
            rules("active.json", WITHOUT_DISCOUNT_RULE).toString(),
            "--warm-up",
            "PT1M");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("candidate rule set (version 2)", "active rule set (version 1)")
        .contains("card-velocity-10m", "location-hopping")
        .contains("difference: 0 events change outcome");
  }

  @Test
  void shouldExitTwoNamingTheRuleAndPositionThatDoesNotCompile() throws Exception {
    Path broken =
        rules(
            "broken.json",
            """
            {"rules": [{"id": "broken", "expression": "amount > ", "outcome": "REVIEW"},
                       {"id": "typo", "expression": "amout > 5", "outcome": "REVIEW"}]}""");

    int code = run("backtest", "--input", events.toString(), "--rules", broken.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("rule broken at 1:").contains("rule typo at 1:1");
  }

  @Test
  void shouldExitTwoOnARuleWithoutOutcome() throws Exception {
    Path bad = rules("bad.json", "{\"rules\": [{\"id\": \"x\", \"expression\": \"amount > 5\"}]}");

    assertThat(run("backtest", "--input", events.toString(), "--rules", bad.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("rule x has no outcome");
  }

  @Test
  void shouldPrintHelpWithItsOptions() {
    assertThat(run("backtest", "--help")).isZero();
    assertThat(out.toString())
        .contains("--input", "--truth", "--rules", "--active", "--model", "--warm-up", "--json");
  }
}
