package io.ringwatch.detectors.rings.bench;

import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.detectors.rings.AccountProjection;
import io.ringwatch.detectors.rings.LeidenClustering;
import io.ringwatch.detectors.rings.ProjectionSettings;
import io.ringwatch.detectors.rings.RingTracker;
import io.ringwatch.detectors.rings.TrackerSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.UndirectedModularityMeasurer;
import org.jgrapht.alg.interfaces.ClusteringAlgorithm;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Benchmark of community detection on fraud-like graphs (not a test; run by {@code
 * bench/community/run.sh}). Builds n accounts in planted communities (sizes log-normal around a
 * median of 5), about 5 links per account (intra-community links, one random inter-community link,
 * a few hubs), writes the edge list and the planted truth, runs our Leiden (modularity at γ = 1, to
 * compare with igraph and NetworkX, and CPM at γ = 0.1, the production setting) on the whole graph,
 * and prints wall time, CPU time, modularity (JGraphT's {@link UndirectedModularityMeasurer}) and
 * adjusted Rand index against the planted communities as tab-separated lines. With {@code
 * --incremental} it also measures the amortised cost of one event on a warm ring tracker of the
 * same size.
 *
 * <p>Arguments: {@code n seed outDir [--incremental[=events]]} (10,000 events by default).
 */
public final class CommunityBench {
  private CommunityBench() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    Path out = Path.of(args[2]);
    int events = 0;
    for (int i = 3; i < args.length; i++) {
      if (args[i].startsWith("--incremental")) {
        events = args[i].contains("=") ? Integer.parseInt(args[i].split("=")[1]) : 10_000;
      }
    }
    Files.createDirectories(out);
    Random random = new Random(seed);
    int[] truth = new int[n];
    List<int[]> communities = plant(n, random, truth);
    Graph<Integer, DefaultWeightedEdge> graph =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int v = 0; v < n; v++) {
      graph.addVertex(v);
    }
    for (int[] c : communities) {
      for (int i = 0; i < c.length; i++) {
        // each member links to up to 3 others of its community (a ring: dense)
        for (int k = 0; k < Math.min(3, c.length - 1); k++) {
          int j = c[(i + 1 + random.nextInt(c.length - 1)) % c.length];
          link(graph, c[i], j);
        }
      }
    }
    for (int v = 0; v < n; v++) {
      link(graph, v, random.nextInt(n)); // one random link per account (benign noise)
    }
    int hubs = Math.max(5, n / 20_000);
    for (int h = 0; h < hubs; h++) {
      int hub = random.nextInt(n);
      for (int k = 0; k < 300; k++) {
        link(graph, hub, random.nextInt(n));
      }
    }
    long started = System.nanoTime();
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("edges.tsv"))) {
      for (DefaultWeightedEdge e : graph.edgeSet()) {
        w.write(graph.getEdgeSource(e) + "\t" + graph.getEdgeTarget(e) + "\t1\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("truth.tsv"))) {
      for (int v = 0; v < n; v++) {
        w.write(v + "\t" + truth[v] + "\n");
      }
    }
    System.out.printf(
        "graph\tnodes=%d\tedges=%d\tplanted=%d\twrite_ms=%d%n",
        n, graph.edgeSet().size(), communities.size(), (System.nanoTime() - started) / 1_000_000);
    run(
        "ringwatch-leiden-modularity",
        graph,
        LeidenClustering.Quality.MODULARITY,
        1.0,
        seed,
        truth,
        out);
    run("ringwatch-leiden-cpm0.1", graph, LeidenClustering.Quality.CPM, 0.1, seed, truth, out);
    // The runs above include the JIT compiling the algorithm in a fresh JVM; a running service
    // pays that once. The same again, warm:
    run(
        "ringwatch-leiden-modularity-warm",
        graph,
        LeidenClustering.Quality.MODULARITY,
        1.0,
        seed,
        truth,
        out);
    run("ringwatch-leiden-cpm0.1-warm", graph, LeidenClustering.Quality.CPM, 0.1, seed, truth, out);
    if (events > 0) {
      incremental(communities, n, seed, events);
    }
  }

  private static void link(Graph<Integer, DefaultWeightedEdge> g, int a, int b) {
    if (a != b && !g.containsEdge(a, b)) {
      g.addEdge(a, b);
    }
  }

  private static List<int[]> plant(int n, Random random, int[] truth) {
    List<int[]> communities = new ArrayList<>();
    int v = 0;
    while (v < n) {
      int size = (int) Math.round(Math.exp(Math.log(5) + 0.6 * random.nextGaussian()));
      size = Math.max(3, Math.min(300, Math.min(size, n - v)));
      if (size < 3) {
        size = n - v;
      }
      int[] c = new int[size];
      for (int i = 0; i < size; i++) {
        c[i] = v;
        truth[v++] = communities.size();
      }
      communities.add(c);
    }
    return communities;
  }

  private static void run(
      String name,
      Graph<Integer, DefaultWeightedEdge> graph,
      LeidenClustering.Quality quality,
      double resolution,
      long seed,
      int[] truth,
      Path out)
      throws IOException {
    long started = System.nanoTime();
    long cpuStarted = cpu();
    long processCpuStarted = processCpu();
    ClusteringAlgorithm.Clustering<Integer> clustering =
        new LeidenClustering<>(
                graph,
                quality,
                resolution,
                LeidenClustering.DEFAULT_THETA,
                LeidenClustering.DEFAULT_MAX_ITERATIONS,
                new Random(seed))
            .getClustering();
    long millis = (System.nanoTime() - started) / 1_000_000;
    long cpuMillis = (cpu() - cpuStarted) / 1_000_000;
    long processCpuMillis = (processCpu() - processCpuStarted) / 1_000_000;
    List<Set<Integer>> clusters = clustering.getClusters();
    double modularity = new UndirectedModularityMeasurer<>(graph).modularity(clusters);
    int[] found = new int[truth.length];
    for (int c = 0; c < clusters.size(); c++) {
      for (int v : clusters.get(c)) {
        found[v] = c;
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(out.resolve(name + ".tsv"))) {
      for (int v = 0; v < found.length; v++) {
        w.write(v + "\t" + found[v] + "\n");
      }
    }
    System.out.printf(
        "result\t%s\twall_s=%.2f\tcpu_s=%.2f\tprocess_cpu_s=%.2f\tmodularity=%.4f\tcommunities=%d"
            + "\tari=%.3f%n",
        name,
        millis / 1000.0,
        cpuMillis / 1000.0,
        processCpuMillis / 1000.0,
        modularity,
        clusters.size(),
        ari(truth, found));
  }

  /**
   * CPU time of the current thread (garbage collector and JIT threads excluded), in nanoseconds:
   * robust to other load on the machine.
   */
  private static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU time of the whole JVM (garbage collector and JIT threads included), in nanoseconds. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Adjusted Rand index of two partitions (Hubert and Arabie 1985). */
  static double ari(int[] a, int[] b) {
    Map<Long, Long> pairs = new HashMap<>();
    Map<Integer, Long> ca = new HashMap<>();
    Map<Integer, Long> cb = new HashMap<>();
    for (int i = 0; i < a.length; i++) {
      pairs.merge(((long) a[i] << 32) | b[i], 1L, Long::sum);
      ca.merge(a[i], 1L, Long::sum);
      cb.merge(b[i], 1L, Long::sum);
    }
    double index = pairs.values().stream().mapToDouble(CommunityBench::choose2).sum();
    double sa = ca.values().stream().mapToDouble(CommunityBench::choose2).sum();
    double sb = cb.values().stream().mapToDouble(CommunityBench::choose2).sum();
    double expected = sa * sb / choose2(a.length);
    return (index - expected) / ((sa + sb) / 2 - expected);
  }

  private static double choose2(long x) {
    return x * (x - 1) / 2.0;
  }

  /**
   * A warm tracker over the same communities (each shares a device, fraud-labelled so rings form;
   * one random transfer per account: one giant component), then a stream of events, each a payment
   * on a community's device or a random transfer, fed as the service does: accept each event,
   * re-cluster when the dirty threshold is reached (and once at the end). Reports the amortised
   * cost per event (accepting plus re-clustering, divided by the events), the batches' mean and
   * maximum, and the cost of re-clustering after every single event.
   */
  private static void incremental(List<int[]> communities, int n, long seed, int events) {
    Random random = new Random(seed + 1);
    RingTracker tracker =
        new RingTracker(
            new AccountProjection(ProjectionSettings.defaults()),
            TrackerSettings.defaults(),
            Clock.systemUTC());
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    long[] txId = {0};
    List<Transaction> warm = new ArrayList<>();
    for (int c = 0; c < communities.size(); c++) {
      for (int v : communities.get(c)) {
        warm.add(payment(txId[0]++, v, "dev-" + c, t, c % 50 == 0));
      }
    }
    for (int v = 0; v < n; v++) {
      warm.add(transfer(txId[0]++, v, random.nextInt(n), t));
    }
    long started = System.nanoTime();
    long warmCpu = cpu();
    tracker.accept(warm);
    int rings = tracker.recomputeAll().size();
    System.out.printf(
        "incremental\twarm_up_full_recompute_s=%.2f\tcpu_s=%.2f\taccounts=%d\tring_events=%d%n",
        (System.nanoTime() - started) / 1e9,
        (cpu() - warmCpu) / 1e9,
        tracker.accountCount(),
        rings);
    int batches = 0;
    long maxBatch = 0;
    long reclusterNanos = 0;
    long s = System.nanoTime();
    long cpuStarted = cpu();
    long processCpuStarted = processCpu();
    for (int k = 0; k < events; k++) {
      tracker.accept(List.of(event(random, communities, n, txId[0]++, t)));
      if (tracker.thresholdReached() || k == events - 1) {
        long b = System.nanoTime();
        tracker.reclusterDirty();
        long took = System.nanoTime() - b;
        reclusterNanos += took;
        maxBatch = Math.max(maxBatch, took);
        batches++;
      }
    }
    long total = System.nanoTime() - s;
    long totalCpu = cpu() - cpuStarted;
    long totalProcessCpu = processCpu() - processCpuStarted;
    System.out.printf(
        "incremental\tamortised_ms_per_event=%.3f\tcpu_ms_per_event=%.3f\tprocess_cpu_ms_per_event=%.3f"
            + " (%d events, %d re-clusterings at %d dirty accounts)\trecluster_ms_mean=%.0f"
            + "\trecluster_ms_max=%.0f%n",
        total / 1e6 / events,
        totalCpu / 1e6 / events,
        totalProcessCpu / 1e6 / events,
        events,
        batches,
        TrackerSettings.defaults().dirtyThreshold(),
        reclusterNanos / 1e6 / batches,
        maxBatch / 1e6);
    int single = 0;
    long singleNanos = 0;
    long singleCpu = cpu();
    while (single < 100 && (single < 5 || singleNanos < 20_000_000_000L)) {
      Transaction tx = event(random, communities, n, txId[0]++, t);
      long b = System.nanoTime();
      tracker.accept(List.of(tx));
      tracker.reclusterDirty();
      singleNanos += System.nanoTime() - b;
      single++;
    }
    singleCpu = cpu() - singleCpu;
    System.out.printf(
        "incremental\tper_single_event_recluster_ms=%.3f\tcpu_ms=%.3f (%d events, each"
            + " re-clustered alone)%n",
        singleNanos / 1e6 / single, singleCpu / 1e6 / single, single);
  }

  private static Transaction event(
      Random random, List<int[]> communities, int n, long id, Instant t) {
    if (random.nextBoolean()) {
      int c = random.nextInt(communities.size());
      int[] members = communities.get(c);
      return payment(id, members[random.nextInt(members.length)], "dev-" + c, t, false);
    }
    return transfer(id, random.nextInt(n), random.nextInt(n), t);
  }

  private static Transaction payment(
      long id, int account, String device, Instant t, boolean fraud) {
    return Transaction.builder()
        .id("b-" + id)
        .account(AccountId.of("acc-" + account))
        .amount("10.00")
        .timestamp(t.plusSeconds(id % 3600))
        .merchant(MerchantId.of("m-1"))
        .device(DeviceId.of(device))
        .fraudLabel(fraud)
        .build();
  }

  private static Transaction transfer(long id, int from, int to, Instant t) {
    if (from == to) {
      to = (to + 1) % Integer.MAX_VALUE;
    }
    return Transaction.builder()
        .id("b-" + id)
        .account(AccountId.of("acc-" + from))
        .counterparty(AccountId.of("acc-" + to))
        .amount("100.00")
        .timestamp(t.plusSeconds(id % 3600))
        .channel(Channel.TRANSFER)
        .build();
  }
}
