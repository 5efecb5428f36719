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
 * A seeded benchmark graph of up to 1M accounts on BerkeleyJE, bulk loaded chunk by chunk into a
 * directory and reused: every committed chunk is recorded in {@code PROGRESS}, so a stopped build
 * resumes where it stopped, and any committed prefix of {@code n} accounts is itself a complete
 * benchmark graph of that shape.
 *
 * <p>Shape, per chunk of {@value #CHUNK} accounts (seeded by the chunk's number): accounts live in
 * households of 1 to 4 that share one device and one home IP; 30% of accounts also have a device of
 * their own; 4% also connect from one of {@value #PUBLIC_IPS} public IPs (about 2,000 accounts each
 * at 1M: the hubs a per-event lookup must stay cheap on); 20% make one payment to a merchant of
 * Zipf-like popularity ({@value #MERCHANTS} merchants); 10% make one transfer to another account of
 * the chunk; {@value #RINGS_PER_CHUNK} rings of 5 to 20 accounts of the chunk share a ring device
 * and have a {@code ring} vertex (score 0.5 to 1.0, ACTIVE) with current {@code member_of} edges,
 * stored as {@code RingWriter} stores them. At 1M accounts: 2,000 rings, about 2.3M vertices and
 * 3.4M edges.
 *
 * <p>Loading follows JanusGraph's bulk-loading advice as far as BerkeleyJE allows: the schema is
 * installed first (by {@link RingwatchGraph#open}), the graph is reopened with {@code
 * ids.block-size} raised so id allocation is rare, and each chunk is one transaction with {@code
 * consistencyChecks(false)} (no locks, no uniqueness reads) that refers to earlier vertices by id
 * without existence checks. {@code storage.batch-loading=true} is not used: it makes BerkeleyJE
 * non-transactional, and JanusGraph 1.1 then refuses the multi-threaded transactions it opens
 * internally to read the schema ("BerkeleyJE does not support non-transactional for multi threaded
 * tx").
 */
public final class MillionAccountGraph {

  /** Accounts per bulk transaction. */
  static final int CHUNK = 5_000;

  static final int MERCHANTS = 20_000;
  static final int PUBLIC_IPS = 20;
  static final int RINGS_PER_CHUNK = 10;

  /**
   * Accounts with one payment edge. Kept low: a payment edge costs five storage entries (both
   * directions, two vertex-centric indexes, the txId index) and neither the per-event lookup nor
   * the ring queries read payments.
   */
  static final int PAYING_PERCENT = 20;

  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private MillionAccountGraph() {}

  /**
   * Builds (or resumes) the graph of {@code args[1]} accounts (default 1M) in {@code args[0]}; stop
   * it any time, the committed prefix stays usable.
   */
  public static void main(String[] args) {
    ensure(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
  }

  /** The account id of account number {@code i}. */
  public static String accountId(int i) {
    return "acc-" + i;
  }

  /** The ring id of ring number {@code ring}. */
  public static String ringId(int ring) {
    return "ring-" + ring;
  }

  /** Accounts committed in {@code directory} so far, 0 when there is no graph. */
  public static int accountsBuilt(Path directory) {
    Path progress = directory.resolve("PROGRESS");
    try {
      return Files.exists(progress) ? Integer.parseInt(Files.readString(progress).trim()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the directory's graph up to {@code accounts} accounts, resuming a stopped build. */
  public static Path ensure(Path directory, int accounts) {
    int done = accountsBuilt(directory);
    if (done >= accounts) {
      System.out.printf("MillionAccountGraph: reusing %d accounts in %s%n", done, directory);
      return directory;
    }
    long start = System.nanoTime();
    // Schema first, in a normal open (a no-op when it is there).
    RingwatchGraph.open(GraphSettings.berkeleyJe(directory)).close();
    GraphSettings settings =
        GraphSettings.berkeleyJe(directory)
            .with("ids.block-size", "2000000")
            .with("ids.renew-percentage", "0.2")
            .with("storage.berkeleyje.cache-percentage", "40");
    JanusGraphFactory.Builder builder = JanusGraphFactory.build();
    settings.janusGraphProperties().forEach(builder::set);
    JanusGraph graph = builder.open();
    try {
      new Loader(graph, directory).load(done, accounts, start);
    } finally {
      graph.close();
    }
    System.out.printf(
        "MillionAccountGraph: %d accounts in %s after %.0f s%n",
        accountsBuilt(directory), directory, (System.nanoTime() - start) / 1e9);
    return directory;
  }

  /** Loads chunks with the seeded shape above. */
  private static final class Loader {
    private final JanusGraph graph;
    private final Path directory;
    private final long[] merchantVertex = new long[MERCHANTS];
    private final long[] publicIpVertex = new long[PUBLIC_IPS];
    private Random random;

    Loader(JanusGraph graph, Path directory) {
      this.graph = graph;
      this.directory = directory;
    }

    void load(int done, int accounts, long start) {
      shared(done == 0);
      for (int from = done; from < accounts; from += CHUNK) {
        int chunk = from / CHUNK;
        int to = Math.min(accounts, from + CHUNK);
        int first = from;
        random = new Random(7L * 1_000_003L + chunk);
        inTx(tx -> chunk(tx, chunk, first, to));
        record(to);
        if (chunk % 10 == 9 || to == accounts) {
          System.out.printf(
              "MillionAccountGraph: %d accounts, %.0f s%n", to, (System.nanoTime() - start) / 1e9);
        }
      }
    }

    /** Merchants and public IPs: created on the first run, their ids kept in a file. */
    private void shared(boolean create) {
      Path ids = directory.resolve("SHARED-IDS");
      try {
        if (create) {
          inTx(
              tx -> {
                for (int m = 0; m < MERCHANTS; m++) {
                  merchantVertex[m] = id(tx.addVertex(T.label, MERCHANT, MERCHANT_ID, "mer-" + m));
                }
                for (int p = 0; p < PUBLIC_IPS; p++) {
                  publicIpVertex[p] = id(tx.addVertex(T.label, IP, ADDRESS, "198.51.100." + p));
                }
              });
          StringBuilder text = new StringBuilder();
          for (long id : merchantVertex) {
            text.append(id).append('\n');
          }
          for (long id : publicIpVertex) {
            text.append(id).append('\n');
          }
          Files.writeString(ids, text);
        } else {
          String[] lines = Files.readString(ids).split("\n");
          for (int m = 0; m < MERCHANTS; m++) {
            merchantVertex[m] = Long.parseLong(lines[m]);
          }
          for (int p = 0; p < PUBLIC_IPS; p++) {
            publicIpVertex[p] = Long.parseLong(lines[MERCHANTS + p]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void record(int accounts) {
      try {
        Path tmp = directory.resolve("PROGRESS.tmp");
        Files.writeString(tmp, Integer.toString(accounts));
        Files.move(
            tmp,
            directory.resolve("PROGRESS"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void chunk(JanusGraphTransaction tx, int chunk, int from, int to) {
      Vertex[] accounts = new Vertex[to - from];
      int household = 0;
      for (int i = from; i < to; ) {
        int size = Math.min(to - i, 1 + geometric(0.55, 3));
        int name = chunk * CHUNK + household++;
        Vertex device = tx.addVertex(T.label, DEVICE, DEVICE_ID, "hh-dev-" + name);
        Vertex ip =
            tx.addVertex(
                T.label,
                IP,
                ADDRESS,
                "10." + (name >> 16 & 0xff) + "." + (name >> 8 & 0xff) + "." + (name & 0xff));
        for (int k = i; k < i + size; k++) {
          Vertex account = tx.addVertex(T.label, ACCOUNT, ACCOUNT_ID, accountId(k));
          accounts[k - from] = account;
          Date seen = at(Duration.ofDays(30));
          pair(account, USES, device, seen);
          pair(account, CONNECTS_FROM, ip, seen);
          if (random.nextInt(10) < 3) {
            pair(account, USES, tx.addVertex(T.label, DEVICE, DEVICE_ID, "dev-" + k), seen);
          }
          if (random.nextInt(100) < 4) {
            pair(
                account,
                CONNECTS_FROM,
                tx.getVertex(publicIpVertex[random.nextInt(PUBLIC_IPS)]),
                seen);
          }
          if (random.nextInt(100) < PAYING_PERCENT) {
            money(account, PAYS, tx.getVertex(merchantVertex[zipfMerchant()]), "CARD", k);
          }
        }
        i += size;
      }
      for (int k = 0; k < accounts.length; k++) {
        if (random.nextInt(10) == 0) {
          int other = random.nextInt(accounts.length);
          if (other != k) {
            money(accounts[k], TRANSFERS, accounts[other], "TRANSFER", from + k);
          }
        }
      }
      for (int r = 0; r < RINGS_PER_CHUNK && accounts.length >= 20; r++) {
        int ring = chunk * RINGS_PER_CHUNK + r;
        Date since = at(Duration.ofDays(30));
        Vertex vertex =
            tx.addVertex(
                T.label,
                RING,
                RING_ID,
                ringId(ring),
                KIND,
                "COMMUNITY",
                SCORE,
                0.5 + random.nextInt(51) / 100.0,
                STATUS,
                RING_ACTIVE,
                FIRST_SEEN,
                since,
                LAST_CHANGED,
                since);
        Vertex device = tx.addVertex(T.label, DEVICE, DEVICE_ID, "ring-dev-" + ring);
        java.util.Set<Integer> members = new java.util.HashSet<>();
        int size = 5 + random.nextInt(16);
        while (members.size() < size) {
          members.add(random.nextInt(accounts.length));
        }
        for (int m : members) {
          accounts[m].addEdge(
              MEMBER_OF, vertex, SINCE, since, ROLE, "MEMBER", STATUS, MEMBER_CURRENT);
          pair(accounts[m], USES, device, since);
        }
      }
    }

    private void money(Vertex from, String label, Vertex to, String channel, int account) {
      from.addEdge(
          label,
          to,
          TX_ID,
          "tx-" + label + "-" + account,
          AMOUNT,
          1 + random.nextInt(100_000) / 100.0,
          CURRENCY,
          "EUR",
          CHANNEL,
          channel,
          TS,
          at(Duration.ofDays(30)));
    }

    private Date at(Duration within) {
      return Date.from(T0.plusSeconds((long) (random.nextDouble() * within.toSeconds())));
    }

    private static void pair(Vertex account, String label, Vertex other, Date seen) {
      account.addEdge(label, other, FIRST_SEEN, seen, LAST_SEEN, seen, COUNT, 1L);
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
  }
}
