package io.ringwatch.gremlin.bench;

import static io.ringwatch.gremlin.Schema.*;

import io.ringwatch.gremlin.GraphSettings;
import io.ringwatch.gremlin.RingwatchGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Random;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.janusgraph.core.JanusGraph;
import org.janusgraph.core.JanusGraphFactory;
import org.janusgraph.core.JanusGraphTransaction;

/**
 * A seeded benchmark graph of {@code accounts} accounts on BerkeleyJE, bulk loaded once into a
 * directory and reused while its {@code COMPLETE} marker is there.
 *
 * <p>Shape (seed 7): accounts live in households of 1 to 4 that share one device and one home IP;
 * 30% of accounts also have a device of their own; 4% also connect from one of 20 public IPs (about
 * 2,000 accounts each, the hubs a per-event lookup must stay cheap on); 20% of accounts make one
 * payment to a merchant of Zipf-like popularity (20,000 merchants); 10% make one transfer to a
 * random account. 2,000 rings of 5 to 20 accounts (about 25,000 accounts) share a ring device and
 * have {@code ring} vertices (score 0.5 to 1.0, ACTIVE) with current {@code member_of} edges, the
 * way {@code RingWriter} stores them. At 1M accounts: about 2.6M vertices and 3.7M edges.
 *
 * <p>Loading uses JanusGraph's bulk recipe: the schema installed first (by {@link
 * RingwatchGraph#open}, then the graph reopened for loading), {@code storage.batch-loading=true}
 * (no locks, no consistency checks), {@code ids.block-size} raised so id allocation is rare,
 * transactions of {@value #CHUNK} accounts with their edges, vertices referred to by their ids
 * without existence checks.
 */
public final class MillionAccountGraph {

  /** Accounts per bulk transaction. */
  static final int CHUNK = 5_000;

  static final int MERCHANTS = 20_000;
  static final int PUBLIC_IPS = 20;
  static final int RINGS = 2_000;

  /**
   * Accounts with one payment edge. Kept low: a payment edge costs five storage entries (both
   * directions, two vertex-centric indexes, the txId index) and neither the per-event lookup nor
   * the ring queries read payments.
   */
  static final int PAYING_PERCENT = 20;

  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private MillionAccountGraph() {}

  /** Builds (or reuses) the graph of {@code args[1]} accounts (default 1M) in {@code args[0]}. */
  public static void main(String[] args) {
    ensure(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
  }

  /** The account id of account number {@code i}. */
  public static String accountId(int i) {
    return "acc-" + i;
  }

  /** The directory's graph, built first when it is not complete; returns the directory. */
  public static Path ensure(Path directory, int accounts) {
    Path marker = directory.resolve("COMPLETE-" + accounts);
    if (Files.exists(marker)) {
      System.out.printf("MillionAccountGraph: reusing %s%n", directory);
      return directory;
    }
    deleteRecursively(directory);
    long start = System.nanoTime();
    // Schema first, in a normal open: BerkeleyJE cannot run the management system's transactions
    // while storage.batch-loading makes its storage non-transactional.
    RingwatchGraph.open(GraphSettings.berkeleyJe(directory)).close();
    GraphSettings settings =
        GraphSettings.berkeleyJe(directory)
            .with("storage.batch-loading", System.getProperty("benchmark.batchLoading", "false"))
            .with("ids.block-size", "2000000")
            .with("ids.renew-percentage", "0.2")
            .with("storage.berkeleyje.cache-percentage", "40")
            .with("cache.db-cache", "false");
    JanusGraphFactory.Builder builder = JanusGraphFactory.build();
    settings.janusGraphProperties().forEach(builder::set);
    JanusGraph graph = builder.open();
    try {
      new Loader(graph, accounts, new Random(7)).load();
    } finally {
      graph.close();
    }
    try {
      Files.writeString(marker, Instant.now().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.printf(
        "MillionAccountGraph: built %d accounts in %.0f s into %s%n",
        accounts, (System.nanoTime() - start) / 1e9, directory);
    return directory;
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the graph with the seeded shape above. */
  private static final class Loader {
    private final JanusGraph graph;
    private final int accounts;
    private final Random random;
    private final long[] accountVertex;
    private final long[] merchantVertex = new long[MERCHANTS];
    private final long[] publicIpVertex = new long[PUBLIC_IPS];
    private long txSeq;
    private long edges;
    private long vertices;

    Loader(JanusGraph graph, int accounts, Random random) {
      this.graph = graph;
      this.accounts = accounts;
      this.random = random;
      this.accountVertex = new long[accounts];
    }

    void load() {
      long start = System.nanoTime();
      inTx(
          tx -> {
            for (int m = 0; m < MERCHANTS; m++) {
              merchantVertex[m] = id(tx.addVertex(T.label, MERCHANT, MERCHANT_ID, "mer-" + m));
            }
            for (int p = 0; p < PUBLIC_IPS; p++) {
              publicIpVertex[p] = id(tx.addVertex(T.label, IP, ADDRESS, "198.51.100." + p));
            }
          });
      int next = 0;
      int household = 0;
      while (next < accounts) {
        int from = next;
        int to = Math.min(accounts, from + CHUNK);
        int[] cursor = {from};
        int[] households = {household};
        inTx(
            tx -> {
              while (cursor[0] < to) {
                int size = Math.min(to - cursor[0], 1 + geometric(0.55, 3));
                household(tx, households[0]++, cursor[0], size);
                cursor[0] += size;
              }
            });
        next = to;
        household = households[0];
        if ((next / CHUNK) % 40 == 0) {
          progress("accounts", next, start);
        }
      }
      progress("accounts", accounts, start);
      for (int from = 0; from < accounts; from += CHUNK * 4) {
        int f = from;
        inTx(
            tx -> {
              for (int i = f; i < Math.min(accounts, f + CHUNK * 4); i++) {
                if (random.nextInt(10) == 0) {
                  int to = random.nextInt(accounts);
                  if (to != i) {
                    transfer(tx, i, to);
                  }
                }
              }
            });
      }
      progress("transfers", accounts, start);
      rings(start);
      progress("rings", accounts, start);
    }

    private void household(JanusGraphTransaction tx, int household, int first, int size) {
      Vertex device = tx.addVertex(T.label, DEVICE, DEVICE_ID, "hh-dev-" + household);
      Vertex ip = tx.addVertex(T.label, IP, ADDRESS, homeIp(household));
      vertices += 2;
      for (int i = first; i < first + size; i++) {
        Vertex account = tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, accountId(i));
        vertices++;
        accountVertex[i] = id(account);
        Date seen = Date.from(T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))));
        pair(account, USES, device, seen);
        pair(account, CONNECTS_FROM, ip, seen);
        if (random.nextInt(10) < 3) {
          Vertex own = tx.addVertex(T.label, DEVICE, DEVICE_ID, "dev-" + i);
          vertices++;
          pair(account, USES, own, seen);
        }
        if (random.nextInt(100) < 4) {
          pair(
              account,
              CONNECTS_FROM,
              tx.getVertex(publicIpVertex[random.nextInt(PUBLIC_IPS)]),
              seen);
        }
        if (random.nextInt(100) < PAYING_PERCENT) {
          Vertex merchant = tx.getVertex(merchantVertex[zipfMerchant()]);
          account.addEdge(
              PAYS,
              merchant,
              TX_ID,
              "tx-" + txSeq++,
              AMOUNT,
              1 + random.nextInt(50_000) / 100.0,
              CURRENCY,
              "EUR",
              CHANNEL,
              "CARD",
              TS,
              Date.from(T0.plus(Duration.ofSeconds(random.nextInt(3600 * 24 * 30)))));
          edges++;
        }
      }
    }

    private void transfer(JanusGraphTransaction tx, int from, int to) {
      tx.getVertex(accountVertex[from])
          .addEdge(
              TRANSFERS,
              tx.getVertex(accountVertex[to]),
              TX_ID,
              "tx-" + txSeq++,
              AMOUNT,
              1 + random.nextInt(100_000) / 100.0,
              CURRENCY,
              "EUR",
              CHANNEL,
              "TRANSFER",
              TS,
              Date.from(T0.plus(Duration.ofSeconds(random.nextInt(3600 * 24 * 30)))));
      edges++;
    }

    private void rings(long start) {
      for (int r0 = 0; r0 < RINGS; r0 += 200) {
        int first = r0;
        inTx(
            tx -> {
              for (int r = first; r < Math.min(RINGS, first + 200); r++) {
                Date since = Date.from(T0.plus(Duration.ofHours(random.nextInt(24 * 30))));
                Vertex ring =
                    tx.addVertex(
                        T.label,
                        RING,
                        RING_ID,
                        "ring-" + r,
                        KIND,
                        "COMMUNITY",
                        SCORE,
                        0.5 + random.nextInt(50) / 100.0,
                        STATUS,
                        RING_ACTIVE,
                        FIRST_SEEN,
                        since,
                        LAST_CHANGED,
                        since);
                Vertex device = tx.addVertex(T.label, DEVICE, DEVICE_ID, "ring-dev-" + r);
                vertices += 2;
                int size = 5 + random.nextInt(16);
                for (int k = 0; k < size; k++) {
                  Vertex account = tx.getVertex(accountVertex[random.nextInt(accounts)]);
                  account.addEdge(
                      MEMBER_OF, ring, SINCE, since, ROLE, "MEMBER", STATUS, MEMBER_CURRENT);
                  pair(account, USES, device, since);
                  edges++;
                }
              }
            });
      }
    }

    private void pair(Vertex account, String label, Vertex other, Date seen) {
      account.addEdge(label, other, FIRST_SEEN, seen, LAST_SEEN, seen, COUNT, 1L);
      edges++;
    }

    private static String homeIp(int household) {
      return "10."
          + ((household >> 16) & 0xff)
          + "."
          + ((household >> 8) & 0xff)
          + "."
          + (household & 0xff);
    }

    private int zipfMerchant() {
      // Popularity falls off like 1/rank: the exponential of a uniform over log(rank).
      return (int) Math.min(MERCHANTS - 1, Math.exp(random.nextDouble() * Math.log(MERCHANTS)) - 1);
    }

    private int geometric(double p, int max) {
      int n = 0;
      while (n < max && random.nextDouble() > p) {
        n++;
      }
      return n;
    }

    private static long id(Vertex v) {
      return (Long) v.id();
    }

    private void inTx(java.util.function.Consumer<JanusGraphTransaction> work) {
      JanusGraphTransaction tx =
          graph
              .buildTransaction()
              .consistencyChecks(false)
              .checkExternalVertexExistence(false)
              .checkInternalVertexExistence(false)
              .start();
      try {
        work.accept(tx);
        tx.commit();
      } catch (RuntimeException e) {
        tx.rollback();
        throw e;
      }
    }

    private void progress(String phase, int done, long start) {
      System.out.printf(
          "MillionAccountGraph: %s %d, %d vertices, %d edges, %.0f s%n",
          phase, done, vertices, edges, (System.nanoTime() - start) / 1e9);
    }
  }
}
