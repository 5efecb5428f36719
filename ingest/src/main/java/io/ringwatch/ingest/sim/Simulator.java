package io.ringwatch.ingest.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringwatch.detectors.domain.AccountId;
import io.ringwatch.detectors.domain.CardId;
import io.ringwatch.detectors.domain.Channel;
import io.ringwatch.detectors.domain.DeviceId;
import io.ringwatch.detectors.domain.IpAddress;
import io.ringwatch.detectors.domain.MerchantId;
import io.ringwatch.detectors.domain.StoreDetails;
import io.ringwatch.detectors.domain.Transaction;
import io.ringwatch.ingest.CanonicalJson;
import io.ringwatch.ingest.DecodeResult;
import io.ringwatch.ingest.InputFormat;
import io.ringwatch.ingest.TransactionDecoder;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic generator of realistic transaction traffic with injected, labelled fraud.
 *
 * <p>Benign traffic arrives as a Poisson process at {@link SimulationConfig#ratePerSecond}: account
 * activity and merchant popularity follow Zipf laws (s = 1.1), families of 2–4 accounts share a
 * device, a few public IPs (cafés, carrier NAT) are shared by many accounts, and records come
 * mostly in the canonical format with a share of Kafka-generator and web-store shapes. Scenarios
 * are injected round-robin at regular event-time slots; each injection schedules all its events at
 * once and fits them before the end of a finite run, so rings are complete and loops close.
 *
 * <p>All randomness comes from one {@link Random} seeded by the config: each {@link #iterator()}
 * replays the same run. Each event costs O(log n) for the Zipf draws and the event-time queue.
 */
public final class Simulator implements Iterable<SimulatedEvent> {
  /** The shared public IPs of benign traffic (documentation ranges, RFC 5737). */
  public static final List<String> PUBLIC_IPS =
      List.of("203.0.113.10", "203.0.113.77", "198.51.100.23", "192.0.2.150");

  private final SimulationConfig config;

  public Simulator(SimulationConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  public SimulationConfig config() {
    return config;
  }

  /** A fresh run from the beginning, in event-time order. */
  @Override
  public Iterator<SimulatedEvent> iterator() {
    return new Run(config);
  }

  /** The events of a fresh run; endless when {@link SimulationConfig#seconds()} is 0. */
  public Stream<SimulatedEvent> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private record Pending(long seq, SimulatedEvent event) {}

  private static final class Run implements Iterator<SimulatedEvent> {
    private static final double ZIPF_S = 1.1;
    private static final double PUBLIC_IP_SHARE = 0.15;
    private static final String[] CITIES = {
      "New York, US", "London, GB", "Paris, FR", "Berlin, DE", "Madrid, ES", "Toronto, CA",
      "Sydney, AU", "Tokyo, JP", "Sao Paulo, BR", "Mumbai, IN", "Chicago, US", "Austin, US"
    };
    private static final String[] PAYMENT_METHODS = {
      "credit_card", "debit_card", "paypal", "apple_pay", "google_pay"
    };
    private static final String[] CATEGORIES = {
      "grocery",
      "electronics",
      "fashion",
      "travel",
      "restaurants",
      "fuel",
      "entertainment",
      "health",
      "home",
      "toys"
    };
    private static final int STORES = 12;

    private final SimulationConfig config;
    private final Random random;
    private final TransactionDecoder decoder = new TransactionDecoder();
    private final ObjectMapper json = new ObjectMapper();
    private final Instant end;
    private final List<Scenario> scenarios;
    private final Duration slot;

    private final String[] accounts;
    private final String[] devices;
    private final String[] homeIps;
    private final String[] locations;
    private final double[] accountCdf;
    private final String[] merchants;
    private final double[] merchantCdf;
    private final double[] storeCdf;

    private final PriorityQueue<Pending> queue =
        new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.event().transaction().timestamp())
                .thenComparingLong(Pending::seq));
    private long seq;
    private long txCounter;
    private int ringCounter;
    private int freshAccounts;
    private int scenarioIndex;
    private Instant nextBenign;
    private Instant nextInjection;
    private SimulatedEvent lookahead;

    Run(SimulationConfig config) {
      this.config = config;
      this.random = new Random(config.seed());
      this.end = config.seconds() == 0 ? null : config.start().plusSeconds(config.seconds());
      this.scenarios = new ArrayList<>(config.scenarios());
      Duration every = Duration.ofSeconds(15);
      if (end != null && !scenarios.isEmpty()) {
        Duration share = Duration.ofMillis(config.seconds() * 600 / scenarios.size());
        every = share.compareTo(every) < 0 ? share : every;
      }
      this.slot = every.isZero() ? Duration.ofMillis(1) : every;
      int n = config.accounts();
      accounts = new String[n];
      devices = new String[n];
      homeIps = new String[n];
      locations = new String[n];
      int household = 0;
      for (int i = 0; i < n; ) {
        int size = random.nextDouble() < 0.3 ? 2 + random.nextInt(3) : 1;
        String device = "dev-h" + household;
        String ip = privateIp(household);
        String city = CITIES[random.nextInt(CITIES.length)];
        for (int k = 0; k < size && i < n; k++, i++) {
          accounts[i] = String.format("acc-%06d", i + 1);
          devices[i] = device;
          homeIps[i] = ip;
          locations[i] = city;
        }
        household++;
      }
      accountCdf = zipfCdf(n);
      int merchantCount = Math.max(20, n / 20);
      merchants = new String[merchantCount];
      for (int i = 0; i < merchantCount; i++) {
        merchants[i] = String.format("mer-%04d", i + 1);
      }
      merchantCdf = zipfCdf(merchantCount);
      storeCdf = zipfCdf(STORES);
      nextBenign = config.start().plus(interArrival());
      nextInjection = scenarios.isEmpty() ? null : config.start().plus(slot.dividedBy(2));
    }

    @Override
    public boolean hasNext() {
      if (lookahead == null) {
        lookahead = advance();
      }
      return lookahead != null;
    }

    @Override
    public SimulatedEvent next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the simulation is over");
      }
      SimulatedEvent event = lookahead;
      lookahead = null;
      return event;
    }

    private SimulatedEvent advance() {
      while (true) {
        if (nextInjection != null
            && !nextInjection.isAfter(nextBenign)
            && (end == null || nextInjection.isBefore(end))) {
          inject(nextInjection);
          nextInjection = nextInjection.plus(slot);
          continue;
        }
        Pending head = queue.peek();
        if (head != null && !head.event().transaction().timestamp().isAfter(nextBenign)) {
          return queue.poll().event();
        }
        if (end != null && !nextBenign.isBefore(end)) {
          return head == null ? null : queue.poll().event();
        }
        SimulatedEvent event = benign(nextBenign);
        nextBenign = nextBenign.plus(interArrival());
        return event;
      }
    }

    // ---- benign traffic

    private SimulatedEvent benign(Instant at) {
      double format = random.nextDouble();
      if (format < 0.80) {
        return benignCanonical(at);
      }
      if (format < 0.92) {
        return benignGenerator(at);
      }
      return benignStore(at);
    }

    private SimulatedEvent benignCanonical(Instant at) {
      int a = pick(accountCdf);
      double kind = random.nextDouble();
      Channel channel =
          kind < 0.55 ? Channel.CARD : kind < 0.90 ? Channel.ONLINE : Channel.TRANSFER;
      String ip =
          random.nextDouble() < PUBLIC_IP_SHARE
              ? PUBLIC_IPS.get(random.nextInt(PUBLIC_IPS.size()))
              : homeIps[a];
      Transaction.Builder tx =
          base(at, accounts[a], amount(3.2, 1.0), false)
              .channel(channel)
              .device(DeviceId.of(devices[a]))
              .ip(IpAddress.of(ip))
              .location(locations[a])
              .paymentMethod(PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)]);
      if (channel == Channel.TRANSFER) {
        int b = pick(accountCdf);
        if (b == a) {
          b = (a + 1) % accounts.length;
        }
        tx.counterparty(AccountId.of(accounts[b])).paymentMethod("bank_transfer");
      } else {
        tx.merchant(MerchantId.of(merchants[pick(merchantCdf)]));
        if (channel == Channel.CARD) {
          tx.card(CardId.of(card(accounts[a])));
        }
      }
      return canonical(tx.build(), null);
    }

    private SimulatedEvent benignGenerator(Instant at) {
      int a = pick(accountCdf);
      ObjectNode node = json.createObjectNode();
      node.put("transaction_id", nextTxId());
      node.put("user_id", accounts[a]);
      node.put("amount", amount(3.2, 1.0));
      node.put("timestamp", at.toString());
      node.put("merchant_category", CATEGORIES[pick(merchantCdf) % CATEGORIES.length]);
      node.put("location", locations[a]);
      node.put("payment_method", PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)]);
      node.put("is_fraud", 0);
      return encoded(accounts[a], node, InputFormat.KAFKA_GENERATOR, null);
    }

    private SimulatedEvent benignStore(Instant at) {
      String store = "store-" + (pick(storeCdf) + 1);
      if (random.nextDouble() < 0.1) {
        ObjectNode node = storeNode(at, store, null, 5 + random.nextInt(50), 0, false, false);
        node.put("event_type", StoreDetails.INVENTORY_EVENT);
        return encoded("store:" + store, node, InputFormat.WEB_STORE, null);
      }
      int a = pick(accountCdf);
      ObjectNode node =
          storeNode(
              at,
              store,
              accounts[a],
              1 + random.nextInt(3),
              5 * random.nextInt(7),
              random.nextDouble() < 0.2,
              random.nextDouble() < 0.1);
      return encoded(accounts[a], node, InputFormat.WEB_STORE, null);
    }

    private ObjectNode storeNode(
        Instant at,
        String store,
        String customer,
        int quantity,
        int discount,
        boolean priority,
        boolean giftWrap) {
      ObjectNode node = json.createObjectNode();
      node.put("id", nextTxId());
      node.put("event_type", StoreDetails.SALE_EVENT);
      node.put("store_id", store);
      if (customer != null) {
        node.put("cust_id", customer);
      }
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      node.put("category", category);
      node.put(
          "sku",
          category.substring(0, 3).toUpperCase(java.util.Locale.ROOT) + "-" + random.nextInt(500));
      node.put("price", amount(3.0, 0.8));
      node.put("qty", quantity);
      node.put("discount", discount);
      node.put("gift_wrap", giftWrap);
      node.put("priority_shipping", priority);
      node.put("payment_method", PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)]);
      node.put("ts", at.toString());
      node.put("is_fraud", false);
      return node;
    }

    // ---- injected scenarios

    private void inject(Instant at) {
      Scenario scenario = scenarios.get(scenarioIndex++ % scenarios.size());
      Duration remaining = end == null ? null : Duration.between(at, end);
      if (remaining != null && remaining.compareTo(Duration.ofSeconds(2)) < 0) {
        return;
      }
      switch (scenario) {
        case VELOCITY -> velocity(at, span(Duration.ofSeconds(50), remaining));
        case DEVICE_RING -> sharedIdentifierRing(at, span(Duration.ofMinutes(30), remaining), true);
        case IP_RING -> sharedIdentifierRing(at, span(Duration.ofMinutes(30), remaining), false);
        case TRANSFER_LOOP -> transferLoop(at, span(Duration.ofHours(3), remaining));
        case FAN_IN -> fanIn(at, span(Duration.ofHours(1), remaining));
        case FAN_OUT -> fanOut(at, span(Duration.ofHours(1), remaining));
        case DISCOUNT_ABUSE -> discountAbuse(at, span(Duration.ofMinutes(20), remaining));
      }
    }

    /** The realistic span, shrunk so that every event lands before the end of a finite run. */
    private static Duration span(Duration realistic, Duration remaining) {
      if (remaining == null) {
        return realistic;
      }
      Duration fits = remaining.multipliedBy(8).dividedBy(10);
      return fits.compareTo(realistic) < 0 ? fits : realistic;
    }

    private void velocity(Instant at, Duration span) {
      int a = random.nextInt(accounts.length);
      int swipes = 10 + random.nextInt(8);
      for (int i = 0; i < swipes; i++) {
        Transaction tx =
            base(offset(at, span, i, swipes), accounts[a], amount(4.0, 0.6), true)
                .channel(Channel.CARD)
                .card(CardId.of(card(accounts[a])))
                .merchant(MerchantId.of(merchants[random.nextInt(merchants.length)]))
                .location(CITIES[random.nextInt(CITIES.length)])
                .paymentMethod("credit_card")
                .build();
        schedule(
            canonical(tx, new TruthRow(tx.id().value(), accounts[a], Scenario.VELOCITY, null)));
      }
    }

    private void sharedIdentifierRing(Instant at, Duration span, boolean device) {
      String ringId = nextRingId();
      Scenario scenario = device ? Scenario.DEVICE_RING : Scenario.IP_RING;
      int members = 4 + random.nextInt(27);
      String sharedDevice = "dev-ring-" + ringCounter;
      String sharedIp = "185.220." + (ringCounter / 250 % 250) + "." + (1 + ringCounter % 250);
      for (int m = 0; m < members; m++) {
        String account = freshAccount();
        String ownDevice = "dev-" + account;
        String ownIp =
            "100."
                + (64 + freshAccounts / 65536 % 64)
                + "."
                + (freshAccounts / 256 % 256)
                + "."
                + (freshAccounts % 256);
        int events = 1 + random.nextInt(3);
        for (int e = 0; e < events; e++) {
          Transaction tx =
              base(randomWithin(at, span), account, amount(4.5, 0.8), true)
                  .channel(Channel.ONLINE)
                  .device(DeviceId.of(device ? sharedDevice : ownDevice))
                  .ip(IpAddress.of(device ? ownIp : sharedIp))
                  .merchant(MerchantId.of(merchants[random.nextInt(merchants.length)]))
                  .paymentMethod(PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)])
                  .build();
          schedule(canonical(tx, new TruthRow(tx.id().value(), account, scenario, ringId)));
        }
      }
    }

    private void transferLoop(Instant at, Duration span) {
      String ringId = nextRingId();
      int hops = 3 + random.nextInt(6);
      String[] members = new String[hops];
      for (int i = 0; i < hops; i++) {
        members[i] = freshAccount();
      }
      BigDecimal amount = BigDecimal.valueOf(5000 + random.nextInt(4000));
      for (int i = 0; i < hops; i++) {
        Transaction tx =
            base(offset(at, span, i, hops), members[i], amount, true)
                .channel(Channel.TRANSFER)
                .counterparty(AccountId.of(members[(i + 1) % hops]))
                .device(DeviceId.of("dev-" + members[i]))
                .paymentMethod("bank_transfer")
                .build();
        schedule(
            canonical(
                tx, new TruthRow(tx.id().value(), members[i], Scenario.TRANSFER_LOOP, ringId)));
        BigDecimal fee = BigDecimal.valueOf(1 + random.nextInt(3)).movePointLeft(2);
        amount = amount.multiply(BigDecimal.ONE.subtract(fee)).setScale(2, RoundingMode.HALF_UP);
      }
    }

    private void fanIn(Instant at, Duration span) {
      String ringId = nextRingId();
      String mule = freshAccount();
      int sources = 5 + random.nextInt(16);
      BigDecimal total = BigDecimal.ZERO;
      Duration collecting = span.multipliedBy(8).dividedBy(10);
      for (int i = 0; i < sources; i++) {
        String source = freshAccount();
        BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(1500));
        total = total.add(amount);
        schedule(
            transfer(randomWithin(at, collecting), source, mule, amount, Scenario.FAN_IN, ringId));
      }
      schedule(
          transfer(
              at.plus(span),
              mule,
              freshAccount(),
              total.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_UP),
              Scenario.FAN_IN,
              ringId));
    }

    private void fanOut(Instant at, Duration span) {
      String ringId = nextRingId();
      String source = freshAccount();
      int targets = 5 + random.nextInt(16);
      Duration spreading = span.dividedBy(2);
      for (int i = 0; i < targets; i++) {
        String target = freshAccount();
        BigDecimal amount = BigDecimal.valueOf(300 + random.nextInt(900));
        Instant sent = randomWithin(at, spreading);
        schedule(transfer(sent, source, target, amount, Scenario.FAN_OUT, ringId));
        // each recipient cashes out soon after, so every member acts in the truth
        Transaction cashOut =
            base(
                    randomWithin(sent, spreading),
                    target,
                    amount.multiply(new BigDecimal("0.9")).setScale(2, RoundingMode.HALF_UP),
                    true)
                .channel(Channel.ONLINE)
                .merchant(MerchantId.of("mer-giftcards"))
                .device(DeviceId.of("dev-" + target))
                .paymentMethod("debit_card")
                .build();
        schedule(
            canonical(
                cashOut, new TruthRow(cashOut.id().value(), target, Scenario.FAN_OUT, ringId)));
      }
    }

    private void discountAbuse(Instant at, Duration span) {
      int a = random.nextInt(accounts.length);
      int orders = 3 + random.nextInt(4);
      String store = "store-" + (1 + random.nextInt(STORES));
      for (int i = 0; i < orders; i++) {
        ObjectNode node =
            storeNode(
                randomWithin(at, span),
                store,
                accounts[a],
                1 + random.nextInt(5),
                55 + 5 * random.nextInt(8),
                true,
                false);
        node.put("is_fraud", true);
        String id = node.get("id").asText();
        schedule(
            encoded(
                accounts[a],
                node,
                InputFormat.WEB_STORE,
                new TruthRow(id, accounts[a], Scenario.DISCOUNT_ABUSE, null)));
      }
    }

    private SimulatedEvent transfer(
        Instant at, String from, String to, BigDecimal amount, Scenario scenario, String ringId) {
      Transaction tx =
          base(at, from, amount, true)
              .channel(Channel.TRANSFER)
              .counterparty(AccountId.of(to))
              .device(DeviceId.of("dev-" + from))
              .paymentMethod("bank_transfer")
              .build();
      return canonical(tx, new TruthRow(tx.id().value(), from, scenario, ringId));
    }

    // ---- helpers

    private Transaction.Builder base(Instant at, String account, BigDecimal amount, boolean fraud) {
      return Transaction.builder()
          .id(nextTxId())
          .account(account)
          .amount(amount)
          .timestamp(at)
          .fraudLabel(fraud);
    }

    private SimulatedEvent canonical(Transaction tx, TruthRow truth) {
      return new SimulatedEvent(
          tx.account().value(), CanonicalJson.encode(tx), InputFormat.CANONICAL, tx, truth);
    }

    /** Encodes a foreign-format record and decodes it, so the event carries what consumers see. */
    private SimulatedEvent encoded(
        String key, ObjectNode node, InputFormat format, TruthRow truth) {
      byte[] value;
      try {
        value = json.writeValueAsBytes(node);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      DecodeResult result = decoder.decode(value, format);
      if (!(result instanceof DecodeResult.Accepted accepted)) {
        throw new IllegalStateException("simulator produced an undecodable record: " + result);
      }
      return new SimulatedEvent(key, value, format, accepted.transaction(), truth);
    }

    private void schedule(SimulatedEvent event) {
      queue.add(new Pending(seq++, event));
    }

    private String nextTxId() {
      return "tx-" + config.seed() + "-" + (++txCounter);
    }

    private String nextRingId() {
      return "R-" + config.seed() + "-" + (++ringCounter);
    }

    private String freshAccount() {
      return String.format("acc-f%06d", ++freshAccounts);
    }

    private static String card(String account) {
      return "card-" + account.substring(account.indexOf('-') + 1);
    }

    private static String privateIp(int household) {
      return "10."
          + (household / 65536 % 256)
          + "."
          + (household / 256 % 256)
          + "."
          + (household % 256);
    }

    private Duration interArrival() {
      double seconds = -Math.log(1 - random.nextDouble()) / config.ratePerSecond();
      return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /** The i-th of n instants evenly spread over {@code span} (with a little jitter). */
    private Instant offset(Instant at, Duration span, int i, int n) {
      long step = span.toMillis() / n;
      return at.plusMillis(
          step * i + (step > 1 ? random.nextInt((int) Math.min(step / 2, Integer.MAX_VALUE)) : 0));
    }

    private Instant randomWithin(Instant at, Duration span) {
      long millis = Math.max(1, span.toMillis());
      return at.plusMillis((long) (random.nextDouble() * millis));
    }

    /** A log-normal amount rounded to cents, between 0.50 and 20 000. */
    private BigDecimal amount(double mu, double sigma) {
      double value = Math.exp(mu + sigma * random.nextGaussian());
      value = Math.min(20_000, Math.max(0.5, value));
      return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private int pick(double[] cdf) {
      int index = Arrays.binarySearch(cdf, random.nextDouble());
      return Math.min(cdf.length - 1, index >= 0 ? index : -index - 1);
    }

    private static double[] zipfCdf(int n) {
      double[] cdf = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1 / Math.pow(i + 1, ZIPF_S);
        cdf[i] = sum;
      }
      for (int i = 0; i < n; i++) {
        cdf[i] /= sum;
      }
      return cdf;
    }
  }
}
