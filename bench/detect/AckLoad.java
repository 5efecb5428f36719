import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The peer of {@code POST /detect} without the service: a plain {@code KafkaProducer} with the
 * endpoint's settings ({@code acks=all}, idempotent, {@code linger.ms=0}) sends, on an open-loop
 * schedule of RATE "answers" a second, RECORDS records of about the endpoint's sizes per answer
 * (the event to {@code transactions}, the decision to {@code decisions}, ...), and measures from
 * each answer's scheduled time until the broker has acknowledged all of its records. That is the
 * least any answer that waits for the broker can take on this machine: the floor under the
 * endpoint's latency (ADR 0019 answers after {@code acks=all}).
 *
 * <p>Usage: {@code java -cp KAFKA_CLIENTS_CLASSPATH bench/detect/AckLoad.java BOOTSTRAP RATE
 * SECONDS [WARMUP_SECONDS [RECORDS]]} (defaults: 10 s warm-up, 2 records per answer).
 */
public final class AckLoad {
  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args[0].equals("--help")) {
      System.err.println(
          "usage: java -cp CLASSPATH AckLoad.java BOOTSTRAP RATE SECONDS [WARMUP_SECONDS [RECORDS]]\n"
              + "  open-loop acks=all sends: RATE answers/s of RECORDS records each for SECONDS\n"
              + "  after a warm-up; prints latency percentiles from each scheduled send to its"
              + " last acknowledgment");
      System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
    }
    String bootstrap = args[0];
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int records = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    if (rate <= 0 || seconds <= 0 || warmup < 0 || records <= 0) {
      System.err.println("RATE, SECONDS and RECORDS must be positive, WARMUP_SECONDS >= 0");
      System.exit(2);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    // topics of its own (created by the broker on first use), so that the stack's service does
    // not consume these records
    String[] topics = {"ackload-events", "ackload-decisions", "ackload-alerts"};
    byte[] event = new byte[420];
    byte[] decision = new byte[380];
    Arrays.fill(event, (byte) 'e');
    Arrays.fill(decision, (byte) 'd');
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      if (warmup > 0) {
        run(producer, topics, event, decision, rate, warmup, records, "warm-up", false);
      }
      run(producer, topics, event, decision, rate, seconds, records, "measured", true);
    }
  }

  private static void run(
      KafkaProducer<byte[], byte[]> producer,
      String[] topics,
      byte[] event,
      byte[] decision,
      int rate,
      int seconds,
      int records,
      String phase,
      boolean percentiles)
      throws InterruptedException {
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicInteger done = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime() + 50_000_000L;
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 200_000));
      }
      int answer = i;
      AtomicInteger left = new AtomicInteger(records);
      byte[] key = ("acc-" + (i % 5000)).getBytes();
      for (int r = 0; r < records; r++) {
        producer.send(
            new ProducerRecord<>(topics[Math.min(r, topics.length - 1)], key, r == 0 ? event : decision),
            (metadata, failure) -> {
              if (failure != null) {
                errors.incrementAndGet();
              }
              if (left.decrementAndGet() == 0) {
                latencies[answer] = System.nanoTime() - scheduled;
                done.incrementAndGet();
              }
            });
      }
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (done.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long elapsed = System.nanoTime() - start;
    System.out.printf(
        Locale.ROOT,
        "%s: %d answers of %d records at %d/s offered, %.0f/s achieved, errors %d%n",
        phase,
        done.get(),
        records,
        rate,
        done.get() / (elapsed / 1e9),
        errors.get());
    if (percentiles) {
      long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "latency from scheduled send to the last acknowledgment (ms): p50 %.2f  p90 %.2f  p99"
              + " %.2f  p99.9 %.2f  max %.2f%n",
          at(sorted, 0.50),
          at(sorted, 0.90),
          at(sorted, 0.99),
          at(sorted, 0.999),
          sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }
  }

  private static double at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
