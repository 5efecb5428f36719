package io.ringwatch.detectors.domain;

/** An account (customer, card holder or bank account) that transacts. */
public record AccountId(String value) implements Comparable<AccountId> {
  public AccountId {
    value = Ids.require(value, "account id");
  }

  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  /**
   * The value's hash, which is what the record's generated method returns ({@code 31 * 0 +
   * value.hashCode()}), written out because ids are hashed on every scored event and the generated
   * one goes through method handles that the JIT does not always flatten (ADR 0020).
   */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof AccountId other && value.equals(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
