package io.ringwatch.ingest.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules on the wire, as {@code GET/PUT /rules} write them: {@code {"rules": [{"id", "expression",
 * "outcome", "priority", "description"}]}} or the bare array. Parsing checks the shape only;
 * whether the expressions compile is the rule compiler's business.
 */
public final class RuleSetJson {
  private RuleSetJson() {}

  /**
   * The rules of {@code node}.
   *
   * @throws IllegalArgumentException naming the rule (by id, or by position when it has none) and
   *     the field that is missing or invalid
   */
  public static List<Rule> rules(JsonNode node) {
    JsonNode array = node != null && node.isObject() ? node.get("rules") : node;
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("rules must be {\"rules\": [...]} or an array of rules");
    }
    List<Rule> rules = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      rules.add(rule(array.get(i), i));
    }
    return rules;
  }

  private static Rule rule(JsonNode node, int index) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("rule #" + (index + 1) + " is not an object");
    }
    String id = text(node, "id");
    String name = id != null ? "rule " + id : "rule #" + (index + 1);
    String outcome = text(node, "outcome");
    if (outcome == null) {
      throw new IllegalArgumentException(name + " has no outcome");
    }
    Outcome parsed;
    try {
      parsed = Outcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + " outcome must be APPROVE, REVIEW or BLOCK, was '" + outcome + "'");
    }
    JsonNode priority = node.get("priority");
    if (priority != null && !priority.isNull() && !priority.canConvertToInt()) {
      throw new IllegalArgumentException(name + " priority must be an integer");
    }
    return new Rule(
        id,
        text(node, "expression"),
        parsed,
        priority == null || priority.isNull() ? 0 : priority.intValue(),
        text(node, "description"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("rule field '" + field + "' must be a string");
    }
    return value.asText();
  }
}
