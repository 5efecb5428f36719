package io.ringwatch.service.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Valid records in every input format, written as users send them, with an independent oracle of
 * the vertices and edges they must produce. Seeded: the same seed gives the same records.
 */
final class FixtureRecords {
  /** One record to publish: its Kafka key and value. */
  record Raw(String key, byte[] value) {}

  final List<Raw> records = new ArrayList<>();
  private final Set<String> accounts = new HashSet<>();
  private final Set<String> devices = new HashSet<>();
  private final Set<String> ips = new HashSet<>();
  private final Set<String> merchants = new HashSet<>();
  private final Set<String> uses = new HashSet<>();
  private final Set<String> connects = new HashSet<>();
  private int payments;
  private int transfers;

  private final Random random;
  private final String prefix;
  private Instant clock = Instant.parse("2026-11-01T08:00:00Z");

  FixtureRecords(long seed, String prefix) {
    this.random = new Random(seed);
    this.prefix = prefix;
  }

  /** Canonical payments and transfers with devices and IPs shared between accounts. */
  FixtureRecords canonical(int count, int transferCount) {
    for (int i = 0; i < count; i++) {
      String tx = prefix + "can-" + i;
      String account = "A-" + random.nextInt(60);
      String device = "D-" + random.nextInt(30);
      String ip = "10.0." + random.nextInt(3) + "." + random.nextInt(10);
      boolean transfer = i < transferCount;
      String counterparty = null;
      String merchant = null;
      if (transfer) {
        do {
          counterparty = "A-" + random.nextInt(60);
        } while (counterparty.equals(account));
      } else {
        merchant = "M-" + random.nextInt(20);
      }
      String json =
          "{\"transaction_id\":\"%s\",\"account_id\":\"%s\",%s\"amount\":%d.%02d,\"currency\":\"EUR\",\"timestamp\":\"%s\",%s\"device_id\":\"%s\",\"ip\":\"%s\",\"location\":\"Lyon\",\"payment_method\":\"card\",\"channel\":\"%s\"}"
              .formatted(
                  tx,
                  account,
                  transfer ? "\"counterparty_id\":\"" + counterparty + "\"," : "",
                  1 + random.nextInt(900),
                  random.nextInt(100),
                  tick(),
                  transfer ? "" : "\"merchant_id\":\"" + merchant + "\",",
                  device,
                  ip,
                  transfer ? "transfer" : "card");
      add(account, json);
      accounts.add(account);
      devices.add(device);
      ips.add(ip);
      uses.add(account + ">" + device);
      connects.add(account + ">" + ip);
      if (transfer) {
        accounts.add(counterparty);
        transfers++;
      } else {
        merchants.add(merchant);
        payments++;
      }
    }
    return this;
  }

  /** Records shaped like the Kafka transaction generator's. */
  FixtureRecords kafkaGenerator(int count) {
    String[] categories = {"electronics", "grocery", "travel"};
    for (int i = 0; i < count; i++) {
      String user = "U-" + random.nextInt(20);
      String category = categories[random.nextInt(categories.length)];
      String json =
          "{\"transaction_id\":\"%s\",\"user_id\":\"%s\",\"amount\":%d.5,\"timestamp\":\"%s\",\"merchant_category\":\"%s\",\"location\":\"Paris\",\"payment_method\":\"credit_card\",\"is_fraud\":%d}"
              .formatted(
                  prefix + "gen-" + i,
                  user,
                  5 + random.nextInt(500),
                  tick(),
                  category,
                  i % 7 == 0 ? 1 : 0);
      add(user, json);
      accounts.add(user);
      merchants.add(category);
      payments++;
    }
    return this;
  }

  /** Web-store sale and inventory events of customers. */
  FixtureRecords webStore(int count) {
    for (int i = 0; i < count; i++) {
      String customer = "C-" + random.nextInt(15);
      String store = "S-" + random.nextInt(5);
      String type = i % 4 == 0 ? "inventory_event" : "sale_event";
      String json =
          "{\"id\":\"%s\",\"event_type\":\"%s\",\"store_id\":\"%s\",\"cust_id\":\"%s\",\"category\":\"toys\",\"sku\":\"SKU-%d\",\"price\":%d.99,\"qty\":%d,\"discount\":%d,\"gift_wrap\":false,\"priority_shipping\":%s,\"payment_method\":\"paypal\",\"ts\":\"%s\"}"
              .formatted(
                  prefix + "web-" + i,
                  type,
                  store,
                  customer,
                  random.nextInt(50),
                  1 + random.nextInt(80),
                  1 + random.nextInt(3),
                  random.nextInt(70),
                  random.nextBoolean(),
                  tick());
      add(customer, json);
      accounts.add(customer);
      merchants.add(store);
      payments++;
    }
    return this;
  }

  /** {@code POST /detect}-shaped payloads: an account and an IP, no merchant. */
  FixtureRecords detectPayloads(int count) {
    for (int i = 0; i < count; i++) {
      String account = "A-" + random.nextInt(10);
      String ip = "192.168.7." + random.nextInt(5);
      String json =
          "{\"event_id\":\"%s\",\"transaction_amount\":%d,\"ip_address\":\"%s\",\"account_id\":\"%s\",\"timestamp\":\"%s\"}"
              .formatted(prefix + "det-" + i, 10 + random.nextInt(1000), ip, account, tick());
      add(account, json);
      accounts.add(account);
      ips.add(ip);
      connects.add(account + ">" + ip);
      merchants.add("channel:API");
      payments++;
    }
    return this;
  }

  private void add(String key, String json) {
    records.add(new Raw(key, json.getBytes(StandardCharsets.UTF_8)));
  }

  private String tick() {
    clock = clock.plusSeconds(1 + random.nextInt(30));
    return clock.toString();
  }

  int transactions() {
    return payments + transfers;
  }

  Map<String, Long> expectedVertices() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("account", (long) accounts.size());
    expected.put("device", (long) devices.size());
    expected.put("ip", (long) ips.size());
    expected.put("merchant", (long) merchants.size());
    return expected;
  }

  Map<String, Long> expectedEdges() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("uses", (long) uses.size());
    expected.put("connects_from", (long) connects.size());
    expected.put("pays", (long) payments);
    expected.put("transfers", (long) transfers);
    return expected;
  }
}
