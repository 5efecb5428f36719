import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code GET /accounts/{id}/ring} latency from a second process: one request at a time (closed
 * loop, one kept-alive HTTP/1.1 connection) for seeded random accounts {@code acc-0 .. acc-(N-1)}
 * of the benchmark graph (MillionAccountGraph), a first pass (cold) and a second pass over the
 * same accounts (warm); latency is send to last byte of the answer, JSON decoding left out.
 *
 * <p>Usage: {@code java bench/ring/RingLoad.java BASE_URL ACCOUNTS REQUESTS [SEED]}, e.g. {@code
 * java bench/ring/RingLoad.java http://127.0.0.1:18080 1000000 10000}
 */
public final class RingLoad {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: java RingLoad.java BASE_URL ACCOUNTS REQUESTS [SEED]");
      System.exit(2);
    }
    String base = args[0];
    int accounts = Integer.parseInt(args[1]);
    int requests = Integer.parseInt(args[2]);
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Random random = new Random(seed);
    URI[] uris = new URI[requests];
    for (int i = 0; i < requests; i++) {
      uris[i] = URI.create(base + "/accounts/acc-" + random.nextInt(accounts) + "/ring");
    }
    run(client, uris, "cold (first pass)");
    run(client, uris, "warm (second pass)");
  }

  private static void run(HttpClient client, URI[] uris, String phase) throws Exception {
    long[] nanos = new long[uris.length];
    TreeMap<Integer, Integer> statuses = new TreeMap<>();
    int members = 0;
    for (int i = 0; i < uris.length; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(uris[i]).timeout(Duration.ofSeconds(30)).GET().build();
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      nanos[i] = System.nanoTime() - start;
      statuses.merge(response.statusCode(), 1, Integer::sum);
      if (response.body().contains("\"status\":\"member\"")) {
        members++;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%s, %,d requests: p50 %s  p99 %s  p99.9 %s  max %s µs; statuses %s; %d for ring"
            + " members%n",
        phase,
        uris.length,
        micros(nanos, 0.50),
        micros(nanos, 0.99),
        micros(nanos, 0.999),
        micros(nanos, 1),
        statuses,
        members);
  }

  private static String micros(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return String.format("%,.0f", sorted[Math.max(0, i)] / 1e3);
  }
}
