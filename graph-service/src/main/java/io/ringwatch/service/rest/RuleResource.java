package io.ringwatch.service.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.detectors.rules.ActiveRules;
import io.ringwatch.detectors.rules.Outcome;
import io.ringwatch.detectors.rules.Rule;
import io.ringwatch.detectors.rules.RuleChange;
import io.ringwatch.detectors.rules.RuleCompilation;
import io.ringwatch.detectors.rules.RuleSet;
import io.ringwatch.detectors.rules.RuleVariables;
import io.ringwatch.ingest.backtest.BacktestJson;
import io.ringwatch.service.scoring.RuleBacktests;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The active rule set: read it, replace it without a restart, see who changed it when. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
  private final ActiveRules rules;
  private final RuleBacktests backtests;
  private final Clock clock = Clock.systemUTC();

  public RuleResource(ActiveRules rules, RuleBacktests backtests) {
    this.rules = rules;
    this.backtests = backtests;
  }

  /** One rule on the wire. */
  public record RuleDto(
      String id, String expression, String outcome, Integer priority, String description) {
    Rule toRule() {
      if (outcome == null) {
        throw new IllegalArgumentException("rule " + id + " has no outcome");
      }
      Outcome parsed;
      try {
        parsed = Outcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "rule " + id + " outcome must be APPROVE, REVIEW or BLOCK, was '" + outcome + "'");
      }
      return new Rule(id, expression, parsed, priority == null ? 0 : priority, description);
    }

    static RuleDto of(Rule rule) {
      return new RuleDto(
          rule.id(), rule.expression(), rule.outcome().name(), rule.priority(), rule.description());
    }
  }

  /** A rule set on the wire; {@code variables} lists the names expressions may use. */
  public record RuleSetDto(Long version, List<RuleDto> rules, List<String> variables) {
    static RuleSetDto of(RuleSet set) {
      return new RuleSetDto(
          set.version(),
          set.rules().stream().map(RuleDto::of).toList(),
          RuleVariables.NAMES.stream().sorted().toList());
    }
  }

  /** One accepted change. */
  public record ChangeDto(long version, String user, Instant at, List<RuleDto> rules) {}

  @GET
  @Operation(summary = "The active rule set, its version, and the variables rules may use")
  public RuleSetDto active() {
    return RuleSetDto.of(rules.current().source());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Replace the active rule set without a restart",
      description =
          "Compiles every rule; when all compile, the set becomes the next version atomically"
              + " (events in flight finish on the version they started with). 422 naming each"
              + " rule and position that does not compile; the active set is then unchanged."
              + " The X-User header records who made the change.")
  public RuleSetDto replace(RuleSetDto body, @HeaderParam("X-User") String user) {
    if (body == null || body.rules() == null) {
      throw new IllegalArgumentException("body must be {\"rules\": [...]}");
    }
    List<Rule> next = body.rules().stream().map(RuleDto::toRule).toList();
    RuleCompilation result = rules.replace(next, user, clock.instant());
    if (result instanceof RuleCompilation.Failed failed) {
      throw new InvalidRules(failed.errors());
    }
    return RuleSetDto.of(((RuleCompilation.Compiled) result).rules().source());
  }

  @POST
  @Path("/backtest")
  @Consumes(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Backtest a candidate rule set against the active one before publishing it",
      description =
          "Body: {\"rules\": [...candidate...], \"from\", \"to\"} replays the transactions stored"
              + " in the graph with event time in [from, to) and their stored fraud labels; or"
              + " {\"rules\", \"events\": [...], \"fraud_ids\": [...]} replays labelled events in"
              + " any input format (fraud_ids, when given, relabels them). Optional: warm_up (ISO"
              + " duration: events that only warm the feature state, before from or from the first"
              + " event), max_events (default 200000, the newest kept), sample (ids listed per"
              + " direction of change, default 20). Features are recomputed in event-time order"
              + " by a fresh feature state, the model in force scores each event once, and both"
              + " rule sets are evaluated over the same features. Answers hits per rule,"
              + " precision and recall against the labels, and the difference from the active"
              + " set. 422 naming each rule and position that does not compile, 400 for a"
              + " malformed request. The active set is never changed.")
  public ObjectNode backtest(JsonNode body) {
    RuleBacktests.Result result = backtests.run(body);
    ObjectNode answer = BacktestJson.toNode(result.report());
    answer.put("source", result.source());
    answer.put("matched", result.matched());
    answer.put("truncated", result.truncated());
    answer.put("rebuilt_from_edge_only", result.fromEdgeOnly());
    return answer;
  }

  @GET
  @Path("/history")
  @Operation(summary = "Accepted rule-set changes, oldest first, with who and when")
  public List<ChangeDto> history() {
    return rules.history().stream().map(RuleResource::change).toList();
  }

  private static ChangeDto change(RuleChange change) {
    return new ChangeDto(
        change.rules().version(),
        change.user(),
        change.at(),
        change.rules().rules().stream().map(RuleDto::of).toList());
  }
}
