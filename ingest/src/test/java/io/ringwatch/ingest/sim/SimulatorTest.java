package io.ringwatch.ingest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.InputFormat;
import io.ringwatch.ingest.TransactionDecoder;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final SimulationConfig MINUTE =
      SimulationConfig.defaults().withRate(100).withSeconds(60).withSeed(7);
  private static List<SimulatedEvent> events;

  @BeforeAll
  static void simulateOneMinute() {
    events = new Simulator(MINUTE).stream().toList();
  }

  private static Map<String, List<SimulatedEvent>> byRing(Scenario scenario) {
    return events.stream()
        .filter(e -> e.truth() != null && e.truth().scenario() == scenario)
        .collect(Collectors.groupingBy(e -> e.truth().ringId()));
  }

  @Test
  void shouldReplayTheSameEventsForTheSameSeed() {
    // when
    List<SimulatedEvent> again = new Simulator(MINUTE).stream().toList();
    List<SimulatedEvent> other = new Simulator(MINUTE.withSeed(8)).stream().limit(100).toList();
    // then
    assertThat(again).hasSameSizeAs(events);
    for (int i = 0; i < events.size(); i++) {
      assertThat(again.get(i).value()).isEqualTo(events.get(i).value());
      assertThat(again.get(i).truth()).isEqualTo(events.get(i).truth());
    }
    assertThat(other.get(0).value()).isNotEqualTo(events.get(0).value());
  }

  @Test
  void shouldEmitEventsInEventTimeOrderWithinTheRun() {
    Instant previous = MINUTE.start();
    for (SimulatedEvent event : events) {
      Instant at = event.transaction().timestamp();
      assertThat(at).isAfterOrEqualTo(previous).isBefore(MINUTE.start().plusSeconds(60));
      previous = at;
    }
    // roughly 100/s of benign traffic plus the injected fraud
    assertThat(events.size()).isBetween(5_000, 8_000);
  }

  @Test
  void shouldContainEveryScenarioWithTruthRowsAndFraudLabels() {
    Set<Scenario> seen =
        events.stream()
            .filter(SimulatedEvent::isFraud)
            .map(e -> e.truth().scenario())
            .collect(Collectors.toSet());
    assertThat(seen).isEqualTo(EnumSet.allOf(Scenario.class));
    for (SimulatedEvent event : events) {
      assertThat(event.transaction().fraudLabel()).isEqualTo(event.isFraud());
      assertThat(event.key()).isEqualTo(event.transaction().account().value());
      if (event.isFraud()) {
        assertThat(event.truth().eventId()).isEqualTo(event.transaction().id().value());
        assertThat(event.truth().accountId()).isEqualTo(event.key());
      }
    }
  }

  @Test
  void shouldDecodeEveryValueToItsTransactionAndUseAllFormats() {
    TransactionDecoder decoder = new TransactionDecoder();
    Map<InputFormat, Integer> formats = new HashMap<>();
    for (SimulatedEvent event : events) {
      DecodeResult result = decoder.decode(event.value());
      assertThat(result).isEqualTo(new DecodeResult.Accepted(event.transaction(), event.format()));
      formats.merge(event.format(), 1, Integer::sum);
    }
    assertThat(formats.get(InputFormat.CANONICAL)).isGreaterThan(events.size() / 2);
    assertThat(formats.get(InputFormat.KAFKA_GENERATOR)).isGreaterThan(events.size() / 20);
    assertThat(formats.get(InputFormat.WEB_STORE)).isGreaterThan(events.size() / 40);
  }

  @Test
  void shouldBuildSharingRingsOfFourToThirtyAccountsOnOneIdentifier() {
    for (Scenario scenario : List.of(Scenario.DEVICE_RING, Scenario.IP_RING)) {
      Map<String, List<SimulatedEvent>> rings = byRing(scenario);
      assertThat(rings).isNotEmpty();
      rings.forEach(
          (ringId, ringEvents) -> {
            assertThat(ringId).startsWith("R-7-");
            Set<String> members =
                ringEvents.stream().map(SimulatedEvent::key).collect(Collectors.toSet());
            assertThat(members).hasSizeBetween(4, 30);
            Set<String> shared =
                ringEvents.stream()
                    .map(
                        e ->
                            String.valueOf(
                                scenario == Scenario.DEVICE_RING
                                    ? e.transaction().device()
                                    : e.transaction().ip()))
                    .collect(Collectors.toSet());
            assertThat(shared).hasSize(1);
          });
    }
  }

  @Test
  void shouldCloseEveryTransferLoopOfThreeToEightHops() {
    Map<String, List<SimulatedEvent>> loops = byRing(Scenario.TRANSFER_LOOP);
    assertThat(loops).isNotEmpty();
    loops.forEach(
        (ringId, loop) -> {
          Map<String, String> next = new HashMap<>();
          for (SimulatedEvent e : loop) {
            Transaction t = e.transaction();
            assertThat(next.put(t.account().value(), t.counterparty().value())).isNull();
          }
          assertThat(next).hasSizeBetween(3, 8);
          String start = loop.get(0).key();
          String at = start;
          Set<String> visited = new HashSet<>();
          do {
            assertThat(visited.add(at)).isTrue();
            at = next.get(at);
          } while (!start.equals(at));
          assertThat(visited).isEqualTo(next.keySet());
        });
  }

  @Test
  void shouldFunnelFanInToOneMuleAndFanOutFromOneSource() {
    byRing(Scenario.FAN_IN)
        .values()
        .forEach(
            ring -> {
              Map<String, Long> inbound =
                  ring.stream()
                      .filter(e -> e.transaction().isTransfer())
                      .collect(
                          Collectors.groupingBy(
                              e -> e.transaction().counterparty().value(), Collectors.counting()));
              assertThat(inbound.values().stream().mapToLong(Long::longValue).max().orElse(0))
                  .isGreaterThanOrEqualTo(5);
            });
    byRing(Scenario.FAN_OUT)
        .values()
        .forEach(
            ring -> {
              Map<String, Long> outbound =
                  ring.stream()
                      .filter(e -> e.transaction().isTransfer())
                      .collect(Collectors.groupingBy(SimulatedEvent::key, Collectors.counting()));
              assertThat(outbound).hasSize(1);
              assertThat(outbound.values().iterator().next()).isGreaterThanOrEqualTo(5);
            });
    assertThat(byRing(Scenario.FAN_IN)).isNotEmpty();
    assertThat(byRing(Scenario.FAN_OUT)).isNotEmpty();
  }

  @Test
  void shouldSwipeOneCardTenTimesWithinAMinuteInVelocityAttacks() {
    Map<String, List<Transaction>> byCard =
        events.stream()
            .filter(e -> e.isFraud() && e.truth().scenario() == Scenario.VELOCITY)
            .map(SimulatedEvent::transaction)
            .collect(Collectors.groupingBy(t -> t.card().value()));
    assertThat(byCard).isNotEmpty();
    byCard
        .values()
        .forEach(
            swipes -> {
              assertThat(swipes.size()).isGreaterThanOrEqualTo(10);
              Instant first = swipes.get(0).timestamp();
              assertThat(swipes.get(swipes.size() - 1).timestamp()).isBefore(first.plusSeconds(60));
            });
  }

  @Test
  void shouldMarkDiscountAbuseAsHighDiscountPriorityShippingSales() {
    List<Transaction> abuse =
        events.stream()
            .filter(e -> e.isFraud() && e.truth().scenario() == Scenario.DISCOUNT_ABUSE)
            .map(SimulatedEvent::transaction)
            .toList();
    assertThat(abuse)
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.store().isSale()).isTrue();
              assertThat(t.store().discount()).isGreaterThan(new java.math.BigDecimal("50"));
              assertThat(t.store().priorityShipping()).isTrue();
            });
  }

  @Test
  void shouldSharePublicIpsAcrossManyBenignAccountsAndDevicesWithinFamilies() {
    Map<String, Set<String>> accountsByIp = new HashMap<>();
    Map<String, Set<String>> accountsByDevice = new HashMap<>();
    events.stream()
        .filter(e -> !e.isFraud())
        .map(SimulatedEvent::transaction)
        .forEach(
            t -> {
              if (t.ip() != null) {
                accountsByIp
                    .computeIfAbsent(t.ip().value(), k -> new HashSet<>())
                    .add(t.account().value());
              }
              if (t.device() != null) {
                accountsByDevice
                    .computeIfAbsent(t.device().value(), k -> new HashSet<>())
                    .add(t.account().value());
              }
            });
    for (String ip : Simulator.PUBLIC_IPS) {
      assertThat(accountsByIp.get(ip)).hasSizeGreaterThan(50);
    }
    assertThat(accountsByDevice.values().stream().filter(s -> s.size() >= 2).count())
        .isGreaterThan(20);
    assertThat(accountsByDevice.values().stream().mapToInt(Set::size).max().orElse(0))
        .isLessThanOrEqualTo(4);
  }

  @Test
  void shouldSkewActivityTowardsFewAccounts() {
    Map<String, Long> perAccount =
        events.stream()
            .filter(e -> !e.isFraud())
            .collect(Collectors.groupingBy(SimulatedEvent::key, Collectors.counting()));
    long[] counts = perAccount.values().stream().mapToLong(Long::longValue).sorted().toArray();
    long top = Arrays.stream(counts, Math.max(0, counts.length - 20), counts.length).sum();
    assertThat(top).isGreaterThan(events.size() / 5);
  }

  @Test
  void shouldWriteTruthCsvWithHeaderAndOneRowPerFraudEvent() throws Exception {
    StringWriter out = new StringWriter();
    try (TruthCsv csv = new TruthCsv(out)) {
      for (SimulatedEvent e : events) {
        if (e.isFraud()) {
          csv.write(e.truth());
        }
      }
    }
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).isEqualTo("event_id,account_id,scenario,ring_id");
    assertThat(lines.length - 1).isEqualTo(events.stream().filter(SimulatedEvent::isFraud).count());
    assertThat(TruthCsv.line(new TruthRow("t,1", "a", Scenario.VELOCITY, null)))
        .isEqualTo("\"t,1\",a,VELOCITY,");
  }
}
