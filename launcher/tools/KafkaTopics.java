import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Waits until a Kafka broker answers {@code describeCluster}, then creates the topics that do not
 * exist yet. One JVM instead of one {@code kafka-topics.sh} per topic; run by {@code ./ringwatch} as
 * a single-file source program on the broker's classpath:
 *
 * <pre>java -cp "$(cat launcher/target/kafka.classpath)" launcher/tools/KafkaTopics.java \
 *     BOOTSTRAP TIMEOUT_SECONDS name:partitions ...</pre>
 *
 * Exit codes: 0 ready and topics exist, 1 not ready in time or creation failed, 2 bad usage.
 */
public class KafkaTopics {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: KafkaTopics BOOTSTRAP TIMEOUT_SECONDS [name:partitions ...]");
      System.exit(2);
    }
    String bootstrap = args[0];
    Instant deadline = Instant.now().plusSeconds(Long.parseLong(args[1]));
    List<NewTopic> wanted = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] spec = args[i].split(":", 2);
      int partitions = spec.length == 2 ? Integer.parseInt(spec[1]) : 1;
      wanted.add(new NewTopic(spec[0], partitions, (short) 1));
    }
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(config)) {
      Exception last = null;
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          break;
        } catch (Exception e) {
          last = e;
        }
        if (Instant.now().isAfter(deadline)) {
          System.err.println("Kafka at " + bootstrap + " not ready: " + last);
          System.exit(1);
        }
        Thread.sleep(Duration.ofMillis(250).toMillis());
      }
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
      for (NewTopic topic : wanted) {
        System.out.println(
            (missing.contains(topic) ? "created " : "exists  ")
                + topic.name()
                + (missing.contains(topic) ? " (" + topic.numPartitions() + " partitions)" : ""));
      }
    } catch (Exception e) {
      System.err.println("could not create topics on " + bootstrap + ": " + e);
      System.exit(1);
    }
  }
}
