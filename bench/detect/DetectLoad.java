import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on {@code POST /detect} from a second process: requests are issued on a fixed
 * schedule whatever the answers do, and each latency is measured from the request's scheduled
 * time (so a stalled server shows up in the tail instead of slowing the generator down).
 *
 * <p>Usage: {@code java bench/detect/DetectLoad.java URL RATE SECONDS [WARMUP_SECONDS]}
 */
public final class DetectLoad {
  // Event ids unique to this run: a second run against the same stored graph must not measure
  // the repeated-id path.
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36) + "-";

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args[0].equals("--help")) {
      System.err.println("usage: java DetectLoad.java URL RATE SECONDS [WARMUP_SECONDS]");
      System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
    }
    URI uri = URI.create(args[0]);
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    run(client, uri, rate, warmup, "warm-up", false);
    run(client, uri, rate, seconds, "measured", true);
    System.exit(0);
  }

  private static void run(
      HttpClient client, URI uri, int rate, int seconds, String phase, boolean report)
      throws InterruptedException {
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicLong errors = new AtomicLong();
    AtomicLong non200 = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * intervalNanos;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      int n = i;
      String body =
          String.format(
              Locale.ROOT,
              "{\"event_id\":\"load-%s-%s-%d\",\"transaction_amount\":%d.%02d,"
                  + "\"ip_address\":\"10.%d.%d.%d\",\"account_id\":\"load-acc-%d\"}",
              RUN,
              phase + rate,
              n,
              5 + n % 400,
              n % 100,
              n % 7,
              (n / 7) % 250,
              n % 250,
              n % 5000);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                latencies[n] = System.nanoTime() - scheduled;
                if (failure != null) {
                  errors.incrementAndGet();
                } else if (response.statusCode() != 200) {
                  non200.incrementAndGet();
                }
                done.countDown();
              });
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (!report) {
      System.out.printf("%s: %d requests in %.1f s%n", phase, total, elapsed);
      return;
    }
    Arrays.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "%s: %d requests at %d/s offered, %.0f/s achieved, errors %d, non-200 %d%n"
            + "latency from scheduled send (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        phase,
        total,
        rate,
        total / elapsed,
        errors.get(),
        non200.get(),
        pct(latencies, 0.50),
        pct(latencies, 0.90),
        pct(latencies, 0.99),
        pct(latencies, 0.999),
        latencies[latencies.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
