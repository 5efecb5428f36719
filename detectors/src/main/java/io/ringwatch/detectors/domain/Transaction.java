package io.ringwatch.detectors.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The canonical transaction every input format is mapped to. It validates itself: an instance that
 * exists is well-formed. Optional fields are null when the producer did not send them; the
 * accessors named {@code *Opt} wrap them.
 *
 * @param id the producer's transaction id; graph writes are idempotent on it
 * @param account the account that pays or sends
 * @param counterparty the receiving account of a transfer, else null
 * @param amount amount in {@code currency}, at least 0 and at most {@link #MAX_AMOUNT}
 * @param currency ISO 4217 code, upper case
 * @param timestamp event time
 * @param merchant merchant, store or terminal paid, or null
 * @param device device fingerprint, or null
 * @param ip IP address the account connected from, or null
 * @param card card or instrument used, or null
 * @param location free-text location (city, country), or null
 * @param paymentMethod payment method as sent (credit_card, paypal, ...), or null
 * @param channel how the transaction reached us
 * @param fraudLabel the producer's fraud label when known (simulators, back-filled history), else
 *     null
 * @param store web-store details of sale and inventory events, else null
 * @param identity the paying account holder's identity documents (SSN, e-mail, phone) when the
 *     producer sends them, else null (ADR 0015)
 */
public record Transaction(
    TransactionId id,
    AccountId account,
    AccountId counterparty,
    BigDecimal amount,
    String currency,
    Instant timestamp,
    MerchantId merchant,
    DeviceId device,
    IpAddress ip,
    CardId card,
    String location,
    String paymentMethod,
    Channel channel,
    Boolean fraudLabel,
    StoreDetails store,
    Identity identity) {

  /** Amounts above this are treated as corrupt input rather than money. */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  /** Default currency when a format does not carry one. */
  public static final String DEFAULT_CURRENCY = "USD";

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_TEXT = 256;

  public Transaction {
    Objects.requireNonNull(id, "transaction id is required");
    Objects.requireNonNull(account, "account id is required");
    Objects.requireNonNull(amount, "amount is required");
    Objects.requireNonNull(timestamp, "timestamp is required");
    Objects.requireNonNull(channel, "channel is required");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount);
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new IllegalArgumentException("amount " + amount + " is above " + MAX_AMOUNT);
    }
    currency = currency == null ? DEFAULT_CURRENCY : currency.strip().toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
    }
    if (channel == Channel.TRANSFER && counterparty == null) {
      throw new IllegalArgumentException("a transfer needs a counterparty account");
    }
    if (account.equals(counterparty)) {
      throw new IllegalArgumentException("an account cannot transfer to itself: " + account);
    }
    location = boundedText(location, "location");
    paymentMethod = boundedText(paymentMethod, "payment method");
    if (identity != null && identity.isEmpty()) {
      identity = null;
    }
  }

  private static String boundedText(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    if (stripped.length() > MAX_TEXT) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters");
    }
    return stripped;
  }

  public Optional<AccountId> counterpartyOpt() {
    return Optional.ofNullable(counterparty);
  }

  public Optional<MerchantId> merchantOpt() {
    return Optional.ofNullable(merchant);
  }

  public Optional<DeviceId> deviceOpt() {
    return Optional.ofNullable(device);
  }

  public Optional<IpAddress> ipOpt() {
    return Optional.ofNullable(ip);
  }

  public Optional<StoreDetails> storeOpt() {
    return Optional.ofNullable(store);
  }

  public Optional<Identity> identityOpt() {
    return Optional.ofNullable(identity);
  }

  public boolean isTransfer() {
    return counterparty != null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder used by the format adapters and the simulator; {@link #build()} validates. */
  public static final class Builder {
    private TransactionId id;
    private AccountId account;
    private AccountId counterparty;
    private BigDecimal amount;
    private String currency;
    private Instant timestamp;
    private MerchantId merchant;
    private DeviceId device;
    private IpAddress ip;
    private CardId card;
    private String location;
    private String paymentMethod;
    private Channel channel = Channel.CARD;
    private Boolean fraudLabel;
    private StoreDetails store;
    private Identity identity;

    private Builder() {}

    public Builder id(TransactionId id) {
      this.id = id;
      return this;
    }

    public Builder id(String id) {
      return id(new TransactionId(id));
    }

    public Builder account(AccountId account) {
      this.account = account;
      return this;
    }

    public Builder account(String account) {
      return account(new AccountId(account));
    }

    public Builder counterparty(AccountId counterparty) {
      this.counterparty = counterparty;
      return this;
    }

    public Builder amount(BigDecimal amount) {
      this.amount = amount;
      return this;
    }

    public Builder amount(String amount) {
      return amount(new BigDecimal(amount));
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder merchant(MerchantId merchant) {
      this.merchant = merchant;
      return this;
    }

    public Builder device(DeviceId device) {
      this.device = device;
      return this;
    }

    public Builder ip(IpAddress ip) {
      this.ip = ip;
      return this;
    }

    public Builder card(CardId card) {
      this.card = card;
      return this;
    }

    public Builder location(String location) {
      this.location = location;
      return this;
    }

    public Builder paymentMethod(String paymentMethod) {
      this.paymentMethod = paymentMethod;
      return this;
    }

    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    public Builder fraudLabel(Boolean fraudLabel) {
      this.fraudLabel = fraudLabel;
      return this;
    }

    public Builder store(StoreDetails store) {
      this.store = store;
      return this;
    }

    public Builder identity(Identity identity) {
      this.identity = identity;
      return this;
    }

    public Transaction build() {
      return new Transaction(
          id,
          account,
          counterparty,
          amount,
          currency,
          timestamp,
          merchant,
          device,
          ip,
          card,
          location,
          paymentMethod,
          channel,
          fraudLabel,
          store,
          identity);
    }
  }
}
