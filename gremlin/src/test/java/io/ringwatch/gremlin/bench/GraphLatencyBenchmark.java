package io.ringwatch.gremlin.bench;

import static io.ringwatch.gremlin.Schema.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.features.GraphFeatures;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.JanusGraphFeatureLookup;
import io.ringwatch.gremlin.RingQueries;
import io.ringwatch.gremlin.RingwatchGraph;
import io.ringwatch.gremlin.dsl.FraudTraversalSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.janusgraph.core.JanusGraphTransaction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency on the {@link MillionAccountGraph} (BerkeleyJE, JanusGraph's database cache on): the
 * per-event graph-feature lookup ({@link JanusGraphFeatureLookup}) and the query path of {@code GET
 * /accounts/{id}/ring} ({@code AccountResource.ring}: the ring tracker rebuilt from the graph as
 * the service does at start-up, then per request {@code knows}, {@code ringsOf}, the membership and
 * {@code pathsFrom}; JSON and HTTP left out). Each over {@code benchmark.lookups} (20,000) seeded
 * random accounts, a first pass (cold: the first touch of each account) and a second pass over the
 * same accounts (warm), reporting p50/p99/p99.9/max.
 *
 * <p>Builds the graph first when {@code benchmark.graphDir} (default {@code target/bench-graph-1m})
 * holds fewer than {@code benchmark.accounts} (1,000,000) accounts; with {@code
 * -Dbenchmark.accounts=0} it measures whatever is there. With {@code -Dbenchmark.writePass=true}
 * (on a copy of the graph: it writes into it) the events are then committed through the transaction
 * writer, which tells the lookup what they changed, and looked up a third time. With {@code
 * -Dbenchmark.newLinks=N} one event in N (on average) uses a device the graph does not hold and,
 * independently, one in N the IP of another random account, so that the commit adds identifier
 * links (without, every event uses its account's own stored device and IP and adds none). Excluded
 * from the default build: {@code ./mvnw -o -pl gremlin test -Dbenchmark
 * -Dtest=GraphLatencyBenchmark}.
 */
@Tag("benchmark")
class GraphLatencyBenchmark {

  private static final Path DIRECTORY =
      Path.of(System.getProperty("benchmark.graphDir", "target/bench-graph-1m"));
  private static final int ACCOUNTS = Integer.getInteger("benchmark.accounts", 1_000_000);
  private static final int LOOKUPS = Integer.getInteger("benchmark.lookups", 20_000);
  private static final boolean FEATURES =
      Boolean.parseBoolean(System.getProperty("benchmark.features", "true"));

  /** Writes the events into the graph after the warm pass and times a third pass: modifies it. */
  private static final boolean WRITE_PASS =
      Boolean.parseBoolean(System.getProperty("benchmark.writePass", "false"));

  /** One event in this many gets a new device, one in this many another account's IP; 0: none. */
  private static final int NEW_LINKS = Integer.getInteger("benchmark.newLinks", 0);

  private static final boolean RING_PATH =
      Boolean.parseBoolean(System.getProperty("benchmark.ringPath", "true"));

  /** The same outside JUnit, with the same system properties. */
  public static void main(String[] args) {
    new GraphLatencyBenchmark().measureFeatureLookupAndAccountRingPath();
  }

  @Test
  void measureFeatureLookupAndAccountRingPath() {
    if (ACCOUNTS > 0) {
      MillionAccountGraph.ensure(DIRECTORY, ACCOUNTS);
    }
    int accounts = MillionAccountGraph.accountsBuilt(DIRECTORY);
    assertThat(accounts).as("accounts in " + DIRECTORY).isPositive();
    try (RingwatchGraph graph =
        RingwatchGraph.open(GraphSettings.berkeleyJe(DIRECTORY).withDatabaseCache())) {
      List<Transaction> events = events(graph, accounts, new Random(42));
      JanusGraphFeatureLookup lookup = graph.featureLookup(1000);
      int[] flagged = new int[1];
      Consumer<Transaction> feature =
          t -> {
            lookup.observe(t);
            GraphFeatures f = lookup.lookup(t);
            if (f.deviceMateInRing() || f.counterpartyInRing() || f.ringScore() > 0) {
              flagged[0]++;
            }
          };
      if (FEATURES) {
        long[][] cold = time(events, feature);
        long[][] warm = time(events, feature);
        report("feature lookup", accounts, cold, warm);
        if (WRITE_PASS) {
          // The writer commits the events in its batches of 100 and tells the lookup which
          // identifier links they added (ADR 0017, second addendum).
          for (int i = 0; i < events.size(); i += 100) {
            graph.writer().write(events.subList(i, Math.min(events.size(), i + 100)));
          }
          long[][] written = time(events, feature);
          line("after the events are written, wall", written[0]);
          line("after the events are written, cpu ", written[1]);
        }
        System.out.printf(
            "GraphLatencyBenchmark: %d of %d lookups saw a ring%n",
            flagged[0], (WRITE_PASS ? 3 : 2) * events.size());
      }

      if (RING_PATH) {
        RingTracker tracker = trackerAsTheServiceBuildsIt(graph);
        int[] members = new int[1];
        Consumer<Transaction> ringPath =
            t -> {
              AccountId account = t.account();
              if (!tracker.knows(account) && graph.queries().account(account).isEmpty()) {
                throw new AssertionError("unknown " + account);
              }
              List<Ring> of = tracker.ringsOf(account);
              if (!of.isEmpty()) {
                Ring ring = of.get(0);
                ring.membership(account).orElseThrow();
                tracker.pathsFrom(account, ring);
                members[0]++;
              }
            };
        long[][] ringCold = time(events, ringPath);
        long[][] ringWarm = time(events, ringPath);
        report("GET /accounts/{id}/ring path", accounts, ringCold, ringWarm);
        System.out.printf(
            "GraphLatencyBenchmark: %d of %d requests were for ring members%n",
            members[0], 2 * events.size());
      }
    }
  }

  /** As GraphLifecycle.ringTracker: projection loaded from the graph, stored rings restored. */
  private static RingTracker trackerAsTheServiceBuildsIt(RingwatchGraph graph) {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    AccountProjection projection = new AccountProjection(ProjectionSettings.defaults());
    RingQueries.LoadResult loaded = graph.ringQueries().loadProjection(projection);
    RingTracker tracker =
        new RingTracker(projection, TrackerSettings.defaults(), Clock.systemUTC());
    List<Ring> stored = loaded.rings();
    tracker.restore(stored);
    System.out.printf(
        "GraphLatencyBenchmark: ring tracker rebuilt in %.1f s, %.1f s of process CPU (%d"
            + " accounts, %d identifier uses, %d rings)%n",
        (System.nanoTime() - start) / 1e9,
        (processCpuNanos() - cpuStart) / 1e9,
        loaded.accounts(),
        loaded.identifierUses(),
        stored.size());
    return tracker;
  }

  /** CPU time of the whole process (every thread, GC included), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * One payment (one in ten a transfer to another random account) per sampled account, on its own
   * first device and IP as the graph stores them (read before timing).
   */
  private static List<Transaction> events(RingwatchGraph graph, int accounts, Random random) {
    List<Transaction> events = new ArrayList<>(LOOKUPS);
    // Its own generator: the accounts, amounts and transfers are the same with or without.
    Random links = new Random(43);
    JanusGraphTransaction tx = graph.janusGraph().buildTransaction().readOnly().start();
    try {
      FraudTraversalSource fraud = tx.traversal(FraudTraversalSource.class);
      Instant now = Instant.parse("2026-12-01T00:00:00Z");
      for (int i = 0; i < LOOKUPS; i++) {
        String account = MillionAccountGraph.accountId(random.nextInt(accounts));
        String device = (String) fraud.account(account).devices().values(DEVICE_ID).next();
        String ip = (String) fraud.account(account).ips().values(ADDRESS).next();
        if (NEW_LINKS > 0 && links.nextInt(NEW_LINKS) == 0) {
          device = "bench-device-" + i;
        }
        if (NEW_LINKS > 0 && links.nextInt(NEW_LINKS) == 0) {
          String other = MillionAccountGraph.accountId(links.nextInt(accounts));
          ip = (String) fraud.account(other).ips().values(ADDRESS).next();
        }
        Transaction.Builder b =
            Transaction.builder()
                .id("bench-" + i)
                .account(AccountId.of(account))
                .amount(BigDecimal.valueOf(1000 + random.nextInt(100_000), 2))
                .currency("EUR")
                .timestamp(now.plusSeconds(i))
                .device(DeviceId.of(device))
                .ip(IpAddress.of(ip));
        if (random.nextInt(10) == 0) {
          b.channel(Channel.TRANSFER)
              .counterparty(AccountId.of(MillionAccountGraph.accountId(random.nextInt(accounts))));
        } else {
          b.channel(Channel.CARD).merchant(MerchantId.of("mer-" + random.nextInt(100)));
        }
        events.add(b.build());
      }
    } finally {
      tx.rollback();
    }
    return events;
  }

  /**
   * Wall time and the thread's CPU time of each call, each sorted: on a loaded machine the wall
   * time's tail is mostly waiting for a core, the CPU time is what the work itself costs.
   */
  private static long[][] time(List<Transaction> events, Consumer<Transaction> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] wall = new long[events.size()];
    long[] cpu = new long[events.size()];
    for (int i = 0; i < events.size(); i++) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      work.accept(events.get(i));
      wall[i] = System.nanoTime() - start;
      cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new long[][] {wall, cpu};
  }

  private static void report(String what, int accounts, long[][] cold, long[][] warm) {
    System.out.printf(
        "GraphLatencyBenchmark: %s on %,d accounts, %,d lookups (µs)%n",
        what, accounts, cold[0].length);
    line("cold (first touch), wall", cold[0]);
    line("cold (first touch), cpu ", cold[1]);
    line("warm (second pass), wall", warm[0]);
    line("warm (second pass), cpu ", warm[1]);
  }

  private static void line(String label, long[] sorted) {
    System.out.printf(
        "  %s: p50 %s  p99 %s  p99.9 %s  max %s  mean %s%n",
        label,
        micros(sorted, 0.50),
        micros(sorted, 0.99),
        micros(sorted, 0.999),
        micros(sorted, 1),
        mean(sorted));
  }

  private static String micros(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return String.format("%,.0f", sorted[Math.max(0, i)] / 1e3);
  }

  private static String mean(long[] nanos) {
    return String.format("%,.0f", Arrays.stream(nanos).average().orElse(0) / 1e3);
  }
}
