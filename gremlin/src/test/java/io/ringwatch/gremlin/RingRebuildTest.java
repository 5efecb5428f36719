package io.ringwatch.gremlin;

import static io.ringwatch.gremlin.Transactions.T0;
import static io.ringwatch.gremlin.Transactions.aPayment;
import static io.ringwatch.gremlin.Transactions.aTransfer;
import static io.ringwatch.gremlin.Transactions.device;
import static io.ringwatch.gremlin.Transactions.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Identity;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.Ring;
import io.ringwatch.detectors.rings.RingEvent;
import io.ringwatch.detectors.rings.RingId;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ring tracker rebuilt from the graph at start-up (projection scanned from the store, stored
 * rings restored, then re-clustered) ends with the same rings, ids included, as the live tracker
 * that saw the events arrive, on a seeded stream; on both embedded backends, since the scan runs on
 * each store's own scan support.
 */
class RingRebuildTest {

  private static final TrackerSettings SETTINGS = TrackerSettings.defaults().withSeed(11);
  private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC);

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"inmemory", "berkeleyje"})
  void shouldRebuildTheSameRingsAsTheLiveTrackerFromTheGraph(String backend) {
    GraphSettings settings =
        backend.equals("inmemory") ? GraphSettings.inMemory() : GraphSettings.berkeleyJe(directory);
    try (RingwatchGraph graph = RingwatchGraph.open(settings)) {
      // given a seeded stream, seen live by a tracker and written to the graph with its rings
      List<Transaction> stream = seededStream(new Random(2026));
      AccountProjection liveProjection = new AccountProjection(ProjectionSettings.defaults());
      RingTracker live = new RingTracker(liveProjection, SETTINGS, CLOCK);
      for (int from = 0; from < stream.size(); from += 200) {
        List<Transaction> batch = stream.subList(from, Math.min(stream.size(), from + 200));
        graph.writer().write(batch);
        live.accept(batch);
      }
      persist(graph, live.reclusterDirty());
      Map<RingId, Set<AccountId>> liveRings = activeRings(live);
      assertThat(liveRings).as("the fixture forms rings").hasSizeGreaterThanOrEqualTo(10);

      // when a new tracker is rebuilt from the graph as the service does at start-up
      AccountProjection rebuiltProjection = new AccountProjection(ProjectionSettings.defaults());
      RingQueries.LoadResult loaded = graph.ringQueries().loadProjection(rebuiltProjection);
      RingTracker rebuilt = new RingTracker(rebuiltProjection, SETTINGS, CLOCK);
      rebuilt.restore(loaded.rings());
      List<RingEvent> afterRestart = rebuilt.reclusterDirty();

      // then it read every account and stored ring, and holds the live tracker's rings
      assertThat(loaded.accounts()).isEqualTo(liveProjection.accountCount());
      assertThat(loaded.transactions()).isEqualTo(stream.size());
      assertThat(loaded.rings()).hasSameSizeAs(live.rings());
      assertThat(activeRings(rebuilt)).isEqualTo(liveRings);
      assertThat(afterRestart).as("a restart announces no ring as new or changed").isEmpty();
      // and the projection links every account exactly as the live one does
      for (AccountId account : liveProjection.accounts()) {
        assertThat(rebuiltProjection.identifiersOf(account))
            .as("identifiers of %s", account)
            .isEqualTo(liveProjection.identifiersOf(account));
        assertThat(transfers(rebuiltProjection, account))
            .as("transfers of %s", account)
            .isEqualTo(transfers(liveProjection, account));
        assertThat(rebuiltProjection.activity(account)).isEqualTo(liveProjection.activity(account));
      }
    }
  }

  /** As RingService does: the latest state of every ring an event names. */
  private static void persist(RingwatchGraph graph, List<RingEvent> events) {
    Map<RingId, Ring> latest = new LinkedHashMap<>();
    events.forEach(e -> latest.put(e.ring().id(), e.ring()));
    graph.ringWriter().write(latest.values());
  }

  private static Set<String> transfers(AccountProjection projection, AccountId account) {
    return projection.transfersFrom(account).stream()
        .map(t -> t.txId() + "->" + t.to() + "@" + t.timestamp() + ":" + t.amount().doubleValue())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<RingId, Set<AccountId>> activeRings(RingTracker tracker) {
    return tracker.rings().stream()
        .filter(Ring::isActive)
        .collect(
            Collectors.toMap(
                Ring::id, r -> new TreeSet<>(r.memberIds()), (a, b) -> a, TreeMap::new));
  }

  /**
   * 30 rings of 5 to 8 accounts that share a ring device, pay each other round a loop and carry
   * fraud labels, some also sharing an SSN; 600 ordinary accounts in households of 1 to 3 sharing a
   * device and a home IP; 5% of everyone also on one public IP (a hub above the degree cap).
   */
  private static List<Transaction> seededStream(Random random) {
    List<Transaction> stream = new ArrayList<>();
    int[] tx = {0};
    for (int ring = 0; ring < 30; ring++) {
      int size = 5 + random.nextInt(4);
      String[] members = new String[size];
      for (int m = 0; m < size; m++) {
        members[m] = "R" + ring + "-" + m;
      }
      for (int m = 0; m < size; m++) {
        Transaction.Builder pay =
            aPayment("t" + tx[0]++, members[m], "m" + random.nextInt(50))
                .device(device("ring-dev-" + ring))
                .ip(ip("10.9." + ring + "." + m))
                .timestamp(T0.plusSeconds(random.nextInt(86_000)))
                .fraudLabel(random.nextInt(3) > 0);
        if (ring % 3 == 0) {
          pay.identity(new Identity("900-00-" + String.format("%04d", ring), null, null));
        }
        stream.add(pay.build());
        stream.add(
            aTransfer("t" + tx[0]++, members[m], members[(m + 1) % size])
                .timestamp(T0.plusSeconds(random.nextInt(86_000)))
                .build());
      }
    }
    for (int account = 0; account < 600; ) {
      int household = 1 + random.nextInt(3);
      String dev = "hh-dev-" + account;
      String home = "10.1." + (account / 250) + "." + (account % 250);
      for (int k = 0; k < household; k++, account++) {
        Transaction.Builder pay =
            aPayment("t" + tx[0]++, "A" + account, "m" + random.nextInt(50))
                .device(device(dev))
                .ip(ip(random.nextInt(20) == 0 ? "198.51.100.7" : home))
                .timestamp(T0.plusSeconds(random.nextInt(86_000)));
        stream.add(pay.build());
      }
    }
    java.util.Collections.shuffle(stream, random);
    return stream;
  }
}
